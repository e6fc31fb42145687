/**
 * A disk's source: its image format, encryption, credentials, sharing and emptiness.
 *
 * - disk-source-twice: virDomainDiskDefParseXML (src/conf/domain_conf.c) takes `<auth>` and
 *   `<encryption>` either in `<source>` or (the older place) directly in `<disk>`, and refuses a
 *   disk that has one in both places.
 * - disk-format-unsupported: qemuDomainValidateStorageSource (src/qemu/qemu_domain.c) refuses
 *   the `cow` format and the `dir` format (a directory is a `<disk type='dir'>`, not a format).
 * - disk-encryption-format: the same function takes the old built-in qcow encryption
 *   (format `qcow`/`default`) on no qcow/qcow2 image, and libvirt's own (LUKS) encryption only
 *   on raw and qcow2 images.
 * - disk-shared-format: qemuValidateDomainDeviceDefDisk (src/qemu/qemu_validate.c) with
 *   qemuBlockStorageSourceSupportsConcurrentAccess (src/qemu/qemu_block.c): a `<shareable/>`
 *   disk that is written to must be raw. A cdrom is read-only (virDomainDiskDefPostParse).
 * - usb-disk-empty: qemuValidateDomainDeviceDefDiskFrontend (src/qemu/qemu_validate.c) refuses
 *   a USB disk without a medium (usb-storage cannot eject one), cdroms included.
 */
import { Rule } from '../rule';
import { Domain, El } from '../domain';
import { DiskFacts, diskFacts, diskName, diskTitle, isEmptyLocalSource } from './disks';

function inDiskAndSource(domain: Domain, disk: DiskFacts, name: string): { inDisk: El; inSource: El } | undefined {
  const inDisk = domain.child(disk.el, name);
  const inSource = disk.source && domain.child(disk.source, name);
  return inDisk && inSource ? { inDisk, inSource } : undefined;
}

export const diskSourceTwiceRule: Rule = {
  code: 'disk-source-twice',
  libvirt: 'virDomainDiskDefParseXML (src/conf/domain_conf.c)',
  stage: 'define',
  driver: 'any',
  libvirtMessages: ['an <encryption> definition already found for disk source', 'an <auth> definition already found for disk source'],
  help:
    "A disk's `<encryption>` and `<auth>` belong to its source: libvirt reads them inside `<source>` or, for older documents, " +
    'directly inside `<disk>`, but not both at once, since it could not tell which one to use. Keep the one in `<source>` ' +
    'and remove the other.',
  docsAnchor: 'hard-drives-floppy-disks-cdroms',
  check(domain, report) {
    for (const disk of domain.derived(diskFacts)) {
      if (!disk.source) continue;
      for (const name of ['auth', 'encryption']) {
        const both = inDiskAndSource(domain, disk, name);
        if (!both) continue;
        report(domain.nameSpan(both.inDisk), `${diskTitle(disk)} has \`<${name}>\` both in \`<disk>\` and in its \`<source>\``, {
          related: [{ ...domain.nameSpan(both.inSource), message: `The \`<${name}>\` in \`<source>\`` }],
        });
      }
    }
  },
};

const FORMAT_MESSAGES: Record<string, string> = {
  cow: 'The `cow` image format is not supported by QEMU; convert the image to qcow2 or raw',
  dir: 'A directory is not an image format: use `<disk type=\'dir\'>` with `<driver type=\'fat\'>`',
};

export const diskFormatRule: Rule = {
  code: 'disk-format-unsupported',
  libvirt: 'qemuDomainValidateStorageSource (src/qemu/qemu_domain.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: ["'cow' storage format is not supported", "'directory' storage format is not directly supported by QEMU, use 'dir' disk type instead"],
  help:
    "QEMU no longer reads the old `cow` image format, and `dir` names no image format at all (a host directory is shown to the " +
    "guest as a `<disk type='dir'>` with a `fat` driver). Convert a cow image (`qemu-img convert -O qcow2`) and set " +
    '`<driver type>` to the format the image really has.',
  docsAnchor: 'hard-drives-floppy-disks-cdroms',
  check(domain, report) {
    for (const disk of domain.derived(diskFacts)) {
      const format = disk.format?.value.trim();
      if (!disk.format || format === undefined || !(format in FORMAT_MESSAGES)) continue;
      report(disk.format, FORMAT_MESSAGES[format]);
    }
  },
};

