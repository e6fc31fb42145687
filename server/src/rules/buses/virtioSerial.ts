/**
 * virtio-serial ports: a channel or console with a `<address type='virtio-serial'>` naming a port
 * takes that port of that controller; the port must exist (a controller has `ports` ports, 31 by
 * default) and be free (virDomainVirtioSerialAddrReserve, src/conf/domain_addr.c). Port 0 means
 * "pick one" and is left to libvirt.
 */
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
  help:
    'Each virtio-serial port holds one channel or console: `<address type=\'virtio-serial\' controller=... port=...>` names the controller\'s index and the port. ' +
    "A controller has as many ports as its `ports` attribute says (31 by default, numbered from 0). Two devices on one port, or a port the controller does not have, are refused. " +
    'Remove the `port` to let libvirt pick a free one.',
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
        report(portSpan, `virtio-serial controller ${controller} has ${count} ports (0-${count - 1}), not port ${port}`);
        continue;
      }
      const key = `${controller}:${port}`;
      const first = taken.get(key);
      if (first) {
        report(portSpan, `virtio-serial port ${port} of controller ${controller} is already taken by \`<${first.name}>\``, {
          related: [{ ...first.span, message: `\`<${first.name}>\` is on virtio-serial port ${port} of controller ${controller}` }],
        });
        continue;
      }
      taken.set(key, { span: portSpan, name: el.element.name });
    }
  },
};
