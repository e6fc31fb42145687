/**
 * vhost-user disks and NVMe disks (src/conf/domain_validate.c).
 *
 * - disk-vhostuser-unsupported: virDomainDiskVhostUserValidate. A `<disk type='vhostuser'>` is
 *   served by an external process over a socket: QEMU only forwards the virtio queues, so the
 *   disk must be on the virtio bus and none of the block-layer settings (cache, I/O mode, error
 *   policy, throttling, encryption, read-only, sharing, identity, geometry ...) apply.
 * - disk-nvme-namespace: virDomainDiskDefValidate: NVMe namespaces are numbered from 1.
 */
import { words } from '../../messages/words';
import { Rule, replaceFix } from '../rule';
import { decimalNumber } from '../domain';
import { diskFacts, diskTitle } from './disks';

const DRIVER_ATTRS: [attr: string, what: string][] = [
  ['cache', 'cache'],
  ['error_policy', 'error_policy'],
  ['rerror_policy', 'error_policy'],
  ['io', 'io'],
  ['ioeventfd', 'ioeventfd'],
  ['copy_on_read', 'copy_on_read'],
  ['discard', 'discard'],
  ['iothread', 'iothread'],
  ['detect_zeroes', 'detect_zeroes'],
];

const DISK_ELEMENTS: [element: string, what: string][] = [
  ['iotune', 'iotune'],
  ['encryption', 'encryption'],
  ['readonly', 'readonly'],
  ['shareable', 'shareable'],
  ['transient', 'transient'],
  ['serial', 'serial'],
  ['wwn', 'wwn'],
  ['vendor', 'vendor'],
  ['product', 'product'],
  ['auth', 'auth'],
  ['geometry', 'geometry'],
  ['blockio', 'blockio'],
];

const WHATS = [...new Set(['cache', 'error_policy', 'io', 'ioeventfd', 'copy_on_read', 'discard', 'iothread', 'detect_zeroes', 'metadata_cache', ...DISK_ELEMENTS.map(([, what]) => what)])];

export const diskVhostUserRule: Rule = {
  code: 'disk-vhostuser-unsupported',
  libvirt: 'virDomainDiskVhostUserValidate (src/conf/domain_validate.c)',
  stage: 'define',
  driver: 'any',
  onlyWith: ['disk'],
  libvirtMessages: ['vhostuser disk supports only virtio bus', ...WHATS.map((what) => `${what} is not supported with vhostuser disk`)],
  help: words('rules.help.disk-vhostuser-unsupported'),
  docsAnchor: 'hard-drives-floppy-disks-cdroms',
  check(domain, report) {
    for (const disk of domain.derived(diskFacts)) {
      if (disk.type !== 'vhostuser') continue;
      if (disk.driver) {
        for (const [name, what] of DRIVER_ATTRS) {
          const attr = domain.attr(disk.driver, name);
          if (attr && attr.value.trim() !== '') report(attr, words('rules.disk-vhostuser-unsupported.driver', { what }));
        }
        const metadata = domain.child(disk.driver, 'metadata_cache');
        if (metadata) report(domain.nameSpan(metadata), words('rules.disk-vhostuser-unsupported.metadataCache'));
      }
      if (disk.bus !== undefined && disk.bus !== 'virtio') {
        report(disk.busAttr ?? disk.dev ?? domain.nameSpan(disk.el), words('rules.disk-vhostuser-unsupported.bus', { bus: disk.bus }));
      }
      for (const [name, what] of DISK_ELEMENTS) {
        const el = domain.child(disk.el, name) ?? (name === 'encryption' || name === 'auth' ? disk.source && domain.child(disk.source, name) : undefined);
        if (el) report(domain.nameSpan(el), words('rules.disk-vhostuser-unsupported.element', { disk: diskTitle(disk), what }));
      }
    }
  },
};

export const diskNvmeNamespaceRule: Rule = {
  code: 'disk-nvme-namespace',
  libvirt: 'virDomainDiskDefValidate (src/conf/domain_validate.c)',
  stage: 'define',
  driver: 'any',
  onlyWith: ['disk'],
  libvirtMessages: ["NVMe namespace can't be zero"],
  help: words('rules.help.disk-nvme-namespace'),
  docsAnchor: 'hard-drives-floppy-disks-cdroms',
  check(domain, report) {
    for (const disk of domain.derived(diskFacts)) {
      if (disk.type !== 'nvme' || !disk.source) continue;
      const namespace = domain.attr(disk.source, 'namespace');
      if (namespace && decimalNumber(namespace.value) === 0) {
        report(namespace, words('rules.disk-nvme-namespace.zero'), { fixes: [replaceFix(namespace, '1', words('rules.disk-nvme-namespace.fix'))] });
      }
    }
  },
};
