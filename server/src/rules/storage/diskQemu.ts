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
import { words } from '../../messages/words';
import { Rule, replaceFix } from '../rule';
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
  onlyWith: ['disk'],
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
  help: words('rules.help.disk-bus-unsupported'),
  docsAnchor: 'hard-drives-floppy-disks-cdroms',
  check(domain, report) {
    for (const disk of domain.derived(diskFacts)) {
      const bus = disk.bus;
      if (bus === undefined) continue;
      const busSpan = disk.busAttr ?? disk.dev ?? domain.nameSpan(disk.el);
      if (disk.device === 'cdrom' && (bus === 'virtio' || bus === 'sd')) report(busSpan, words('rules.disk-bus-unsupported.cdrom', { bus }));
      const wwn = domain.child(disk.el, 'wwn');
      if (wwn && bus !== 'ide' && bus !== 'scsi') report(domain.nameSpan(wwn), words('rules.disk-bus-unsupported.wwn', { disk: diskName(disk), bus }));
      if (disk.device === 'lun' && bus !== 'virtio' && bus !== 'scsi') report(busSpan, words('rules.disk-bus-unsupported.lun', { bus }));
      if (disk.device === 'disk' && (bus === 'ide' || bus === 'sata')) {
        const readonly = domain.child(disk.el, 'readonly');
        if (readonly) report(domain.nameSpan(readonly), words('rules.disk-bus-unsupported.readonly', { bus }));
      }
      const geometry = domain.child(disk.el, 'geometry');
      if (geometry) {
        const cyls = decimalNumber(domain.value(geometry, 'cyls'));
        const heads = decimalNumber(domain.value(geometry, 'heads'));
        const secs = decimalNumber(domain.value(geometry, 'secs'));
        if (cyls && heads && secs) {
          const trans = domain.attr(geometry, 'trans');
          if (bus === 'usb' || bus === 'sd') report(domain.nameSpan(geometry), words('rules.disk-bus-unsupported.geometry', { bus }));
          else if (trans && trans.value.trim() !== '' && bus !== 'ide') report(trans, words('rules.disk-bus-unsupported.translation', { bus }));
        }
      }
      const rotation = disk.targetEl && domain.attr(disk.targetEl, 'rotation_rate');
      if (rotation && decimalNumber(rotation.value)) {
        if (bus !== 'scsi' && bus !== 'ide' && bus !== 'sata') report(rotation, words('rules.disk-bus-unsupported.rotationBus', { bus }));
        else if (disk.device !== 'disk') report(rotation, words('rules.disk-bus-unsupported.rotationDevice', { device: disk.device }));
      }
      const serial = domain.child(disk.el, 'serial');
      if (serial && bus === 'sd') report(domain.nameSpan(serial), words('rules.disk-bus-unsupported.serial'));
      const driver = disk.driver;
      const iothread = driver && domain.attr(driver, 'iothread');
      if (iothread && decimalNumber(iothread.value) && bus !== 'virtio') report(iothread, words('rules.disk-bus-unsupported.iothread', { disk: diskName(disk), bus }));
    }
  },
};

export const diskLunUnsupportedRule: Rule = {
  code: 'disk-lun-unsupported',
  libvirt: 'qemuValidateDomainDeviceDefDiskFrontend (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: ['disk'],
  libvirtMessages: [
    'Setting wwn is not supported for lun device',
    'Setting vendor or product is not supported for lun device',
    "copy_on_read is not compatible with 'lun' disk '%1$s'",
    "scsi-block 'lun' devices do not support the serial property",
  ],
  help: words('rules.help.disk-lun-unsupported'),
  docsAnchor: 'hard-drives-floppy-disks-cdroms',
  check(domain, report) {
    for (const disk of domain.derived(diskFacts)) {
      if (disk.device !== 'lun') continue;
      for (const name of ['wwn', 'vendor', 'product']) {
        const el = domain.child(disk.el, name);
        if (el) report(domain.nameSpan(el), words('rules.disk-lun-unsupported.identity', { name }));
      }
      const driver = disk.driver;
      const cor = driver && domain.attr(driver, 'copy_on_read');
      if (cor?.value.trim() === 'on' && !domain.child(disk.el, 'readonly')) report(cor, words('rules.disk-lun-unsupported.copyOnRead'));
      const serial = domain.child(disk.el, 'serial');
      if (serial && disk.bus === 'scsi') report(domain.nameSpan(serial), words('rules.disk-lun-unsupported.serial'));
    }
  },
};

export const diskCopyOnReadRule: Rule = {
  code: 'disk-copy-on-read',
  libvirt: 'qemuValidateDomainDeviceDefDiskFrontend (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: ['disk'],
  libvirtMessages: ["copy_on_read is not compatible with read-only disk '%1$s'", "copy_on_read is not supported with removable disk '%1$s'"],
  help: words('rules.help.disk-copy-on-read'),
  docsAnchor: 'hard-drives-floppy-disks-cdroms',
  check(domain, report) {
    for (const disk of domain.derived(diskFacts)) {
      const driver = disk.driver;
      const cor = driver && domain.attr(driver, 'copy_on_read');
      if (!cor || cor.value.trim() !== 'on') continue;
      if (isReadonly(domain, disk)) report(cor, words('rules.disk-copy-on-read.readonly', { disk: diskTitle(disk) }));
      else if (disk.device === 'floppy') report(cor, words('rules.disk-copy-on-read.removable', { disk: diskTitle(disk) }));
    }
  },
};

