/**
 * A disk's source: its image format, encryption, credentials, sharing and emptiness.
 *
 * - disk-source-twice: virDomainDiskDefParseXML (src/conf/domain_conf.c) takes `<auth>` and
 *   `<encryption>` either in `<source>` or (the older place) directly in `<disk>`, and refuses a
 *   disk that has one in both places.
 * - disk-format-unsupported: qemuDomainValidateStorageSource (src/qemu/qemu_domain.c) refuses
 *   the `cow`, `dir` and `iso` formats, `fat` on anything but a directory disk, and a directory
 *   disk (virtual FAT) that is not fat or not read-only.
 * - disk-encryption-format: the same function refuses the old built-in qcow encryption
 *   (format `qcow`/`default`), takes LUKS with QEMU's engine only on raw and qcow2 images and
 *   with one secret, luks2/luks-any only with librbd, and librbd only on network (RBD) disks.
 * - disk-network-protocol: the same function: no TFTP, and NFS with one TCP host, no port.
 * - disk-metadata-cache: the same function: a metadata cache size only for qcow2.
 * - disk-shared-format: qemuValidateDomainDeviceDefDisk (src/qemu/qemu_validate.c) with
 *   qemuBlockStorageSourceSupportsConcurrentAccess (src/qemu/qemu_block.c): a `<shareable/>`
 *   disk that is written to must be raw. A cdrom is read-only (virDomainDiskDefPostParse).
 * - usb-disk-empty: qemuValidateDomainDeviceDefDiskFrontend (src/qemu/qemu_validate.c) refuses
 *   a USB disk without a medium (usb-storage cannot eject one), cdroms included.
 */
import { Rule } from '../rule';
import { Domain, El, decimalNumber } from '../domain';
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
  dir: "A directory is not an image format: use `<disk type='dir'>` with `<driver type='fat'>`",
  iso: 'QEMU reads an ISO image as `raw`; `iso` is not a format it takes',
};

