/**
 * What the QEMU driver accepts of a disk's frontend (qemuValidateDomainDeviceDefDiskFrontend,
 * qemuValidateDomainDeviceDefDiskTransient and qemuValidateDomainDeviceDefDisk,
 * src/qemu/qemu_validate.c). Only the checks that do not depend on the QEMU binary's
 * capabilities are mirrored.
 *
 * - disk-bus-unsupported: features QEMU's device for the bus lacks: ejectable media on virtio
 *   and sd, a WWN beyond IDE and SCSI, `device='lun'` beyond virtio and SCSI, read-only IDE and
 *   SATA hard disks, CHS geometry on USB and sd (translation on IDE only), a rotation rate
 *   beyond SCSI, IDE and SATA hard disks, a serial on sd, IOThreads beyond virtio.
 * - disk-lun-unsupported: a lun passes the host's identity through: no wwn, vendor, product
 *   or copy-on-read, and no serial on SCSI.
 * - disk-copy-on-read: copy-on-read writes, so not on read-only disks (cdroms are read-only).
 * - disk-io-native-cache: `io='native'` needs O_DIRECT: cache `none` or `directsync`.
 * - disk-serial-chars: the serial goes on QEMU's command line: letters, digits, space and -_.+
 * - disk-driver-name: the QEMU driver's only disk driver is `qemu`.
 * - disk-iothread-undefined: a disk's `iothread` must be one of the domain's IOThreads.
 * - disk-transient: a `<transient/>` disk is a writable, non-empty file hard disk.
 * - disk-iotune-unsupported: qemuValidateDomainDeviceDefDiskBlkdeviotune: no throttling on sd
 *   cards, and a throttle `group_name` only with limits to share.
 */
import { Rule } from '../rule';
import { Domain, El, decimalNumber } from '../domain';
import { DiskFacts, diskFacts, diskName, diskTitle, isEmptyLocalSource } from './disks';

/** Read-only as libvirt sees it: `<readonly/>`, and every cdrom (virDomainDiskDefPostParse). */
function isReadonly(domain: Domain, disk: DiskFacts): boolean {
  return disk.device === 'cdrom' || domain.child(disk.el, 'readonly') !== undefined;
}

const target = (disk: DiskFacts) => disk.dev?.value.trim() ?? '';

