/**
 * The disks as libvirt's rules about them read them, computed once per document version
 * (`domain.derived(diskFacts)`): each `<disk>`'s device, bus, target name and what libvirt makes
 * of it, and its drive address, written or derived.
 *
 * - The target name: virDiskNameParse (src/util/virutil.c) reads a prefix (fd, hd, vd, sd, xvd,
 *   ubd), lower-case letters that count like spreadsheet columns (a = 0, z = 25, aa = 26) and an
 *   optional partition number; anything else does not parse.
 * - The bus, when `<target bus>` is absent: virDomainDiskDefParseXML (src/conf/domain_conf.c)
 *   takes fdc for floppies and otherwise picks it from the target's prefix.
 * - The drive address, when `<address>` is absent: virDomainDiskDefAssignAddress
 *   (src/conf/domain_conf.c) derives it from the target's index: ide 4 disks a controller
 *   (bus = index % 4 / 2, unit = index % 2), scsi 7 units a controller (narrow bus), sata 6 units
 *   a controller, fdc one controller with units index % 2. Other buses have no drive address.
 */
import { AttrValue, Domain, El } from '../domain';
import { DeviceAddress, deviceAddresses, fieldValue } from '../addresses';
import { Words, words } from '../../messages/words';

/** What virDiskNameParse makes of a target name. */
export interface ParsedTarget {
  prefix: string;
  /** The disk index (sda → 0, sdb → 1, sdaa → 26). */
  index: number;
  /** The trailing number (vda1 → 1), 0 when there is none. */
  partition: number;
}

const TARGET_PREFIXES = ['fd', 'hd', 'vd', 'sd', 'xvd', 'ubd'];
const INT_MAX = 2 ** 31 - 1;

/** virDiskNameParse: undefined when libvirt cannot read the name (or its index overflows an int). */
export function parseTarget(name: string): ParsedTarget | undefined {
  const prefix = TARGET_PREFIXES.find((p) => name.startsWith(p));
  if (prefix === undefined) return undefined;
  const match = /^([a-z]+)([0-9]*)$/.exec(name.slice(prefix.length));
  if (!match) return undefined;
  let index = 0;
  for (let i = 0; i < match[1].length; i++) {
    index = (index + (i < 1 ? 0 : 1)) * 26 + (match[1].charCodeAt(i) - 97);
    if (index > INT_MAX) return undefined;
  }
  const digits = match[2];
  if (digits.length > 1 && digits.startsWith('0')) return undefined;
  const partition = digits ? Number(digits) : 0;
  if (partition > INT_MAX) return undefined;
  return { prefix, index, partition };
}

/** virIndexToDiskName: the target name of disk `index` with `prefix` (vd, 0 → vda; 26 → vdaa). */
export function targetName(prefix: string, index: number): string {
  let letters = '';
  for (let rest = index; rest >= 0; rest = Math.floor(rest / 26) - 1) letters = String.fromCharCode(97 + (rest % 26)) + letters;
  return prefix + letters;
}

/** The bus libvirt picks for a disk without `<target bus>`. */
function defaultBus(device: string, target: string | undefined): string | undefined {
  if (device === 'floppy') return 'fdc';
  if (target === undefined) return undefined;
  if (target.startsWith('hd')) return 'ide';
  if (target.startsWith('sd')) return 'scsi';
  if (target.startsWith('vd')) return 'virtio';
  if (target.startsWith('xvd')) return 'xen';
  if (target.startsWith('ubd')) return 'uml';
  return undefined;
}

/** A drive address: controller, bus, target, unit. */
export interface DriveAddress {
  controller: number;
  bus: number;
  target: number;
  unit: number;
}

export function driveKey(address: DriveAddress): string {
  return `${address.controller}:${address.bus}:${address.target}:${address.unit}`;
}

/** virDomainDiskDefAssignAddress: the drive address libvirt derives from the target index, per bus. */
export function derivedDriveAddress(bus: string, index: number): DriveAddress | undefined {
  switch (bus) {
    case 'ide':
      return { controller: Math.floor(index / 4), bus: Math.floor((index % 4) / 2), target: 0, unit: index % 2 };
    case 'scsi':
      return { controller: Math.floor(index / 7), bus: 0, target: 0, unit: index % 7 };
    case 'sata':
      return { controller: Math.floor(index / 6), bus: 0, target: 0, unit: index % 6 };
    case 'fdc':
      return { controller: 0, bus: 0, target: 0, unit: index % 2 };
    default:
      return undefined;
  }
}