/** The disk's `<encryption>`, in `<source>` or in `<disk>`. */
function encryptionOf(domain: Domain, disk: DiskFacts): El | undefined {
  return (disk.source && domain.child(disk.source, 'encryption')) ?? domain.child(disk.el, 'encryption');
}

export const diskEncryptionFormatRule: Rule = {
  code: 'disk-encryption-format',
  libvirt: 'qemuDomainValidateStorageSource (src/qemu/qemu_domain.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: ["encryption is supported only with 'raw' and 'qcow2' image format", 'old qcow/qcow2 encryption is not supported'],
  help:
    "QEMU encrypts disks with LUKS, on raw images (`<driver type='raw'>`, the whole image is a LUKS volume) and on qcow2 " +
    "images (the qcow2 data is encrypted), not on other image formats. The old built-in encryption of qcow images " +
    "(`<encryption format='qcow'>`) is no longer supported: convert such images to LUKS (`qemu-img convert`) and use " +
    "`<encryption format='luks'>`.",
  docsAnchor: 'hard-drives-floppy-disks-cdroms',
  check(domain, report) {
    for (const disk of domain.derived(diskFacts)) {
      const encryption = encryptionOf(domain, disk);
      if (!encryption || !disk.format) continue;
      const format = disk.format.value.trim();
      if (format === '') continue;
      if (domain.value(encryption, 'engine') === 'librbd') continue;
      const scheme = domain.value(encryption, 'format') ?? 'default';
      const at = domain.attr(encryption, 'format') ?? domain.nameSpan(encryption);
      if ((format === 'qcow' || format === 'qcow2') && (scheme === 'qcow' || scheme === 'default')) {
        report(at, `The old qcow encryption of ${diskName(disk)} is not supported; use LUKS`);
      } else if (format !== 'raw' && format !== 'qcow2') {
        report(disk.format, `${diskTitle(disk)} is encrypted, which QEMU supports only on \`raw\` and \`qcow2\` images, not \`${format}\``, {
          related: [{ ...domain.nameSpan(encryption), message: 'The encryption' }],
        });
      }
    }
  },
};

export const diskSharedFormatRule: Rule = {
  code: 'disk-shared-format',
  libvirt: 'qemuValidateDomainDeviceDefDisk (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: ["shared access for disk '%1$s' requires use of supported storage format"],
  help:
    '`<shareable/>` lets several guests write one disk at the same time. Only raw images can take that: formats such as ' +
    'qcow2 keep metadata that two writers would corrupt. Use a raw image for the shared disk, or mark it `<readonly/>`.',
  docsAnchor: 'hard-drives-floppy-disks-cdroms',
  check(domain, report) {
    for (const disk of domain.derived(diskFacts)) {
      const shareable = domain.child(disk.el, 'shareable');
      if (!shareable || !disk.format || disk.device === 'cdrom' || domain.child(disk.el, 'readonly')) continue;
      const format = disk.format.value.trim();
      if (format === '' || format === 'raw') continue;
      report(disk.format, `${diskTitle(disk)} is \`<shareable/>\` and writable, which needs a raw image, not \`${format}\``, {
        related: [{ ...domain.nameSpan(shareable), message: 'Shared here' }],
      });
    }
  },
};

export const usbDiskEmptyRule: Rule = {
  code: 'usb-disk-empty',
  libvirt: 'qemuValidateDomainDeviceDefDiskFrontend (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: ["'usb' disk must not be empty"],
  help:
    "QEMU's USB storage device cannot be plugged in without a medium or have its medium changed, so libvirt refuses a USB disk " +
    "or cdrom without a source. Give it a `<source file>` (or `dev`), or put an empty cdrom drive on `bus='sata'` or " +
    "`bus='scsi'`, which can be loaded later.",
  docsAnchor: 'hard-drives-floppy-disks-cdroms',
  check(domain, report) {
    for (const disk of domain.derived(diskFacts)) {
      if (disk.bus !== 'usb' || domain.value(disk.el, 'model') === 'usb-bot' || !isEmptyLocalSource(domain, disk)) continue;
      report(disk.busAttr ?? disk.dev ?? domain.nameSpan(disk.el), `${diskTitle(disk)} on the USB bus has no medium`);
    }
  },
};