export const diskIoNativeCacheRule: Rule = {
  code: 'disk-io-native-cache',
  libvirt: 'qemuValidateDomainDeviceDefDiskFrontend (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: ['disk'],
  libvirtMessages: ["io='native' needs either no disk cache or directsync cache mode"],
  help: words('rules.help.disk-io-native-cache'),
  docsAnchor: 'hard-drives-floppy-disks-cdroms',
  check(domain, report) {
    for (const disk of domain.derived(diskFacts)) {
      const driver = disk.driver;
      const io = driver && domain.attr(driver, 'io');
      if (!driver || !io || io.value.trim() !== 'native') continue;
      const cache = domain.attr(driver, 'cache');
      const mode = cache?.value.trim();
      if (mode === 'none' || mode === 'directsync') continue;
      report(cache ?? io, mode ? words('rules.disk-io-native-cache.mode', { mode }) : words('rules.disk-io-native-cache.noCache'));
    }
  },
};

const SERIAL_CHARS = /^[A-Za-z0-9\-_ .+]*$/;

export const diskSerialCharsRule: Rule = {
  code: 'disk-serial-chars',
  libvirt: 'qemuValidateDomainDeviceDefDiskSerial (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: ['disk'],
  libvirtMessages: ["driver serial '%1$s' contains unsafe characters"],
  help: words('rules.help.disk-serial-chars'),
  docsAnchor: 'hard-drives-floppy-disks-cdroms',
  check(domain, report) {
    for (const disk of domain.derived(diskFacts)) {
      const serial = domain.child(disk.el, 'serial');
      if (!serial || serial.element.children.some((c) => c.kind === 'element')) continue;
      const text = domain.content(serial);
      if (SERIAL_CHARS.test(text.value)) continue;
      const bad = [...new Set(text.value.replace(/[A-Za-z0-9\-_ .+]/g, ''))].join(' ');
      report(text.from < text.to ? text : domain.nameSpan(serial), words('rules.disk-serial-chars.chars', { disk: diskName(disk), chars: bad }));
    }
  },
};

export const diskDriverNameRule: Rule = {
  code: 'disk-driver-name',
  libvirt: 'qemuValidateDomainDeviceDefDisk (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: ['disk'],
  libvirtMessages: ["unsupported driver name '%1$s' for disk '%2$s'"],
  help: words('rules.help.disk-driver-name'),
  docsAnchor: 'hard-drives-floppy-disks-cdroms',
  check(domain, report) {
    for (const disk of domain.derived(diskFacts)) {
      const driver = disk.driver;
      const name = driver && domain.attr(driver, 'name');
      if (!name || name.value === '' || name.value === 'qemu') continue;
      report(name, words('rules.disk-driver-name.name', { name: name.value }), {
        fixes: [replaceFix(name, 'qemu', words('rules.storage.fix.use', { value: "name='qemu'" }))],
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
  onlyWith: ['disk'],
  libvirtMessages: ["Disk iothread '%1$u' not defined in iothreadid"],
  help: words('rules.help.disk-iothread-undefined'),
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
      if (ids && !ids.has(id)) report(attr, words('rules.disk-iothread-undefined.missing', { id, disk: diskName(disk) }));
    }
  },
};

export const diskTransientRule: Rule = {
  code: 'disk-transient',
  libvirt: 'qemuValidateDomainDeviceDefDiskTransient (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: ['disk'],
  libvirtMessages: [
    "transient disk '%1$s' must not be empty",
    "transient disk '%1$s' must not be read-only",
    "transient disk supported only with 'file' type (%1$s)",
    "transient disk supported only with 'disk' device (%1$s)",
  ],
  help: words('rules.help.disk-transient'),
  docsAnchor: 'hard-drives-floppy-disks-cdroms',
  check(domain, report) {
    for (const disk of domain.derived(diskFacts)) {
      const transient = domain.child(disk.el, 'transient');
      if (!transient) continue;
      const at = domain.nameSpan(transient);
      const name = target(disk) || words('rules.disk-transient.thisDisk');
      if (isEmptyLocalSource(domain, disk)) report(at, words('rules.disk-transient.noSource', { name }));
      else if (isReadonly(domain, disk)) report(at, words('rules.disk-transient.readonly', { name }));
      else if (disk.type !== 'file' && disk.type !== 'volume') report(at, words('rules.disk-transient.type', { type: disk.type }));
      else if (disk.device !== 'disk') report(at, words('rules.disk-transient.device', { device: disk.device }));
    }
  },
};

export const diskIotuneUnsupportedRule: Rule = {
  code: 'disk-iotune-unsupported',
  libvirt: 'qemuValidateDomainDeviceDefDiskBlkdeviotune (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: ['disk'],
  libvirtMessages: ['group_name can be configured only together with settings', "<iotune> is not supported with bus='sd'"],
  help: words('rules.help.disk-iotune-unsupported'),
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
      if (disk.bus === 'sd' && limits) report(domain.nameSpan(iotune), words('rules.disk-iotune-unsupported.sd'));
      else if (group && !limits) report(domain.nameSpan(group), words('rules.disk-iotune-unsupported.group'));
    }
  },
};
