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
import { words } from '../../messages/words';
import { Rule, replaceFix } from '../rule';
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
  onlyWith: ['disk'],
  libvirtMessages: ["target '%1$s' duplicated for disk sources '%2$s' and '%3$s'"],
  help: words('rules.help.disk-target-duplicate'),
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
      const fixes: Fix[] | undefined = name ? [replaceFix(dev, name, words('rules.storage.fix.use', { value: name }))] : undefined;
      report(dev, words('rules.disk-target-duplicate.used', { target }), { related: [{ ...earlier, message: words('rules.disk-target-duplicate.first', { target }) }], fixes });
    }
  },
};

export const diskTargetUnknownRule: Rule = {
  code: 'disk-target-unknown',
  libvirt: 'virDomainDiskDefAssignAddress (src/conf/domain_conf.c)',
  stage: 'define',
  driver: 'any',
  onlyWith: ['disk'],
  libvirtMessages: ["Unknown disk name '%1$s' and no address specified"],
  help: words('rules.help.disk-target-unknown'),
  docsAnchor: 'hard-drives-floppy-disks-cdroms',
  check(domain, report) {
    for (const disk of domain.derived(diskFacts)) {
      if (disk.addressEl || !disk.dev || disk.parsed) continue;
      const target = disk.dev.value.trim();
      if (target === '') continue;
      report(disk.dev, words('rules.disk-target-unknown.unreadable', { target }));
    }
  },
};

export const diskTargetPartitionRule: Rule = {
  code: 'disk-target-partition',
  libvirt: 'qemuValidateDomainDeviceDefDisk (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: ['disk'],
  libvirtMessages: ["invalid disk target '%1$s', partitions can't appear in disk targets", "invalid disk target '%1$s'"],
  help: words('rules.help.disk-target-partition'),
  docsAnchor: 'hard-drives-floppy-disks-cdroms',
  check(domain, report) {
    for (const disk of domain.derived(diskFacts)) {
      if (!disk.dev) continue;
      const target = disk.dev.value.trim();
      if (target === '') continue;
      if (disk.parsed) {
        if (disk.parsed.partition === 0) continue;
        const whole = target.replace(/[0-9]+$/, '');
        report(disk.dev, words('rules.disk-target-partition.partition', { target, partition: disk.parsed.partition, whole }), {
          fixes: [replaceFix(disk.dev, whole, words('rules.storage.fix.use', { value: whole }))],
        });
      } else if (disk.addressEl) {
        // Without an <address>, disk-target-unknown reports the name (libvirt refuses it earlier).
        report(disk.dev, words('rules.disk-target-partition.unreadable', { target }));
      }
    }
  },
};
