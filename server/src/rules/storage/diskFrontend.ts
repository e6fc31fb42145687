/**
 * What the guest sees of a disk, by bus.
 *
 * disk-vendor-product-bus: qemuValidateDomainDeviceDefDiskFrontend (src/qemu/qemu_validate.c)
 *   takes `<vendor>` only on SCSI disks and `<product>` only on IDE, SATA and SCSI disks (the
 *   device models that report them).
 */
import { words } from '../../messages/words';
import { Rule } from '../rule';
import { diskFacts, diskTitle } from './disks';

export const diskVendorProductRule: Rule = {
  code: 'disk-vendor-product-bus',
  libvirt: 'qemuValidateDomainDeviceDefDiskFrontend (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: ['disk'],
  libvirtMessages: ["Only scsi disk supports 'vendor'", "Only ide, sata and scsi disk supports 'product'", 'Only scsi disk supports vendor and product'],
  help: words('rules.help.disk-vendor-product-bus'),
  docsAnchor: 'hard-drives-floppy-disks-cdroms',
  check(domain, report) {
    for (const disk of domain.derived(diskFacts)) {
      if (disk.bus === undefined || disk.bus === 'scsi') continue;
      const vendor = domain.child(disk.el, 'vendor');
      if (vendor) report(domain.nameSpan(vendor), words('rules.disk-vendor-product-bus.vendor', { disk: diskTitle(disk), bus: disk.bus }));
      const product = domain.child(disk.el, 'product');
      if (product && disk.bus !== 'ide' && disk.bus !== 'sata') {
        report(domain.nameSpan(product), words('rules.disk-vendor-product-bus.product', { disk: diskTitle(disk), bus: disk.bus }));
      }
    }
  },
};
