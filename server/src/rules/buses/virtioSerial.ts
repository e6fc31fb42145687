/**
 * virtio-serial ports: a channel or console with a `<address type='virtio-serial'>` naming a port
 * takes that port of that controller; the port must exist (a controller has `ports` ports, 31 by
 * default) and be free (virDomainVirtioSerialAddrReserve, src/conf/domain_addr.c). Port 0 means
 * "pick one" and is left to libvirt.
 */
import { words } from '../../messages/words';
import { devicesWithAddress, fieldValue } from '../addresses';
import { decimalNumber, Span } from '../domain';
import { Rule } from '../rule';
import { controllersOf } from './controllers';

const DEFAULT_PORTS = 31;

export const virtioSerialPortRule: Rule = {
  code: 'virtio-serial-port',
  libvirt: 'virDomainVirtioSerialAddrReserve (src/conf/domain_addr.c)',
  stage: 'define',
  driver: 'any',
  libvirtMessages: ['virtio serial port %1$u on controller %2$u is already occupied', 'virtio serial controller %1$u does not have port %2$u'],
  help: words('rules.help.virtio-serial-port'),
  docsAnchor: 'consoles-serial-parallel-channel-devices',
  check(domain, report) {
    const ports = new Map<number, number>();
    for (const controller of controllersOf(domain)) {
      if (controller.type !== 'virtio-serial' || ports.has(controller.index)) continue;
      ports.set(controller.index, decimalNumber(domain.value(controller.el, 'ports')) ?? DEFAULT_PORTS);
    }
    const taken = new Map<string, { span: Span; name: string }>();
    for (const { el, address } of devicesWithAddress(domain, 'virtio-serial')) {
      const port = fieldValue(address, 'port');
      const controller = fieldValue(address, 'controller');
      if (!port || controller === undefined) continue;
      const portSpan = address.fields.get('port')?.attr ?? address.span;
      // libvirt adds the virtio-serial controllers that channels name (virDomainDefMaybeAddVirtioSerialController).
      const count = ports.get(controller) ?? DEFAULT_PORTS;
      if (port >= count) {
        report(portSpan, words('rules.virtio-serial-port.port', { controller, count, last: count - 1, port }));
        continue;
      }
      const key = `${controller}:${port}`;
      const first = taken.get(key);
      if (first) {
        report(portSpan, words('rules.virtio-serial-port.taken', { port, controller, name: first.name }), {
          related: [{ ...first.span, message: words('rules.virtio-serial-port.first', { port, controller, name: first.name }) }],
        });
        continue;
      }
      taken.set(key, { span: portSpan, name: el.element.name });
    }
  },
};
