/**
 * What libvirt's common validation requires of a disk's source and identity
 * (src/conf/domain_validate.c).
 *
 * - disk-lun-source: virDomainDiskDefSourceLUNValidate: a `device='lun'` passes a host SCSI
 *   device through, so its source is a block device or an iSCSI LUN, raw, unencrypted.
 * - disk-auth-protocol: virDomainDiskDefValidateSourceChainOne: network protocols that take no
 *   credentials (nbd, sheepdog, gluster, tftp, vxhs, nfs), and the secret type iSCSI (`iscsi`)
 *   and RBD (`ceph`) need.
 * - disk-encryption-cipher: the same function: a LUKS disk's cipher is in the image, not in the
 *   domain.
 * - disk-startup-policy: virDomainDiskDefValidateStartupPolicy: a startup policy is for local
 *   (file, block, dir) sources, and `requisite` for cdroms and floppies.
 * - disk-vendor-product-length: virDomainDiskDefValidate: printable, at most 8 (vendor) and 16
 *   (product) characters, as the SCSI INQUIRY data has room for.
 */
import { Rule, removeElementFix } from '../rule';
import { Domain, El } from '../domain';
import { DiskFacts, diskFacts, diskName } from './disks';

/** The disk's `<auth>`, in `<source>` or in `<disk>`. */
function authOf(domain: Domain, disk: DiskFacts): El | undefined {
  return (disk.source && domain.child(disk.source, 'auth')) ?? domain.child(disk.el, 'auth');
}

function encryptionOf(domain: Domain, disk: DiskFacts): El | undefined {
  return (disk.source && domain.child(disk.source, 'encryption')) ?? domain.child(disk.el, 'encryption');
}

export const diskLunSourceRule: Rule = {
  code: 'disk-lun-source',
  libvirt: 'virDomainDiskDefSourceLUNValidate (src/conf/domain_validate.c)',
  stage: 'define',
  driver: 'any',
  libvirtMessages: [
    "disk device='lun' is not supported for protocol='%1$s'",
    "disk device='lun' is only valid for block type disk source",
    "disk device 'lun' must use 'raw' format",
    "disk device 'lun' doesn't support encryption",
  ],
  help:
    "A `device='lun'` disk hands a host SCSI device to the guest, commands and all: its source must be a host block device " +
    "(`<disk type='block'>`) or an iSCSI LUN, read as `raw` and without libvirt encryption. Use `device='disk'` for image files " +
    'and other network protocols.',
  docsAnchor: 'hard-drives-floppy-disks-cdroms',
  check(domain, report) {
    for (const disk of domain.derived(diskFacts)) {
      if (disk.device !== 'lun') continue;
      const at = domain.attr(disk.el, 'device') ?? domain.nameSpan(disk.el);
      if (disk.type === 'network') {
        const protocol = disk.source && domain.attr(disk.source, 'protocol');
        if (protocol && protocol.value.trim() !== 'iscsi' && protocol.value.trim() !== '') report(protocol, `A \`lun\` over the network must be iSCSI, not \`${protocol.value.trim()}\``);
      } else if (disk.type !== 'block' && disk.type !== 'volume') {
        report(domain.attr(disk.el, 'type') ?? at, `A \`lun\` needs a block device source, not \`type='${disk.type}'\``);
      }
      const format = disk.format?.value.trim();
      if (disk.format && format && format !== 'raw' && format !== 'none') report(disk.format, `A \`lun\` is read raw, not as \`${format}\``);
      const encryption = encryptionOf(domain, disk);
      const scheme = encryption && domain.attr(encryption, 'format');
      if (encryption && scheme && scheme.value.trim() !== 'default') report(scheme, 'A `lun` cannot be encrypted by libvirt');
    }
  },
};

const NO_AUTH_PROTOCOLS = new Set(['nbd', 'sheepdog', 'gluster', 'tftp', 'vxhs', 'nfs']);
const SECRET_USAGES = new Set(['none', 'volume', 'ceph', 'iscsi', 'tls', 'vtpm']);
const PROTOCOL_SECRET: Record<string, string> = { iscsi: 'iscsi', rbd: 'ceph' };

