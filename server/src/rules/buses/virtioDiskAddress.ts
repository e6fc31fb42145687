/**
 * The address types a virtio disk can have: a PCI address (or none, and libvirt assigns one),
 * a CCW address on s390, a virtio-mmio address. Any other type, such as a `drive` address copied
 * from a SCSI disk, is refused when libvirt assigns addresses (qemuDomainAssignDevicePCISlots,
 * src/qemu/qemu_domain_address.c).
 */
import { words } from '../../messages/words';
import { titled } from '../rule';
import { Rule, removeElementFix } from '../rule';
import { deviceAddresses } from '../addresses';
import { pciMap } from './pci';

const ACCEPTED = new Set(['pci', 'ccw', 'virtio-mmio', 'virtio-s390']);

export const virtioDiskAddressTypeRule: Rule = {
  code: 'virtio-disk-address-type',
  libvirt: 'qemuDomainAssignDevicePCISlots (src/qemu/qemu_domain_address.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: ['disk'],
  libvirtMessages: ["virtio disk cannot have an address of type '%1$s'"],
  help: words('rules.help.virtio-disk-address-type'),
  docsAnchor: 'hard-drives-floppy-disks-cdroms',
  check(domain, report) {
    // libvirt assigns PCI addresses, and makes this check, on machines with a PCI bus only.
    if (pciMap(domain).buses.length === 0) return;
    const addresses = deviceAddresses(domain).of;
    for (const el of domain.devicesNamed('disk')) {
      const target = domain.child(el, 'target');
      const bus = domain.value(target, 'bus') ?? (domain.value(target, 'dev')?.startsWith('vd') ? 'virtio' : undefined);
      if (bus !== 'virtio') continue;
      const address = addresses.get(el.element);
      if (!address || address.type === undefined || ACCEPTED.has(address.type)) continue;
      const type = domain.attr(address.el, 'type');
      report(type ?? address.span, words('rules.virtio-disk-address-type.type', { type: address.type }), {
        fixes: [titled(removeElementFix(domain, address.el, '', true), words('rules.virtio-disk-address-type.fix.remove'))],
      });
    }
  },
};