/** A written `<address type='drive'>` read as libvirt reads it (absent fields are 0); undefined when a field is not a number. */
export function writtenDriveAddress(address: DeviceAddress): DriveAddress | undefined {
  const controller = fieldValue(address, 'controller');
  const bus = fieldValue(address, 'bus');
  const target = fieldValue(address, 'target');
  const unit = fieldValue(address, 'unit');
  if (controller === undefined || bus === undefined || target === undefined || unit === undefined) return undefined;
  return { controller, bus, target, unit };
}

export interface DiskFacts {
  el: El;
  /** `<disk device>`: disk (the default), cdrom, floppy, lun. */
  device: string;
  /** `<disk type>`: file (the default), block, network, volume, dir, nvme, vhostuser ... */
  type: string;
  /** The effective bus: `<target bus>`, else libvirt's default for the device and target. */
  bus: string | undefined;
  /** `<target bus>` as written. */
  busAttr: AttrValue | undefined;
  /** The `<target>` element. */
  targetEl: El | undefined;
  /** `<target dev>`. */
  dev: AttrValue | undefined;
  /** What libvirt reads in the target name; undefined when it cannot. */
  parsed: ParsedTarget | undefined;
  /** The `<address>` child. */
  addressEl: El | undefined;
  /** Its `type`, trimmed. */
  addressType: string | undefined;
  /** The drive address: written (`<address type='drive'>`), or derived from the target when there is no `<address>`. */
  drive: DriveAddress | undefined;
  /** True when `drive` comes from the target name. */
  driveDerived: boolean;
  /** The `<driver>` element. */
  driver: El | undefined;
  /** `<driver type>`: the image format as written. */
  format: AttrValue | undefined;
  /** The `<source>` element. */
  source: El | undefined;
}

function readDisk(domain: Domain, el: El): DiskFacts {
  const device = domain.value(el, 'device') ?? 'disk';
  const type = domain.value(el, 'type') ?? 'file';
  const targetEl = domain.child(el, 'target');
  const dev = targetEl && domain.attr(targetEl, 'dev');
  const busAttr = targetEl && domain.attr(targetEl, 'bus');
  const target = dev?.value.trim();
  const bus = busAttr ? busAttr.value.trim() : defaultBus(device, target);
  const parsed = target !== undefined ? parseTarget(target) : undefined;
  const address = deviceAddresses(domain).of.get(el.element);
  const addressEl = address?.el;
  const addressType = address?.type;
  let drive: DriveAddress | undefined;
  let driveDerived = false;
  if (address) {
    if (addressType === 'drive') drive = writtenDriveAddress(address);
  } else if (bus !== undefined && parsed) {
    drive = derivedDriveAddress(bus, parsed.index);
    driveDerived = drive !== undefined;
  }
  const driver = domain.child(el, 'driver');
  return {
    el,
    device,
    type,
    bus,
    busAttr,
    targetEl,
    dev,
    parsed,
    addressEl,
    addressType,
    drive,
    driveDerived,
    driver,
    format: driver && domain.attr(driver, 'type'),
    source: domain.child(el, 'source'),
  };
}

/** Every `<disk>` of the domain, in document order. Pass to `domain.derived`. */
export function diskFacts(domain: Domain): DiskFacts[] {
  const disks: DiskFacts[] = [];
  for (const device of domain.devicesNamed('disk')) disks.push(readDisk(domain, device));
  return disks;
}

/** How a finding names the disk: its target, or `<disk>` when it has none. */
export function diskName(disk: DiskFacts): Words {
  const target = disk.dev?.value.trim();
  return target ? words('rules.storage.disk', { target }) : words('rules.storage.thisDisk');
}

/** The same at the start of a message. */
export function diskTitle(disk: DiskFacts): Words {
  const target = disk.dev?.value.trim();
  return target ? words('rules.storage.diskTitle', { target }) : words('rules.storage.thisDiskTitle');
}

/** virStorageSourceIsEmpty for local disks: a file or block disk without a path (cdroms and floppies with no medium). */
export function isEmptyLocalSource(domain: Domain, disk: DiskFacts): boolean {
  if (disk.type !== 'file' && disk.type !== 'block') return false;
  if (!disk.source) return true;
  const path = domain.value(disk.source, disk.type === 'file' ? 'file' : 'dev');
  return path === undefined || path === '';
}