export const diskFormatRule: Rule = {
  code: 'disk-format-unsupported',
  libvirt: 'qemuDomainValidateStorageSource (src/qemu/qemu_domain.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: [
    "'cow' storage format is not supported",
    "'directory' storage format is not directly supported by QEMU, use 'dir' disk type instead",
    "storage format 'iso' is not directly supported by QEMU, use 'raw' instead",
    "storage format 'fat' is supported only with 'dir' storage type",
    "storage type 'dir' requires use of storage format 'fat'",
    "virtual FAT storage can't be accessed in read-write mode",
  ],
  help:
    "`<driver type>` names the format QEMU reads the image in. QEMU no longer reads the old `cow` format, reads ISO images " +
    "as `raw`, and `dir` names no image format at all. A host directory is shown to the guest as a virtual FAT disk: " +
    "`<disk type='dir'>` with `<driver type='fat'>` and `<readonly/>` (QEMU cannot write it back); `fat` on any other disk " +
    'type is refused. Convert a cow image (`qemu-img convert -O qcow2`) and set the format the image really has.',
  docsAnchor: 'hard-drives-floppy-disks-cdroms',
  check(domain, report) {
    for (const disk of domain.derived(diskFacts)) {
      const format = disk.format?.value.trim();
      if (disk.format && format !== undefined && format in FORMAT_MESSAGES) {
        report(disk.format, FORMAT_MESSAGES[format]);
        continue;
      }
      if (disk.type === 'dir') {
        if (disk.format && format && format !== 'fat') report(disk.format, `A directory disk is a virtual FAT disk: its format is \`fat\`, not \`${format}\``);
        else if (disk.device !== 'cdrom' && !domain.child(disk.el, 'readonly')) {
          report(domain.attr(disk.el, 'type') ?? domain.nameSpan(disk.el), `${diskTitle(disk)} is a virtual FAT disk, which QEMU cannot write: add \`<readonly/>\``);
        }
      } else if (disk.format && format === 'fat' && disk.type !== 'volume') {
        report(disk.format, `The \`fat\` format is for \`<disk type='dir'>\`, not \`type='${disk.type}'\``);
      }
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
  libvirtMessages: [
    'old qcow/qcow2 encryption is not supported',
    "encryption is supported only with 'raw' and 'qcow2' image format",
    "'%1$s' is currently not supported by the qemu encryption engine",
    'qemu encryption engine expects only a single secret',
    'librbd encryption is supported only with RBD backed disks',
  ],
  help:
    "QEMU encrypts disks with LUKS (`<encryption format='luks'>`), on raw images (the whole image is a LUKS volume) and on " +
    "qcow2 images, with a single secret. The old built-in qcow encryption (`format='qcow'`) is no longer supported: convert " +
    "such images to LUKS with `qemu-img convert`. `luks2` and `luks-any` need `engine='librbd'`, which only RBD (Ceph) " +
    'network disks have.',
  docsAnchor: 'hard-drives-floppy-disks-cdroms',
  check(domain, report) {
    for (const disk of domain.derived(diskFacts)) {
      const encryption = encryptionOf(domain, disk);
      if (!encryption) continue;
      const schemeAttr = domain.attr(encryption, 'format');
      const scheme = schemeAttr?.value.trim() ?? 'default';
      const at = schemeAttr ?? domain.nameSpan(encryption);
      if (scheme === 'qcow' || scheme === 'default') {
        report(at, `The old qcow encryption of ${diskName(disk)} is not supported; use LUKS`);
        continue;
      }
      const engineAttr = domain.attr(encryption, 'engine');
      const engine = engineAttr?.value.trim() || 'qemu';
      if (engine === 'librbd') {
        if (disk.type !== 'network' && disk.type !== 'volume') report(engineAttr ?? at, `librbd encryption needs an RBD network disk, not \`type='${disk.type}'\``);
        continue;
      }
      if (engine !== 'qemu') continue;
      if (scheme === 'luks2' || scheme === 'luks-any') {
        report(at, `QEMU's own encryption reads \`luks\`, not \`${scheme}\` (that needs \`engine='librbd'\`)`);
        continue;
      }
      if (scheme !== 'luks') continue;
      const format = disk.format?.value.trim();
      if (disk.format && format && format !== 'raw' && format !== 'qcow2') {
        report(disk.format, `${diskTitle(disk)} is encrypted, which QEMU supports only on \`raw\` and \`qcow2\` images, not \`${format}\``, {
          related: [{ ...domain.nameSpan(encryption), message: 'The encryption' }],
        });
      }
      const secrets = domain.children(encryption, 'secret');
      if (secrets.length > 1) report(domain.nameSpan(secrets[1]), `QEMU's encryption takes a single secret; ${diskName(disk)} has ${secrets.length}`);
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

export const diskNetworkProtocolRule: Rule = {
  code: 'disk-network-protocol',
  libvirt: 'qemuDomainValidateStorageSource (src/qemu/qemu_domain.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: [
    "'tftp' protocol is not supported with this QEMU binary",
    "'nfs' protocol requires the usage of exactly one host",
    "'nfs' host must use TCP protocol",
    "port cannot be specified in 'nfs' protocol host",
  ],
  help:
    'QEMU dropped its TFTP block driver, so a `tftp` network disk cannot be opened. An `nfs` disk names exactly one ' +
    "`<host>`, reached over TCP on the standard port: no `transport` other than `tcp` and no `port`. Fetch TFTP images to a " +
    'file first; for NFS keep one host without a port.',
  docsAnchor: 'hard-drives-floppy-disks-cdroms',
  check(domain, report) {
    for (const disk of domain.derived(diskFacts)) {
      if (disk.type !== 'network' || !disk.source) continue;
      const protocol = domain.attr(disk.source, 'protocol');
      const name = protocol?.value.trim();
      if (!protocol || !name) continue;
      if (name === 'tftp') report(protocol, 'QEMU no longer opens disks over TFTP');
      if (name !== 'nfs') continue;
      const hosts = domain.children(disk.source, 'host');
      if (hosts.length !== 1) {
        report(hosts.length > 1 ? domain.nameSpan(hosts[1]) : protocol, `An NFS disk names exactly one \`<host>\`, not ${hosts.length}`);
        continue;
      }
      const transport = domain.attr(hosts[0], 'transport');
      if (transport && transport.value.trim() !== '' && transport.value.trim() !== 'tcp') report(transport, `An NFS host is reached over TCP, not \`${transport.value.trim()}\``);
      const port = domain.attr(hosts[0], 'port');
      if (port && port.value.trim() !== '' && port.value.trim() !== '0') report(port, 'An NFS host takes no port');
    }
  },
};

export const diskMetadataCacheRule: Rule = {
  code: 'disk-metadata-cache',
  libvirt: 'qemuDomainValidateStorageSource (src/qemu/qemu_domain.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: ['metadata cache max size control is supported only with qcow2 images'],
  help:
    "`<metadata_cache>` in `<driver>` sizes the cache QEMU keeps of a qcow2 image's tables; other formats have no such " +
    'cache. Remove it, or use a qcow2 image.',
  docsAnchor: 'hard-drives-floppy-disks-cdroms',
  check(domain, report) {
    for (const disk of domain.derived(diskFacts)) {
      const format = disk.format?.value.trim();
      if (!disk.driver || !format || format === 'qcow2') continue;
      const cache = domain.child(disk.driver, 'metadata_cache');
      const size = cache && domain.child(cache, 'max_size');
      if (!cache || !size || !decimalNumber(domain.content(size).value)) continue;
      report(domain.nameSpan(cache), `A metadata cache is for qcow2 images, not \`${format}\``);
    }
  },
};
