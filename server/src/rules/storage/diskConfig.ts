/**
 * Settings of a `<disk>` that libvirt's common validation ties to its device, bus or source
 * (virDomainDiskDefValidate, src/conf/domain_validate.c).
 *
 * - disk-device-bus: a floppy sits on the fdc bus and only a floppy does; a disk or lun target
 *   starts with hd, sd, vd, xvd or ubd, a floppy's with fd; `removable` is for USB disks and
 *   SCSI disks.
 * - disk-lun-only: `rawio`, `sgio` and `<reservations>` belong to `device='lun'` (SCSI
 *   passthrough); unfiltered sgio is refused outright.
 * - disk-virtio-only: a virtio `model`, and the driver's `queues`, `queue_size`, `event_idx`
 *   and `ioeventfd`, are for the virtio bus.
 * - disk-iotune-conflict: a total limit and a read or write limit of the same kind in `<iotune>`.
 * - disk-source-missing: a hard disk needs a source; only cdroms, floppies (no medium) and luns
 *   may go without (virStorageSourceIsEmpty: a file or block disk without path).
 */
import { words } from '../../messages/words';
import { Rule } from '../rule';
import { Domain, El, Span, decimalNumber } from '../domain';
import { DiskFacts, diskFacts, diskName, diskTitle } from './disks';

const HARDDISK_PREFIXES = ['hd', 'sd', 'vd', 'xvd', 'ubd'];

export const diskDeviceBusRule: Rule = {
  code: 'disk-device-bus',
  libvirt: 'virDomainDiskDefValidate (src/conf/domain_validate.c)',
  stage: 'define',
  driver: 'any',
  onlyWith: ['disk'],
  libvirtMessages: [
    "Invalid bus type '%1$s' for floppy disk",
    "Invalid bus type '%1$s' for disk",
    'Invalid harddisk device name: %1$s',
    'Invalid floppy device name: %1$s',
    'removable is only valid for usb or scsi disks',
  ],
  help: words('rules.help.disk-device-bus'),
  docsAnchor: 'hard-drives-floppy-disks-cdroms',
  check(domain, report) {
    for (const disk of domain.derived(diskFacts)) {
      const busSpan = disk.busAttr ?? disk.dev ?? domain.nameSpan(disk.el);
      if (disk.device === 'floppy' && disk.bus !== undefined && disk.bus !== 'fdc') {
        report(busSpan, words('rules.disk-device-bus.floppyBus', { bus: disk.bus }));
      } else if (disk.device !== 'floppy' && disk.bus === 'fdc') {
        report(busSpan, words('rules.disk-device-bus.fdcBus', { device: disk.device }));
      }
      const target = disk.dev?.value;
      if (disk.dev && target) {
        if ((disk.device === 'disk' || disk.device === 'lun') && !HARDDISK_PREFIXES.some((p) => target.startsWith(p))) {
          report(disk.dev, words('rules.disk-device-bus.diskTarget', { device: disk.device, target }));
        } else if (disk.device === 'floppy' && !target.startsWith('fd')) {
          report(disk.dev, words('rules.disk-device-bus.floppyTarget', { target }));
        }
      }
      const removable = disk.targetEl && domain.attr(disk.targetEl, 'removable');
      if (removable && removable.value.trim() !== '' && disk.bus !== undefined && disk.bus !== 'usb' && !(disk.bus === 'scsi' && disk.device === 'disk')) {
        report(removable, words('rules.disk-device-bus.removable', { device: disk.device, bus: disk.bus }));
      }
    }
  },
};

export const diskLunOnlyRule: Rule = {
  code: 'disk-lun-only',
  libvirt: 'virDomainDiskDefValidate (src/conf/domain_validate.c)',
  stage: 'define',
  driver: 'any',
  onlyWith: ['disk'],
  libvirtMessages: [
    "rawio can be used only with device='lun'",
    "sgio can be used only with device='lun'",
    '<reservations/> allowed only for lun devices',
    'unfiltered sgio is no longer supported',
  ],
  help: words('rules.help.disk-lun-only'),
  docsAnchor: 'hard-drives-floppy-disks-cdroms',
  check(domain, report) {
    for (const disk of domain.derived(diskFacts)) {
      const sgio = domain.attr(disk.el, 'sgio');
      if (sgio?.value.trim() === 'unfiltered') {
        report(sgio, words('rules.storage.sgioUnfiltered'));
        continue;
      }
      if (disk.device === 'lun') continue;
      for (const name of ['rawio', 'sgio']) {
        const attr = domain.attr(disk.el, name);
        if (attr && attr.value.trim() !== '') report(attr, words('rules.disk-lun-only.lunOnly', { name, device: disk.device }));
      }
      const reservations = disk.source && domain.child(disk.source, 'reservations');
      if (reservations) report(domain.nameSpan(reservations), words('rules.disk-lun-only.lunOnly', { name: '<reservations>', device: disk.device }));
    }
  },
};