export const diskBusUnsupportedRule: Rule = {
  code: 'disk-bus-unsupported',
  libvirt: 'qemuValidateDomainDeviceDefDiskFrontend (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: [
    "disk type of '%1$s' does not support ejectable media",
    'Only ide and scsi disk support wwn',
    "disk device='lun' is not supported for bus='%1$s'",
    'readonly ide disks are not supported',
    'readonly sata disks are not supported',
    "CHS geometry can not be set for '%1$s' bus",
    "CHS translation mode can only be set for 'ide' bus not '%1$s'",
    'rotation rate is only valid for SCSI/IDE/SATA bus',
    'rotation rate is only valid for disk device',
    "Serial property not supported for drive bus '%1$s'",
    'IOThreads not available for bus %1$s target %2$s',
  ],
  help:
    'Each disk bus is a different QEMU device with its own features: virtio and sd disks cannot be cdroms (no ejectable ' +
    "medium), only IDE and SCSI disks report a WWN, `device='lun'` passthrough needs virtio or SCSI, IDE and SATA hard disks " +
    'cannot be read-only, USB and sd disks take no CHS geometry and only IDE a BIOS translation, a rotation rate is for SCSI, ' +
    'IDE and SATA hard disks, sd cards take no serial and only virtio disks run in an IOThread. Move the disk to a bus that ' +
    'has the feature (often `scsi` or `sata`), or drop the setting.',
  docsAnchor: 'hard-drives-floppy-disks-cdroms',
  check(domain, report) {
    for (const disk of domain.derived(diskFacts)) {
      const bus = disk.bus;
      if (bus === undefined) continue;
      const busSpan = disk.busAttr ?? disk.dev ?? domain.nameSpan(disk.el);
      if (disk.device === 'cdrom' && (bus === 'virtio' || bus === 'sd')) report(busSpan, `A cdrom cannot be on the \`${bus}\` bus, which has no ejectable media`);
      const wwn = domain.child(disk.el, 'wwn');
      if (wwn && bus !== 'ide' && bus !== 'scsi') report(domain.nameSpan(wwn), `Only IDE and SCSI disks report a \`<wwn>\`, not ${diskName(disk)} on \`${bus}\``);
      if (disk.device === 'lun' && bus !== 'virtio' && bus !== 'scsi') report(busSpan, `A \`lun\` needs the virtio or scsi bus, not \`${bus}\``);
      if (disk.device === 'disk' && (bus === 'ide' || bus === 'sata')) {
        const readonly = domain.child(disk.el, 'readonly');
        if (readonly) report(domain.nameSpan(readonly), `A read-only hard disk cannot be on the \`${bus}\` bus`);
      }
      const geometry = domain.child(disk.el, 'geometry');
      if (geometry) {
        const cyls = decimalNumber(domain.value(geometry, 'cyls'));
        const heads = decimalNumber(domain.value(geometry, 'heads'));
        const secs = decimalNumber(domain.value(geometry, 'secs'));
        if (cyls && heads && secs) {
          const trans = domain.attr(geometry, 'trans');
          if (bus === 'usb' || bus === 'sd') report(domain.nameSpan(geometry), `CHS geometry cannot be set on the \`${bus}\` bus`);
          else if (trans && trans.value.trim() !== '' && bus !== 'ide') report(trans, `A BIOS translation mode is for IDE disks, not the \`${bus}\` bus`);
        }
      }
      const rotation = disk.targetEl && domain.attr(disk.targetEl, 'rotation_rate');
      if (rotation && decimalNumber(rotation.value)) {
        if (bus !== 'scsi' && bus !== 'ide' && bus !== 'sata') report(rotation, `A rotation rate is for SCSI, IDE and SATA disks, not the \`${bus}\` bus`);
        else if (disk.device !== 'disk') report(rotation, `A rotation rate is for hard disks, not a \`${disk.device}\``);
      }
      const serial = domain.child(disk.el, 'serial');
      if (serial && bus === 'sd') report(domain.nameSpan(serial), 'An sd card takes no `<serial>`');
      const driver = disk.driver;
      const iothread = driver && domain.attr(driver, 'iothread');
      if (iothread && decimalNumber(iothread.value) && bus !== 'virtio') report(iothread, `Only virtio disks run in an IOThread, not ${diskName(disk)} on \`${bus}\``);
    }
  },
};

export const diskLunUnsupportedRule: Rule = {
  code: 'disk-lun-unsupported',
  libvirt: 'qemuValidateDomainDeviceDefDiskFrontend (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: [
    'Setting wwn is not supported for lun device',
    'Setting vendor or product is not supported for lun device',
    "copy_on_read is not compatible with 'lun' disk '%1$s'",
    "scsi-block 'lun' devices do not support the serial property",
  ],
  help:
    "A `device='lun'` disk passes the host's SCSI device through, identity included: QEMU cannot give it another WWN, vendor, " +
    'product or (on SCSI) serial, nor copy-on-read. Remove those settings, or use a plain `device=\'disk\'`.',
  docsAnchor: 'hard-drives-floppy-disks-cdroms',
  check(domain, report) {
    for (const disk of domain.derived(diskFacts)) {
      if (disk.device !== 'lun') continue;
      for (const name of ['wwn', 'vendor', 'product']) {
        const el = domain.child(disk.el, name);
        if (el) report(domain.nameSpan(el), `A \`lun\` reports the host device's identity; \`<${name}>\` cannot be set`);
      }
      const driver = disk.driver;
      const cor = driver && domain.attr(driver, 'copy_on_read');
      if (cor?.value.trim() === 'on' && !domain.child(disk.el, 'readonly')) report(cor, 'A `lun` cannot use copy-on-read');
      const serial = domain.child(disk.el, 'serial');
      if (serial && disk.bus === 'scsi') report(domain.nameSpan(serial), 'A SCSI `lun` passes the host serial through; `<serial>` cannot be set');
    }
  },
};

