/**
 * Devices that QEMU has only in some forms. qemuValidateDomainDefConsole: a console's target is
 * serial, virtio, sclp or sclplm (xen, uml, lxc and openvz consoles belong to other drivers).
 * qemuValidateDomainDeviceDefMemballoon: the balloon is a virtio one (or none).
 * qemuValidateDomainDeviceDefNVRAM: the `<nvram>` device exists on pSeries only, on a spapr-vio
 * address with a reg. All in src/qemu/qemu_validate.c.
 */
import { words } from '../../messages/words';
import { addressOf } from '../addresses';
import { domainMachineFamily, effectiveArch } from '../machines';
import { Rule } from '../rule';

const QEMU_CONSOLE_TARGETS = new Set(['serial', 'virtio', 'sclp', 'sclplm']);
const QEMU_BALLOONS = new Set(['virtio', 'virtio-transitional', 'virtio-non-transitional', 'none']);

export const qemuPlatformDevicesRule: Rule = {
  code: 'qemu-device-kind',
  libvirt: 'qemuValidateDomainDefConsole, qemuValidateDomainDeviceDefMemballoon, qemuValidateDomainDeviceDefNVRAM (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: [
    'unsupported console target type %1$s',
    "Memory balloon device type '%1$s' is not supported by this version of qemu",
    'nvram device is only supported for PPC64',
    'nvram address type must be spaprvio',
  ],
  help: words('rules.help.qemu-device-kind'),
  docsAnchor: 'consoles-serial-parallel-channel-devices',
  check(domain, report) {
    const arch = effectiveArch(domain);
    const family = domainMachineFamily(domain);
    for (const device of domain.devices) {
      switch (device.element.name) {
        case 'console': {
          const target = domain.child(device, 'target');
          const type = target && domain.attr(target, 'type');
          if (type && !QEMU_CONSOLE_TARGETS.has(type.value.trim())) report(type, words('rules.qemu-device-kind.console', { type: type.value.trim() }));
          break;
        }
        case 'memballoon': {
          const model = domain.attr(device, 'model');
          if (model && !QEMU_BALLOONS.has(model.value.trim())) report(model, words('rules.qemu-device-kind.balloon', { model: model.value.trim() }));
          break;
        }
        case 'nvram': {
          if (arch && family !== 'pseries') {
            report(domain.nameSpan(device), words('rules.qemu-device-kind.nvramMachine', { machine: domain.machine ?? arch }));
            break;
          }
          const address = addressOf(domain, device);
          if (address && (address.type !== 'spapr-vio' || !address.fields.has('reg'))) report(address.span, words('rules.qemu-device-kind.nvramAddress'));
          break;
        }
      }
    }
  },
};
