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
import { words } from '../../messages/words';
import { Rule, removeElementFix, replaceFix } from '../rule';
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
  onlyWith: ['disk'],
  libvirtMessages: [
    "disk device='lun' is not supported for protocol='%1$s'",
    "disk device='lun' is only valid for block type disk source",
    "disk device 'lun' must use 'raw' format",
    "disk device 'lun' doesn't support encryption",
  ],
  help: words('rules.help.disk-lun-source'),
  docsAnchor: 'hard-drives-floppy-disks-cdroms',
  check(domain, report) {
    for (const disk of domain.derived(diskFacts)) {
      if (disk.device !== 'lun') continue;
      const at = domain.attr(disk.el, 'device') ?? domain.nameSpan(disk.el);
      if (disk.type === 'network') {
        const protocol = disk.source && domain.attr(disk.source, 'protocol');
        const name = protocol?.value.trim();
        if (protocol && name && name !== 'iscsi') report(protocol, words('rules.disk-lun-source.protocol', { protocol: name }));
      } else if (disk.type !== 'block' && disk.type !== 'volume') {
        report(domain.attr(disk.el, 'type') ?? at, words('rules.disk-lun-source.type', { type: disk.type }));
      }
      const format = disk.format?.value.trim();
      if (disk.format && format && format !== 'raw' && format !== 'none') report(disk.format, words('rules.disk-lun-source.format', { format }));
      const encryption = encryptionOf(domain, disk);
      const scheme = encryption && domain.attr(encryption, 'format');
      if (encryption && scheme && scheme.value.trim() !== 'default') report(scheme, words('rules.disk-lun-source.encrypted'));
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
  onlyWith: ['disk'],
  libvirtMessages: ["authentication is not supported for protocol '%1$s'", "unknown secret type '%1$s'", "invalid secret type '%1$s'"],
  help: words('rules.help.disk-auth-protocol'),
  docsAnchor: 'hard-drives-floppy-disks-cdroms',
  check(domain, report) {
    for (const disk of domain.derived(diskFacts)) {
      if (disk.type !== 'network' || !disk.source) continue;
      const auth = authOf(domain, disk);
      if (!auth) continue;
      const protocol = domain.value(disk.source, 'protocol');
      if (protocol === undefined) continue;
      if (NO_AUTH_PROTOCOLS.has(protocol)) {
        report(domain.nameSpan(auth), words('rules.disk-auth-protocol.noAuth', { protocol }));
        continue;
      }
      const secret = domain.child(auth, 'secret');
      const type = secret && domain.attr(secret, 'type');
      if (!type) continue;
      const usage = type.value.trim();
      if (!SECRET_USAGES.has(usage)) report(type, words('rules.disk-auth-protocol.unknownSecret', { type: usage }));
      else if (PROTOCOL_SECRET[protocol] && PROTOCOL_SECRET[protocol] !== usage) {
        const wanted = PROTOCOL_SECRET[protocol];
        report(type, words('rules.disk-auth-protocol.secretType', { protocol, wanted, type: usage }), {
          fixes: [replaceFix(type, wanted, words('rules.storage.fix.use', { value: wanted }))],
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
  onlyWith: ['disk'],
  libvirtMessages: ['supplying <cipher> for domain disk definition is unnecessary'],
  help: words('rules.help.disk-encryption-cipher'),
  docsAnchor: 'hard-drives-floppy-disks-cdroms',
  check(domain, report) {
    for (const disk of domain.derived(diskFacts)) {
      const encryption = encryptionOf(domain, disk);
      if (!encryption || domain.value(encryption, 'format') !== 'luks') continue;
      const cipher = domain.child(encryption, 'cipher');
      if (cipher) {
        report(domain.nameSpan(cipher), words('rules.disk-encryption-cipher.inHeader', { disk: diskName(disk) }), {
          fixes: [removeElementFix(domain, cipher, words('rules.storage.fix.remove', { name: '<cipher>' }), true)],
        });
      }
    }
  },
};

export const diskStartupPolicyRule: Rule = {
  code: 'disk-startup-policy',
  libvirt: 'virDomainDiskDefValidateStartupPolicy (src/conf/domain_validate.c)',
  stage: 'define',
  driver: 'any',
  onlyWith: ['disk'],
  libvirtMessages: ["disk startupPolicy '%1$s' is not allowed for disk of '%2$s' type", "disk startupPolicy 'requisite' is allowed only for cdrom or floppy"],
  help: words('rules.help.disk-startup-policy'),
  docsAnchor: 'hard-drives-floppy-disks-cdroms',
  check(domain, report) {
    for (const disk of domain.derived(diskFacts)) {
      const policy = disk.source && domain.attr(disk.source, 'startupPolicy');
      if (!policy || policy.value.trim() === '') continue;
      const value = policy.value.trim();
      if (disk.type === 'network') report(policy, words('rules.disk-startup-policy.network'));
      else if (value === 'requisite' && disk.device !== 'cdrom' && disk.device !== 'floppy') report(policy, words('rules.disk-startup-policy.requisite', { device: disk.device }));
    }
  },
};

const LIMITS: Record<string, number> = { vendor: 8, product: 16 };

export const diskVendorProductLengthRule: Rule = {
  code: 'disk-vendor-product-length',
  libvirt: 'virDomainDiskDefValidate (src/conf/domain_validate.c)',
  stage: 'define',
  driver: 'any',
  onlyWith: ['disk'],
  libvirtMessages: [
    'disk vendor is not printable string',
    'disk vendor is more than %1$d characters',
    'disk product is not printable string',
    'disk product is more than %1$d characters',
  ],
  help: words('rules.help.disk-vendor-product-length'),
  docsAnchor: 'hard-drives-floppy-disks-cdroms',
  check(domain, report) {
    for (const disk of domain.derived(diskFacts)) {
      for (const name of ['vendor', 'product']) {
        const el = domain.child(disk.el, name);
        if (!el || el.element.children.some((c) => c.kind === 'element')) continue;
        const text = domain.content(el);
        const at = text.from < text.to ? text : domain.nameSpan(el);
        if (!/^[\x20-\x7e]*$/.test(text.value)) report(at, words('rules.disk-vendor-product-length.printable', { name, disk: diskName(disk) }));
        else if (text.value.length > LIMITS[name]) {
          report(at, words('rules.disk-vendor-product-length.length', { name, disk: diskName(disk), length: text.value.length, limit: LIMITS[name] }));
        }
      }
    }
  },
};
