/**
 * Disk target names.
 *
 * - disk-target-duplicate: virDomainDefDuplicateDiskInfoValidate and
 *   virDomainDiskDefCheckDuplicateInfo (src/conf/domain_validate.c, domain_conf.c) refuse two
 *   disks with the same `<target dev>`, whatever their buses. Checked for QEMU domains only:
 *   libvirt's importers for other hypervisors (vmx2xml) write such documents for VMware guests,
 *   whose disk names do not have to be unique there.
 * - disk-target-unknown: virDomainDiskDefAssignAddress (src/conf/domain_conf.c), run at
 *   post-parse for every disk without `<address>`, needs a target virDiskNameToIndex can read
 *   (a known prefix, letters, an optional number; an index that fits an int).
 * - disk-target-partition: qemuValidateDomainDeviceDefDisk (src/qemu/qemu_validate.c) parses the
 *   target again and refuses one it cannot read, and one that names a partition (`vda1`).
 */
import { Fix } from '../../finding';
import { Span } from '../domain';
import { Rule } from '../rule';
import { DiskFacts, derivedDriveAddress, diskFacts, driveKey, targetName } from './disks';

/**
 * The free target names the duplicates are given, lowest first: a name no disk has, whose drive
 * address (for a disk without `<address>`, derived from the name) no disk of its bus holds, and
 * on IDE on the one controller machines have (hda to hdd). Each name handed out is taken.
 */
class FreeTargets {
  private readonly names = new Set<string>();
  private readonly drives = new Set<string>();
  /** Per prefix, bus and whether the address is derived: every index below is not free (what is taken stays taken). */
  private readonly cursors = new Map<string, number>();
  private readonly limit: number;

  constructor(disks: readonly DiskFacts[]) {
    for (const disk of disks) {
      const target = disk.dev?.value.trim();
      if (target) this.names.add(target);
      if (disk.drive && disk.bus !== undefined) this.drives.add(`${disk.bus}/${driveKey(disk.drive)}`);
    }
    // Each name and each drive address (at most one per disk, and one per name handed out) rules
    // out at most one index: among this many, one is free.
    this.limit = 4 * disks.length + 1;
  }

  /** The next free name for `disk`'s prefix, taken; undefined when its name does not parse or none is left. */
  take(disk: DiskFacts): string | undefined {
    const { parsed, bus } = disk;
    if (!parsed || parsed.partition !== 0) return undefined;
    const derives = !disk.addressEl && bus !== undefined && derivedDriveAddress(bus, 0) !== undefined;
    const cursorKey = `${parsed.prefix}/${bus}/${derives}`;
    for (let index = this.cursors.get(cursorKey) ?? 0; index < this.limit; index++) {
      const name = targetName(parsed.prefix, index);
      const drive = derives ? derivedDriveAddress(bus as string, index) : undefined;
      const driveKeyOf = drive && `${bus}/${driveKey(drive)}`;
      if (drive && bus === 'ide' && drive.controller !== 0) break;
      if (this.names.has(name) || (driveKeyOf && this.drives.has(driveKeyOf))) continue;
      this.cursors.set(cursorKey, index + 1);
      this.names.add(name);
      if (driveKeyOf) this.drives.add(driveKeyOf);
      return name;
    }
    return undefined;
  }
}

export const diskTargetDuplicateRule: Rule = {
  code: 'disk-target-duplicate',
  libvirt: 'virDomainDiskDefCheckDuplicateInfo (src/conf/domain_conf.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: ["target '%1$s' duplicated for disk sources '%2$s' and '%3$s'"],
  help:
    'Each `<disk>` needs its own `<target dev>`: the name is how libvirt, the guest tools and the management commands tell ' +
    'the disks apart, and libvirt refuses a name used twice even when the disks sit on different buses. ' +
    'Give the second disk the next free name of its bus (`vdb`, `sdb`, `hdb` ...).',
  docsAnchor: 'hard-drives-floppy-disks-cdroms',
  check(domain, report) {
    const disks = domain.derived(diskFacts);
    const first = new Map<string, Span>();
    const duplicates: { disk: DiskFacts; target: string; earlier: Span }[] = [];
    for (const disk of disks) {
      const target = disk.dev?.value.trim();
      if (!disk.dev || !target) continue;
      const earlier = first.get(target);
      if (!earlier) first.set(target, disk.dev);
      else duplicates.push({ disk, target, earlier });
    }
    if (duplicates.length === 0) return;
    const free = new FreeTargets(disks);
    for (const { disk, target, earlier } of duplicates) {
      const dev = disk.dev as Span;
      const name = free.take(disk);
      const fixes: Fix[] | undefined = name ? [{ title: `Use \`${name}\``, start: dev.from, end: dev.to, newText: name, safe: false }] : undefined;
      report(dev, `Target \`${target}\` is already used by another \`<disk>\``, { related: [{ ...earlier, message: `The first disk with target \`${target}\`` }], fixes });
    }
  },
};

export const diskTargetUnknownRule: Rule = {
  code: 'disk-target-unknown',
  libvirt: 'virDomainDiskDefAssignAddress (src/conf/domain_conf.c)',
  stage: 'define',
  driver: 'any',
  libvirtMessages: ["Unknown disk name '%1$s' and no address specified"],
  help:
    'When a `<disk>` has no `<address>`, libvirt works its drive address out from the target name, which it reads as a ' +
    'prefix (`hd`, `sd`, `vd`, `xvd`, `ubd`, `fd`), lower-case letters counting the disks (`a` is the first, `z` the 26th, ' +
    '`aa` the 27th) and an optional number. A name it cannot read that way, or one whose letters count past what fits an int, ' +
    'is refused. Use a name such as `vdb` or `sdc`, or give the disk an explicit `<address>`.',
  docsAnchor: 'hard-drives-floppy-disks-cdroms',
  check(domain, report) {
    for (const disk of domain.derived(diskFacts)) {
      if (disk.addressEl || !disk.dev || disk.parsed) continue;
      const target = disk.dev.value.trim();
      if (target === '') continue;
      report(disk.dev, `libvirt cannot read a disk index from the target \`${target}\` and the disk has no \`<address>\``);
    }
  },
};

export const diskTargetPartitionRule: Rule = {
  code: 'disk-target-partition',
  libvirt: 'qemuValidateDomainDeviceDefDisk (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: ["invalid disk target '%1$s', partitions can't appear in disk targets", "invalid disk target '%1$s'"],
  help:
    "A disk target names a whole disk as the guest sees it (`vda`, `sdb`); a trailing number would name a partition of it, " +
    'which QEMU cannot attach on its own, and a name libvirt cannot read at all is refused too. ' +
    'Drop the number (`vda1` → `vda`), or attach the partition as a block device of its own.',
  docsAnchor: 'hard-drives-floppy-disks-cdroms',
  check(domain, report) {
    for (const disk of domain.derived(diskFacts)) {
      if (!disk.dev) continue;
      const target = disk.dev.value.trim();
      if (target === '') continue;
      if (disk.parsed) {
        if (disk.parsed.partition === 0) continue;
        const whole = target.replace(/[0-9]+$/, '');
        report(disk.dev, `Target \`${target}\` names partition ${disk.parsed.partition} of \`${whole}\`, not a disk`, {
          fixes: [{ title: `Use \`${whole}\``, start: disk.dev.from, end: disk.dev.to, newText: whole, safe: false }],
        });
      } else if (disk.addressEl) {
        // Without an <address>, disk-target-unknown reports the name (libvirt refuses it earlier).
        report(disk.dev, `libvirt cannot read the target \`${target}\` as a disk name`);
      }
    }
  },
};