export const diskAuthProtocolRule: Rule = {
  code: 'disk-auth-protocol',
  libvirt: 'virDomainDiskDefValidateSourceChainOne (src/conf/domain_validate.c)',
  stage: 'define',
  driver: 'any',
  libvirtMessages: ["authentication is not supported for protocol '%1$s'", "unknown secret type '%1$s'", "invalid secret type '%1$s'"],
  help:
    "`<auth>` gives the credentials of a network disk. The nbd, sheepdog, gluster, tftp, vxhs and nfs protocols take none; " +
    "iSCSI needs a secret of `type='iscsi'` and RBD (Ceph) one of `type='ceph'`. Remove the `<auth>` or give the secret the " +
    "protocol's type.",
  docsAnchor: 'hard-drives-floppy-disks-cdroms',
  check(domain, report) {
    for (const disk of domain.derived(diskFacts)) {
      if (disk.type !== 'network' || !disk.source) continue;
      const auth = authOf(domain, disk);
      if (!auth) continue;
      const protocol = domain.value(disk.source, 'protocol');
      if (protocol === undefined) continue;
      if (NO_AUTH_PROTOCOLS.has(protocol)) {
        report(domain.nameSpan(auth), `The \`${protocol}\` protocol takes no \`<auth>\``);
        continue;
      }
      const secret = domain.child(auth, 'secret');
      const type = secret && domain.attr(secret, 'type');
      if (!type) continue;
      const usage = type.value.trim();
      if (!SECRET_USAGES.has(usage)) report(type, `libvirt knows no secret type \`${usage}\``);
      else if (PROTOCOL_SECRET[protocol] && PROTOCOL_SECRET[protocol] !== usage) {
        report(type, `An \`${protocol}\` disk needs a secret of type \`${PROTOCOL_SECRET[protocol]}\`, not \`${usage}\``, {
          fixes: [{ title: `Use \`${PROTOCOL_SECRET[protocol]}\``, start: type.from, end: type.to, newText: PROTOCOL_SECRET[protocol], safe: false }],
        });
      }
    }
  },
};

export const diskEncryptionCipherRule: Rule = {
  code: 'disk-encryption-cipher',
  libvirt: 'virDomainDiskDefValidateSourceChainOne (src/conf/domain_validate.c)',
  stage: 'define',
  driver: 'any',
  libvirtMessages: ['supplying <cipher> for domain disk definition is unnecessary'],
  help:
    'A LUKS volume records its cipher in its own header, so a disk definition names only the secret that unlocks it. ' +
    '`<cipher>` (and `<ivgen>`) belong to the storage volume XML used to create the image. Remove `<cipher>` from the disk.',
  docsAnchor: 'hard-drives-floppy-disks-cdroms',
  check(domain, report) {
    for (const disk of domain.derived(diskFacts)) {
      const encryption = encryptionOf(domain, disk);
      if (!encryption || domain.value(encryption, 'format') !== 'luks') continue;
      const cipher = domain.child(encryption, 'cipher');
      if (cipher) report(domain.nameSpan(cipher), `The cipher of ${diskName(disk)} is in its LUKS header, not in the domain`, { fixes: [removeElementFix(domain, cipher, 'Remove `<cipher>`', true)] });
    }
  },
};

export const diskStartupPolicyRule: Rule = {
  code: 'disk-startup-policy',
  libvirt: 'virDomainDiskDefValidateStartupPolicy (src/conf/domain_validate.c)',
  stage: 'define',
  driver: 'any',
  libvirtMessages: ["disk startupPolicy '%1$s' is not allowed for disk of '%2$s' type", "disk startupPolicy 'requisite' is allowed only for cdrom or floppy"],
  help:
    "`startupPolicy` says what to do when a local source file is missing at start (`mandatory`, `requisite`, `optional`). " +
    "It does not apply to network disks, and `requisite` (drop the medium on migration and restore) only to cdroms and " +
    'floppies. Remove it, or use `optional`.',
  docsAnchor: 'hard-drives-floppy-disks-cdroms',
  check(domain, report) {
    for (const disk of domain.derived(diskFacts)) {
      const policy = disk.source && domain.attr(disk.source, 'startupPolicy');
      if (!policy || policy.value.trim() === '') continue;
      const value = policy.value.trim();
      if (disk.type === 'network') report(policy, `A network disk takes no startup policy`);
      else if (value === 'requisite' && disk.device !== 'cdrom' && disk.device !== 'floppy') report(policy, `\`requisite\` is for cdroms and floppies, not a \`${disk.device}\``);
    }
  },
};

const LIMITS: Record<string, number> = { vendor: 8, product: 16 };

export const diskVendorProductLengthRule: Rule = {
  code: 'disk-vendor-product-length',
  libvirt: 'virDomainDiskDefValidate (src/conf/domain_validate.c)',
  stage: 'define',
  driver: 'any',
  libvirtMessages: [
    'disk vendor is not printable string',
    'disk vendor is more than %1$d characters',
    'disk product is not printable string',
    'disk product is more than %1$d characters',
  ],
  help:
    "A disk's `<vendor>` and `<product>` fill fixed fields of the SCSI identification data: printable ASCII, at most 8 " +
    'characters for the vendor and 16 for the product. Shorten the text.',
  docsAnchor: 'hard-drives-floppy-disks-cdroms',
  check(domain, report) {
    for (const disk of domain.derived(diskFacts)) {
      for (const name of ['vendor', 'product']) {
        const el = domain.child(disk.el, name);
        if (!el || el.element.children.some((c) => c.kind === 'element')) continue;
        const text = domain.content(el);
        const at = text.from < text.to ? text : domain.nameSpan(el);
        if (!/^[\x20-\x7e]*$/.test(text.value)) report(at, `\`<${name}>\` of ${diskName(disk)} has characters that are not printable ASCII`);
        else if (text.value.length > LIMITS[name]) report(at, `\`<${name}>\` of ${diskName(disk)} has ${text.value.length} characters, more than ${LIMITS[name]}`);
      }
    }
  },
};
