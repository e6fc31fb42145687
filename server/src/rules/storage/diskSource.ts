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
import { Words, words } from '../../messages/words';
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
  onlyWith: ['disk'],
  libvirtMessages: ['an <encryption> definition already found for disk source', 'an <auth> definition already found for disk source'],
  help: words('rules.help.disk-source-twice'),
  docsAnchor: 'hard-drives-floppy-disks-cdroms',
  check(domain, report) {
    for (const disk of domain.derived(diskFacts)) {
      if (!disk.source) continue;
      for (const name of ['auth', 'encryption']) {
        const both = inDiskAndSource(domain, disk, name);
        if (!both) continue;
        report(domain.nameSpan(both.inDisk), words('rules.disk-source-twice.both', { disk: diskTitle(disk), name }), {
          related: [{ ...domain.nameSpan(both.inSource), message: words('rules.disk-source-twice.inSource', { name }) }],
        });
      }
    }
  },
};

const FORMAT_MESSAGES: Record<string, Words> = {
  cow: words('rules.disk-format-unsupported.cow'),
  dir: words('rules.disk-format-unsupported.dir'),
  iso: words('rules.disk-format-unsupported.iso'),
};

export const diskFormatRule: Rule = {
  code: 'disk-format-unsupported',
  libvirt: 'qemuDomainValidateStorageSource (src/qemu/qemu_domain.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: ['disk'],
  libvirtMessages: [
    "'cow' storage format is not supported",
    "'directory' storage format is not directly supported by QEMU, use 'dir' disk type instead",
    "storage format 'iso' is not directly supported by QEMU, use 'raw' instead",
    "storage format 'fat' is supported only with 'dir' storage type",
    "storage type 'dir' requires use of storage format 'fat'",
    "virtual FAT storage can't be accessed in read-write mode",
  ],
  help: words('rules.help.disk-format-unsupported'),
  docsAnchor: 'hard-drives-floppy-disks-cdroms',
  check(domain, report) {
    for (const disk of domain.derived(diskFacts)) {
      const format = disk.format?.value.trim();
      if (disk.format && format !== undefined && format in FORMAT_MESSAGES) {
        report(disk.format, FORMAT_MESSAGES[format]);
        continue;
      }
      if (disk.type === 'dir') {
        if (disk.format && format && format !== 'fat') report(disk.format, words('rules.disk-format-unsupported.dirFormat', { format }));
        else if (disk.device !== 'cdrom' && !domain.child(disk.el, 'readonly')) {
          report(domain.attr(disk.el, 'type') ?? domain.nameSpan(disk.el), words('rules.disk-format-unsupported.dirWritable', { disk: diskTitle(disk) }));
        }
      } else if (disk.format && format === 'fat' && disk.type !== 'volume') {
        report(disk.format, words('rules.disk-format-unsupported.fat', { type: disk.type }));
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
  onlyWith: ['disk'],
  libvirtMessages: [
    'old qcow/qcow2 encryption is not supported',
    "encryption is supported only with 'raw' and 'qcow2' image format",
    "'%1$s' is currently not supported by the qemu encryption engine",
    'qemu encryption engine expects only a single secret',
    'librbd encryption is supported only with RBD backed disks',
  ],
  help: words('rules.help.disk-encryption-format'),
  docsAnchor: 'hard-drives-floppy-disks-cdroms',
  check(domain, report) {
    for (const disk of domain.derived(diskFacts)) {
      const encryption = encryptionOf(domain, disk);
      if (!encryption) continue;
      const schemeAttr = domain.attr(encryption, 'format');
      const scheme = schemeAttr?.value.trim() ?? 'default';
      const at = schemeAttr ?? domain.nameSpan(encryption);
      if (scheme === 'qcow' || scheme === 'default') {
        report(at, words('rules.disk-encryption-format.qcow', { disk: diskName(disk) }));
        continue;
      }
      const engineAttr = domain.attr(encryption, 'engine');
      const engine = engineAttr?.value.trim() || 'qemu';
      if (engine === 'librbd') {
        if (disk.type !== 'network' && disk.type !== 'volume') report(engineAttr ?? at, words('rules.disk-encryption-format.librbd', { type: disk.type }));
        continue;
      }
      if (engine !== 'qemu') continue;
      if (scheme === 'luks2' || scheme === 'luks-any') {
        report(at, words('rules.disk-encryption-format.luks2', { scheme }));
        continue;
      }
      if (scheme !== 'luks') continue;
      const format = disk.format?.value.trim();
      if (disk.format && format && format !== 'raw' && format !== 'qcow2') {
        report(disk.format, words('rules.disk-encryption-format.imageFormat', { disk: diskTitle(disk), format }), {
          related: [{ ...domain.nameSpan(encryption), message: words('rules.disk-encryption-format.encryption') }],
        });
      }
      const secrets = domain.children(encryption, 'secret');
      if (secrets.length > 1) report(domain.nameSpan(secrets[1]), words('rules.disk-encryption-format.secrets', { disk: diskName(disk), count: secrets.length }));
    }
  },
};

export const diskSharedFormatRule: Rule = {
  code: 'disk-shared-format',
  libvirt: 'qemuValidateDomainDeviceDefDisk (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: ['disk'],
  libvirtMessages: ["shared access for disk '%1$s' requires use of supported storage format"],
  help: words('rules.help.disk-shared-format'),
  docsAnchor: 'hard-drives-floppy-disks-cdroms',
  check(domain, report) {
    for (const disk of domain.derived(diskFacts)) {
      const shareable = domain.child(disk.el, 'shareable');
      if (!shareable || !disk.format || disk.device === 'cdrom' || domain.child(disk.el, 'readonly')) continue;
      const format = disk.format.value.trim();
      if (format === '' || format === 'raw') continue;
      report(disk.format, words('rules.disk-shared-format.format', { disk: diskTitle(disk), format }), {
        related: [{ ...domain.nameSpan(shareable), message: words('rules.disk-shared-format.shared') }],
      });
    }
  },
};

export const usbDiskEmptyRule: Rule = {
  code: 'usb-disk-empty',
  libvirt: 'qemuValidateDomainDeviceDefDiskFrontend (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: ['disk'],
  libvirtMessages: ["'usb' disk must not be empty"],
  help: words('rules.help.usb-disk-empty'),
  docsAnchor: 'hard-drives-floppy-disks-cdroms',
  check(domain, report) {
    for (const disk of domain.derived(diskFacts)) {
      if (disk.bus !== 'usb' || domain.value(disk.el, 'model') === 'usb-bot' || !isEmptyLocalSource(domain, disk)) continue;
      report(disk.busAttr ?? disk.dev ?? domain.nameSpan(disk.el), words('rules.usb-disk-empty.noMedium', { disk: diskTitle(disk) }));
    }
  },
};

export const diskNetworkProtocolRule: Rule = {
  code: 'disk-network-protocol',
  libvirt: 'qemuDomainValidateStorageSource (src/qemu/qemu_domain.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: ['disk'],
  libvirtMessages: [
    "'tftp' protocol is not supported with this QEMU binary",
    "'nfs' protocol requires the usage of exactly one host",
    "'nfs' host must use TCP protocol",
    "port cannot be specified in 'nfs' protocol host",
  ],
  help: words('rules.help.disk-network-protocol'),
  docsAnchor: 'hard-drives-floppy-disks-cdroms',
  check(domain, report) {
    for (const disk of domain.derived(diskFacts)) {
      if (disk.type !== 'network' || !disk.source) continue;
      const protocol = domain.attr(disk.source, 'protocol');
      const name = protocol?.value.trim();
      if (!protocol || !name) continue;
      if (name === 'tftp') report(protocol, words('rules.disk-network-protocol.tftp'));
      if (name !== 'nfs') continue;
      const hosts = domain.children(disk.source, 'host');
      if (hosts.length !== 1) {
        report(hosts.length > 1 ? domain.nameSpan(hosts[1]) : protocol, words('rules.disk-network-protocol.nfsHosts', { count: hosts.length }));
        continue;
      }
      const transport = domain.attr(hosts[0], 'transport');
      const via = transport?.value.trim();
      if (transport && via && via !== 'tcp') report(transport, words('rules.disk-network-protocol.nfsTransport', { transport: via }));
      const port = domain.attr(hosts[0], 'port');
      if (port && port.value.trim() !== '' && port.value.trim() !== '0') report(port, words('rules.disk-network-protocol.nfsPort'));
    }
  },
};

export const diskMetadataCacheRule: Rule = {
  code: 'disk-metadata-cache',
  libvirt: 'qemuDomainValidateStorageSource (src/qemu/qemu_domain.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: ['disk'],
  libvirtMessages: ['metadata cache max size control is supported only with qcow2 images'],
  help: words('rules.help.disk-metadata-cache'),
  docsAnchor: 'hard-drives-floppy-disks-cdroms',
  check(domain, report) {
    for (const disk of domain.derived(diskFacts)) {
      const format = disk.format?.value.trim();
      if (!disk.driver || !format || format === 'qcow2') continue;
      const cache = domain.child(disk.driver, 'metadata_cache');
      const size = cache && domain.child(cache, 'max_size');
      if (!cache || !size || !decimalNumber(domain.content(size).value)) continue;
      report(domain.nameSpan(cache), words('rules.disk-metadata-cache.format', { format }));
    }
  },
};