export const diskCopyOnReadRule: Rule = {
  code: 'disk-copy-on-read',
  libvirt: 'qemuValidateDomainDeviceDefDiskFrontend (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: ["copy_on_read is not compatible with read-only disk '%1$s'", "copy_on_read is not supported with removable disk '%1$s'"],
  help:
    "`copy_on_read='on'` writes what the guest reads from a backing image into the top image, so the disk must be writable: " +
    'a read-only disk, a cdrom or a floppy cannot use it. Remove the attribute or the `<readonly/>`.',
  docsAnchor: 'hard-drives-floppy-disks-cdroms',
  check(domain, report) {
    for (const disk of domain.derived(diskFacts)) {
      const driver = disk.driver;
      const cor = driver && domain.attr(driver, 'copy_on_read');
      if (!cor || cor.value.trim() !== 'on') continue;
      if (isReadonly(domain, disk)) report(cor, `${diskTitle(disk)} is read-only and cannot copy on read`);
      else if (disk.device === 'floppy') report(cor, `${diskTitle(disk)} is removable and cannot copy on read`);
    }
  },
};

export const diskIoNativeCacheRule: Rule = {
  code: 'disk-io-native-cache',
  libvirt: 'qemuValidateDomainDeviceDefDiskFrontend (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: ["io='native' needs either no disk cache or directsync cache mode"],
  help:
    "`io='native'` (Linux AIO) works only on files opened with O_DIRECT, that is with the host page cache bypassed: " +
    "`cache='none'` or `cache='directsync'`. Set one of them, or use `io='threads'` or `io='io_uring'`.",
  docsAnchor: 'hard-drives-floppy-disks-cdroms',
  check(domain, report) {
    for (const disk of domain.derived(diskFacts)) {
      const driver = disk.driver;
      const io = driver && domain.attr(driver, 'io');
      if (!driver || !io || io.value.trim() !== 'native') continue;
      const cache = domain.attr(driver, 'cache');
      const mode = cache?.value.trim();
      if (mode === 'none' || mode === 'directsync') continue;
      report(cache ?? io, mode ? `\`io='native'\` needs cache \`none\` or \`directsync\`, not \`${mode}\`` : "`io='native'` needs `cache='none'` or `cache='directsync'`");
    }
  },
};

const SERIAL_CHARS = /^[A-Za-z0-9\-_ .+]*$/;

export const diskSerialCharsRule: Rule = {
  code: 'disk-serial-chars',
  libvirt: 'qemuValidateDomainDeviceDefDiskSerial (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: ["driver serial '%1$s' contains unsafe characters"],
  help:
    "A disk's `<serial>` is passed to QEMU on its command line, so libvirt takes only letters, digits, spaces and the " +
    'characters `-`, `_`, `.` and `+`. Remove the other characters.',
  docsAnchor: 'hard-drives-floppy-disks-cdroms',
  check(domain, report) {
    for (const disk of domain.derived(diskFacts)) {
      const serial = domain.child(disk.el, 'serial');
      if (!serial || serial.element.children.some((c) => c.kind === 'element')) continue;
      const text = domain.content(serial);
      if (SERIAL_CHARS.test(text.value)) continue;
      const bad = [...new Set(text.value.replace(/[A-Za-z0-9\-_ .+]/g, ''))].join(' ');
      report(text.from < text.to ? text : domain.nameSpan(serial), `The serial of ${diskName(disk)} has characters libvirt does not pass on: ${bad}`);
    }
  },
};

export const diskDriverNameRule: Rule = {
  code: 'disk-driver-name',
  libvirt: 'qemuValidateDomainDeviceDefDisk (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: ["unsupported driver name '%1$s' for disk '%2$s'"],
  help:
    "In a QEMU domain `<driver name>` of a disk can only be `qemu` (other names, such as `tap` or `phy`, belong to Xen). " +
    "Set `name='qemu'` or leave it out.",
  docsAnchor: 'hard-drives-floppy-disks-cdroms',
  check(domain, report) {
    for (const disk of domain.derived(diskFacts)) {
      const driver = disk.driver;
      const name = driver && domain.attr(driver, 'name');
      if (!name || name.value === '' || name.value === 'qemu') continue;
      report(name, `QEMU disks take driver \`qemu\`, not \`${name.value}\``, {
        fixes: [{ title: "Use `name='qemu'`", start: name.from, end: name.to, newText: 'qemu', safe: false }],
      });
    }
  },
};

/**
 * The IOThread ids the domain has: `<iothreadids>`, filled up with the lowest unused ids to the
 * `<iothreads>` count (virDomainIOThreadIDDefArrayInit, src/conf/domain_conf.c); undefined
 * when the count cannot be read.
 */