const VIRTIO_MODELS = new Set(['virtio', 'virtio-transitional', 'virtio-non-transitional']);

export const diskVirtioOnlyRule: Rule = {
  code: 'disk-virtio-only',
  libvirt: 'virDomainDiskDefValidate (src/conf/domain_validate.c)',
  stage: 'define',
  driver: 'any',
  onlyWith: ['disk'],
  libvirtMessages: [
    "disk model '%1$s' not supported for bus '%2$s'",
    'queues attribute in disk driver element is only supported for virtio bus',
    'queue_size attribute in disk driver is only supported for virtio bus',
    'disk event_idx mode supported only for virtio bus',
    'disk ioeventfd mode supported only for virtio bus',
  ],
  help: words('rules.help.disk-virtio-only'),
  docsAnchor: 'hard-drives-floppy-disks-cdroms',
  check(domain, report) {
    for (const disk of domain.derived(diskFacts)) {
      if (disk.bus === undefined || disk.bus === 'virtio') continue;
      const model = domain.attr(disk.el, 'model');
      if (model && VIRTIO_MODELS.has(model.value.trim())) report(model, words('rules.disk-virtio-only.model', { model: model.value.trim(), bus: disk.bus }));
      const driver = disk.driver;
      if (!driver) continue;
      for (const name of ['queues', 'queue_size', 'event_idx', 'ioeventfd']) {
        const attr = domain.attr(driver, name);
        if (!attr || attr.value.trim() === '') continue;
        // queues='0' and queue_size='0' are the defaults libvirt does not count.
        if ((name === 'queues' || name === 'queue_size') && decimalNumber(attr.value) === 0) continue;
        report(attr, words('rules.disk-virtio-only.driver', { name, bus: disk.bus }));
      }
    }
  },
};

const IOTUNE_KINDS = ['bytes_sec', 'iops_sec', 'bytes_sec_max', 'iops_sec_max'];

export const diskIotuneConflictRule: Rule = {
  code: 'disk-iotune-conflict',
  libvirt: 'virDomainDiskDefValidate (src/conf/domain_validate.c)',
  stage: 'define',
  driver: 'any',
  onlyWith: ['disk'],
  libvirtMessages: IOTUNE_KINDS.map((kind) => `total and read/write ${kind} cannot be set at the same time`),
  help: words('rules.help.disk-iotune-conflict'),
  docsAnchor: 'hard-drives-floppy-disks-cdroms',
  check(domain, report) {
    for (const disk of domain.derived(diskFacts)) {
      const iotune = domain.child(disk.el, 'iotune');
      if (!iotune) continue;
      const set = (name: string): El | undefined => {
        const el = domain.child(iotune, name);
        if (!el) return undefined;
        const value = decimalNumber(domain.content(el).value);
        return value ? el : undefined;
      };
      for (const kind of IOTUNE_KINDS) {
        const total = set(`total_${kind}`);
        const split = set(`read_${kind}`) ?? set(`write_${kind}`);
        if (!total || !split) continue;
        report(domain.nameSpan(total), words('rules.disk-iotune-conflict.both', { kind, split: split.element.name, disk: diskName(disk) }), {
          related: [{ ...domain.nameSpan(split), message: words('rules.disk-iotune-conflict.split', { split: split.element.name }) }],
        });
      }
    }
  },
};

/** virStorageSourceIsEmpty for what a hard disk needs: a file, block or dir disk without its path. */
function missingSource(domain: Domain, disk: DiskFacts): boolean {
  const pathAttr: Record<string, string> = { file: 'file', block: 'dev', dir: 'dir' };
  const name = pathAttr[disk.type];
  if (!name) return false;
  const path = disk.source && domain.value(disk.source, name);
  return path === undefined || path === '';
}

export const diskSourceMissingRule: Rule = {
  code: 'disk-source-missing',
  libvirt: 'virDomainDiskDefValidate (src/conf/domain_validate.c)',
  stage: 'define',
  driver: 'any',
  onlyWith: ['disk'],
  libvirtMessages: ['missing source information for device %1$s'],
  help: words('rules.help.disk-source-missing'),
  docsAnchor: 'hard-drives-floppy-disks-cdroms',
  check(domain, report) {
    for (const disk of domain.derived(diskFacts)) {
      if (disk.device !== 'disk' || !missingSource(domain, disk)) continue;
      const at: Span = disk.source ? domain.nameSpan(disk.source) : (disk.dev ?? domain.nameSpan(disk.el));
      report(at, words('rules.disk-source-missing.noSource', { disk: diskTitle(disk) }));
    }
  },
};
