/**
 * What the guest sees of a disk, by bus.
 *
 * disk-vendor-product-bus: qemuValidateDomainDeviceDefDiskFrontend (src/qemu/qemu_validate.c)
 *   takes `<vendor>` only on SCSI disks and `<product>` only on IDE, SATA and SCSI disks (the
 *   device models that report them).
 */
import { Rule } from '../rule';
import { diskFacts, diskTitle } from './disks';

export const diskVendorProductRule: Rule = {
  code: 'disk-vendor-product-bus',
  libvirt: 'qemuValidateDomainDeviceDefDiskFrontend (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: ["Only scsi disk supports 'vendor'", "Only ide, sata and scsi disk supports 'product'", 'Only scsi disk supports vendor and product'],
  help:
    "`<vendor>` and `<product>` set the identification strings the disk reports to the guest. QEMU's SCSI disk can report a " +
    'vendor; IDE, SATA and SCSI disks can report a product name; virtio and USB disks report neither. Put the disk on ' +
    "`bus='scsi'` or remove the element.",
  docsAnchor: 'hard-drives-floppy-disks-cdroms',
  check(domain, report) {
    for (const disk of domain.derived(diskFacts)) {
      if (disk.bus === undefined || disk.bus === 'scsi') continue;
      const vendor = domain.child(disk.el, 'vendor');
      if (vendor) report(domain.nameSpan(vendor), `${diskTitle(disk)} is on the \`${disk.bus}\` bus; only SCSI disks report a \`<vendor>\``);
      const product = domain.child(disk.el, 'product');
      if (product && disk.bus !== 'ide' && disk.bus !== 'sata') {
        report(domain.nameSpan(product), `${diskTitle(disk)} is on the \`${disk.bus}\` bus; only IDE, SATA and SCSI disks report a \`<product>\``);
      }
    }
  },
};
