/**
 * Shared memory devices. Mirrors libvirt's shmem checks: the size is a power of two and at least
 * 1 MiB (virDomainShmemDefParseXML, src/conf/domain_conf.c; the size is `<size unit>` scaled as
 * virDomainParseScaledValue reads it, bytes by default), the name is neither `.` nor `..` and has no
 * `/` (virDomainShmemDefValidate, src/conf/domain_validate.c), the old `ivshmem` model is gone
 * from QEMU (qemuValidateDomainDeviceDefShmem, src/qemu/qemu_validate.c), ivshmem-doorbell works with
 * a `<server>` and without `<size>`, ivshmem-plain without a server (qemuDomainShmemDefPostParse,
 * src/qemu/qemu_postparse.c).
 */
import { words } from '../../messages/words';
import { unitBytes } from '../units';
import { Rule } from '../rule';
import { replaceFix } from '../rule';

const MIB = 1024n * 1024n;

export const shmemSizeRule: Rule = {
  code: 'shmem-size',
  libvirt: 'virDomainShmemDefParseXML (src/conf/domain_conf.c)',
  stage: 'define',
  driver: 'any',
  onlyWith: ['shmem'],
  libvirtMessages: ['shmem size must be a power of 2 and at least 1 MiB (1024 KiB)'],
  help: words('rules.help.shmem-size'),
  docsAnchor: 'shared-memory-device',
  check(domain, report) {
    for (const shmem of domain.devicesNamed('shmem')) {
      const size = domain.child(shmem, 'size');
      if (!size) continue;
      const text = domain.content(size);
      if (!/^\s*\d+\s*$/.test(text.value)) continue;
      const unit = domain.value(size, 'unit') ?? 'b';
      const scale = unitBytes(unit);
      if (scale === undefined) continue;
      const bytes = BigInt(text.value.trim()) * scale;
      if (bytes === 0n) continue;
      if (bytes < MIB || (bytes & (bytes - 1n)) !== 0n) {
        report(text, words('rules.shmem-size.size', { size: text.value.trim(), unit, bytes: String(bytes) }));
      }
    }
  },
};

export const shmemNameRule: Rule = {
  code: 'shmem-name',
  libvirt: 'virDomainShmemDefValidate (src/conf/domain_validate.c)',
  stage: 'define',
  driver: 'any',
  onlyWith: ['shmem'],
  libvirtMessages: ["shmem name cannot include '/' character", "shmem name cannot be equal to '.'", "shmem name cannot be equal to '..'"],
  help: words('rules.help.shmem-name'),
  docsAnchor: 'shared-memory-device',
  check(domain, report) {
    for (const shmem of domain.devicesNamed('shmem')) {
      const name = domain.attr(shmem, 'name');
      if (!name) continue;
      if (name.value.includes('/')) report(name, words('rules.shmem-name.slash', { name: name.value }));
      else if (name.value === '.' || name.value === '..') report(name, words('rules.shmem-name.dots', { name: name.value }));
    }
  },
};

export const shmemModelRule: Rule = {
  code: 'shmem-ivshmem-model',
  libvirt: 'qemuValidateDomainDeviceDefShmem (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: ['shmem'],
  libvirtMessages: ['ivshmem device is no longer supported'],
  help: words('rules.help.shmem-ivshmem-model'),
  docsAnchor: 'shared-memory-device',
  check(domain, report) {
    for (const shmem of domain.devicesNamed('shmem')) {
      const model = domain.child(shmem, 'model');
      const type = model && domain.attr(model, 'type');
      if (type?.value.trim() === 'ivshmem') {
        const replacement = domain.child(shmem, 'server') !== undefined ? 'ivshmem-doorbell' : 'ivshmem-plain';
        report(type, words('rules.shmem-ivshmem-model.gone'), {
          fixes: [replaceFix(type, replacement, words('rules.shmem-ivshmem-model.use', { model: replacement }))],
        });
      }
    }
  },
};

export const shmemServerRule: Rule = {
  code: 'shmem-server',
  libvirt: 'qemuDomainShmemDefPostParse (src/qemu/qemu_postparse.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: ['shmem'],
  libvirtMessages: [
    "shmem model '%1$s' is supported only with server option enabled",
    "shmem model '%1$s' is supported only with server option disabled",
    "shmem model '%1$s' must not define size",
  ],
  help: words('rules.help.shmem-server'),
  docsAnchor: 'shared-memory-device',
  check(domain, report) {
    for (const shmem of domain.devicesNamed('shmem')) {
      const modelEl = domain.child(shmem, 'model');
      const type = modelEl && domain.attr(modelEl, 'type');
      const model = type?.value.trim();
      const server = domain.child(shmem, 'server');
      const size = domain.child(shmem, 'size');
      if (!type) continue;
      if (model === 'ivshmem-doorbell' && !server) report(type, words('rules.shmem-server.doorbellWithoutServer'));
      else if (model === 'ivshmem-plain' && server) report(domain.nameSpan(server), words('rules.shmem-server.plainWithServer'));
      else if (model === 'ivshmem-doorbell' && size) report(domain.nameSpan(size), words('rules.shmem-server.doorbellWithSize'));
    }
  },
};
