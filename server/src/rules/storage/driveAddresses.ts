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
  libvirtMessages: ["Invalid address type '%1$s' for the disk '%2$s' with the bus type '%3$s'", 'unexpected address type for usb disk'],
  help:
    'A disk on an IDE, floppy (fdc), SCSI or SATA bus is placed by its controller, bus, target and unit: its `<address>` ' +
    "must be `type='drive'`. A PCI (or other) address belongs to the controller, not to the disk. " +
    "Write a drive address such as `<address type='drive' controller='0' unit='1'/>`, or leave the address out and let libvirt pick one. " +
    "A USB disk is placed by a `usb` address (bus and port).",
  docsAnchor: 'hard-drives-floppy-disks-cdroms',
  check(domain, report) {
    for (const disk of domain.derived(diskFacts)) {
      if (!disk.addressEl || disk.bus === undefined) continue;
      const type = domain.attr(disk.addressEl, 'type');
      const value = type?.value.trim();
      if (!type || !value) continue;
      if (DRIVE_ONLY_BUSES.has(disk.bus) && value !== 'drive') report(type, `A disk on the \`${disk.bus}\` bus takes a \`drive\` address, not \`${value}\``);
      else if (disk.bus === 'usb' && value !== 'usb') report(type, `A USB disk takes a \`usb\` address, not \`${value}\``);
    }
  },
};

function describe(address: DriveAddress): string {
  return `controller ${address.controller}, bus ${address.bus}, target ${address.target}, unit ${address.unit}`;
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
  libvirtMessages: [
    "Found duplicate drive address for disk with target name '%1$s' controller='%2$u' bus='%3$u' target='%4$u' unit='%5$u'",
    "SCSI host address controller='%1$u' bus='%2$u' target='%3$u' unit='%4$u' in use by another SCSI host device",
    "SCSI host address controller='%1$u' bus='%2$u' target='%3$u' unit='%4$u' in use by another SCSI disk",
  ],
  help:
    'Two disks of the same bus cannot share a controller, bus, target and unit, and a SCSI host device cannot take the drive ' +
    'address of a SCSI disk or of another SCSI host device. A disk without `<address>` counts too: libvirt derives its address ' +
    'from the target name (`sda` is SCSI controller 0 unit 0, `sdh` controller 1 unit 0; `hdc` is IDE bus 1 unit 0). ' +
    'Change the unit (or target) of one of them, or drop the written address and let libvirt place the device.',
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
      const derived = disk.driveDerived ? ' (derived from its target name)' : '';
      report(addressSpan(domain, disk), `${diskTitle(disk)} is on ${disk.bus} ${describe(disk.drive)}${derived}, which ${diskName(first)} already uses`, {
        related: [{ ...addressSpan(domain, first), message: `${diskTitle(first)} on ${disk.bus} ${describe(disk.drive)}${first.driveDerived ? ' (derived from its target name)' : ''}` }],
      });
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
      if (other) report(span, `SCSI ${describe(address)} is already taken by another SCSI \`<hostdev>\``, { related: [{ ...other, message: 'The first SCSI host device on this address' }] });
      else if (disk) report(span, `SCSI ${describe(address)} is already taken by ${diskName(disk)}`, { related: [{ ...addressSpan(domain, disk), message: `${diskTitle(disk)} on this address` }] });
      if (!other) hostdevs.set(key, span);
    }
  },
};
