/**
 * Drive addresses of disks and SCSI host devices.
 *
 * - disk-address-type: virDomainDiskAddressDiskBusCompatibility (src/conf/domain_validate.c)
 *   lets a disk on the ide, fdc, scsi or sata bus have only a `drive` address, and
 *   qemuValidateDomainDeviceDefDiskFrontend (src/qemu/qemu_validate.c) a USB disk only a `usb`
 *   one. Checked for QEMU
 *   domains only: bhyve places each SATA (AHCI) disk in a PCI slot of its own, and libvirt's
 *   bhyve importer writes that slot as the disk's address.
 * - drive-address-duplicate: virDomainDefDuplicateDriveAddressesValidate
 *   (src/conf/domain_validate.c) refuses two disks of the same bus on the same
 *   controller/bus/target/unit, counting the address libvirt derived from the target name of a
 *   disk without `<address>` (post-parse runs first); and a SCSI `<hostdev>` whose drive address
 *   another SCSI hostdev or a SCSI disk already holds.
 */
import { Words, words } from '../../messages/words';
import { Rule } from '../rule';
import { Domain, Span } from '../domain';
import { DiskFacts, DriveAddress, diskFacts, diskName, diskTitle, driveKey, writtenDriveAddress } from './disks';
import { deviceAddresses } from '../addresses';

const DRIVE_ONLY_BUSES = new Set(['ide', 'fdc', 'scsi', 'sata']);

export const diskAddressTypeRule: Rule = {
  code: 'disk-address-type',
  libvirt: 'virDomainDiskAddressDiskBusCompatibility (src/conf/domain_validate.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: ['disk'],
  libvirtMessages: ["Invalid address type '%1$s' for the disk '%2$s' with the bus type '%3$s'", 'unexpected address type for usb disk'],
  help: words('rules.help.disk-address-type'),
  docsAnchor: 'hard-drives-floppy-disks-cdroms',
  check(domain, report) {
    for (const disk of domain.derived(diskFacts)) {
      if (!disk.addressEl || disk.bus === undefined) continue;
      const type = domain.attr(disk.addressEl, 'type');
      const value = type?.value.trim();
      if (!type || !value) continue;
      if (DRIVE_ONLY_BUSES.has(disk.bus) && value !== 'drive') report(type, words('rules.disk-address-type.drive', { bus: disk.bus, type: value }));
      else if (disk.bus === 'usb' && value !== 'usb') report(type, words('rules.disk-address-type.usb', { type: value }));
    }
  },
};

function describe(address: DriveAddress): Words {
  return words('rules.storage.driveAddress', { ...address });
}

/** What a disk's drive address says of where it comes from: nothing when written, else its target name. */
function derivation(disk: DiskFacts): Words | string {
  return disk.driveDerived ? words('rules.drive-address-duplicate.derived') : '';
}

/** Where a finding about a disk's drive address goes: the written `<address>`, else the target name it was derived from. */
function addressSpan(domain: Domain, disk: DiskFacts): Span {
  if (disk.addressEl) return domain.nameSpan(disk.addressEl);
  return disk.dev ?? domain.nameSpan(disk.el);
}

export const driveAddressDuplicateRule: Rule = {
  code: 'drive-address-duplicate',
  libvirt: 'virDomainDefDuplicateDriveAddressesValidate (src/conf/domain_validate.c)',
  stage: 'define',
  driver: 'any',
  onlyWith: ['disk', 'hostdev'],
  libvirtMessages: [
    "Found duplicate drive address for disk with target name '%1$s' controller='%2$u' bus='%3$u' target='%4$u' unit='%5$u'",
    "SCSI host address controller='%1$u' bus='%2$u' target='%3$u' unit='%4$u' in use by another SCSI host device",
    "SCSI host address controller='%1$u' bus='%2$u' target='%3$u' unit='%4$u' in use by another SCSI disk",
  ],
  help: words('rules.help.drive-address-duplicate'),
  docsAnchor: 'hard-drives-floppy-disks-cdroms',
  check(domain, report) {
    const disks = domain.derived(diskFacts);
    const taken = new Map<string, DiskFacts>();
    const scsiDisks = new Map<string, DiskFacts>();
    for (const disk of disks) {
      if (!disk.drive || disk.bus === undefined) continue;
      const key = `${disk.bus}/${driveKey(disk.drive)}`;
      const first = taken.get(key);
      if (!first) {
        taken.set(key, disk);
        if (disk.bus === 'scsi') scsiDisks.set(driveKey(disk.drive), disk);
        continue;
      }
      const at = { bus: disk.bus, address: describe(disk.drive) };
      const said = words('rules.drive-address-duplicate.disk', { disk: diskTitle(disk), ...at, derived: derivation(disk), first: diskName(first) });
      const firstSaid = words('rules.drive-address-duplicate.firstDisk', { disk: diskTitle(first), ...at, derived: derivation(first) });
      report(addressSpan(domain, disk), said, { related: [{ ...addressSpan(domain, first), message: firstSaid }] });
    }
    const hostdevs = new Map<string, Span>();
    for (const hostdev of domain.devicesNamed('hostdev')) {
      if (domain.value(hostdev, 'type') !== 'scsi') continue;
      const written = deviceAddresses(domain).of.get(hostdev.element);
      if (!written || written.type !== 'drive') continue;
      const addressEl = written.el;
      const address = writtenDriveAddress(written);
      if (!address) continue;
      const key = driveKey(address);
      const span = domain.nameSpan(addressEl);
      const other = hostdevs.get(key);
      const disk = scsiDisks.get(key);
      if (other) {
        report(span, words('rules.drive-address-duplicate.hostdev', { address: describe(address) }), {
          related: [{ ...other, message: words('rules.drive-address-duplicate.firstHostdev') }],
        });
      } else if (disk) {
        report(span, words('rules.drive-address-duplicate.hostdevOnDisk', { address: describe(address), disk: diskName(disk) }), {
          related: [{ ...addressSpan(domain, disk), message: words('rules.drive-address-duplicate.diskHere', { disk: diskTitle(disk) }) }],
        });
      }
      if (!other) hostdevs.set(key, span);
    }
  },
};