function iothreadIds(domain: Domain): Set<number> | undefined {
  const ids = new Set<number>();
  for (const el of domain.at(['iothreadids', 'iothread'])) {
    const id = decimalNumber(domain.value(el, 'id'));
    if (id === undefined) return undefined;
    ids.add(id);
  }
  const countEl = domain.first(['iothreads']);
  const count = countEl ? decimalNumber(domain.content(countEl).value) : 0;
  if (count === undefined) return undefined;
  for (let id = 1; ids.size < count; id++) ids.add(id);
  return ids;
}

export const diskIothreadRule: Rule = {
  code: 'disk-iothread-undefined',
  libvirt: 'qemuValidateDomainDeviceDefDiskIOThreads (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: ["Disk iothread '%1$u' not defined in iothreadid"],
  help:
    "`<driver iothread='N'>` runs the disk in IOThread N, which the domain must have: `<iothreads>` sets how many there are " +
    '(numbered from 1 unless `<iothreadids>` names them). Raise `<iothreads>`, add the id to `<iothreadids>`, or pick an existing one.',
  docsAnchor: 'iothreads-allocation',
  check(domain, report) {
    let ids: Set<number> | undefined | null = null;
    for (const disk of domain.derived(diskFacts)) {
      if (disk.bus !== 'virtio') continue;
      const driver = disk.driver;
      const attr = driver && domain.attr(driver, 'iothread');
      const id = attr && decimalNumber(attr.value);
      if (!attr || !id) continue;
      if (ids === null) ids = iothreadIds(domain);
      if (ids && !ids.has(id)) report(attr, `The domain has no IOThread ${id} for ${diskName(disk)}`);
    }
  },
};

export const diskTransientRule: Rule = {
  code: 'disk-transient',
  libvirt: 'qemuValidateDomainDeviceDefDiskTransient (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: [
    "transient disk '%1$s' must not be empty",
    "transient disk '%1$s' must not be read-only",
    "transient disk supported only with 'file' type (%1$s)",
    "transient disk supported only with 'disk' device (%1$s)",
  ],
  help:
    '`<transient/>` lets the guest write to an overlay that is thrown away when it stops. libvirt does this only for a ' +
    "writable hard disk backed by a file (`<disk type='file' device='disk'>` with a source). Remove `<transient/>` from other disks.",
  docsAnchor: 'hard-drives-floppy-disks-cdroms',
  check(domain, report) {
    for (const disk of domain.derived(diskFacts)) {
      const transient = domain.child(disk.el, 'transient');
      if (!transient) continue;
      const at = domain.nameSpan(transient);
      const name = target(disk) || 'this disk';
      if (isEmptyLocalSource(domain, disk)) report(at, `Transient disk \`${name}\` has no source`);
      else if (isReadonly(domain, disk)) report(at, `Transient disk \`${name}\` is read-only`);
      else if (disk.type !== 'file' && disk.type !== 'volume') report(at, `A transient disk must be \`type='file'\`, not \`${disk.type}\``);
      else if (disk.device !== 'disk') report(at, `A transient disk must be \`device='disk'\`, not \`${disk.device}\``);
    }
  },
};

export const diskIotuneUnsupportedRule: Rule = {
  code: 'disk-iotune-unsupported',
  libvirt: 'qemuValidateDomainDeviceDefDiskBlkdeviotune (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: ['group_name can be configured only together with settings', "<iotune> is not supported with bus='sd'"],
  help:
    "`<iotune>` throttles a disk's I/O. QEMU cannot throttle an sd card, and a `group_name` alone does nothing: it shares " +
    'the limits set next to it among the disks of the group. Add limits to the group, or remove `<iotune>`.',
  docsAnchor: 'hard-drives-floppy-disks-cdroms',
  check(domain, report) {
    for (const disk of domain.derived(diskFacts)) {
      const iotune = domain.child(disk.el, 'iotune');
      if (!iotune) continue;
      let limits = false;
      let group: El | undefined;
      for (const child of domain.children(iotune)) {
        if (child.element.name === 'group_name') group = child;
        else if (decimalNumber(domain.content(child).value)) limits = true;
      }
      if (disk.bus === 'sd' && limits) report(domain.nameSpan(iotune), 'An sd card cannot be throttled');
      else if (group && !limits) report(domain.nameSpan(group), 'A throttle group needs limits to share');
    }
  },
};
