/**
 * Shared memory devices. Mirrors libvirt's shmem checks: the size is a power of two and at least
 * 1 MiB (virDomainShmemDefParseXML, src/conf/domain_conf.c; the size is `<size unit>` scaled as
 * virDomainParseScaledValue reads it, bytes by default), the name is neither `.` nor `..` and has no
 * `/` (virDomainShmemDefValidate, src/conf/domain_validate.c), the old `ivshmem` model is gone
 * from QEMU (qemuValidateDomainDeviceDefShmem, src/qemu/qemu_validate.c), ivshmem-doorbell works with
 * a `<server>` and without `<size>`, ivshmem-plain without a server (qemuDomainShmemDefPostParse,
 * src/qemu/qemu_postparse.c).
 */
import { unitBytes } from '../units';
import { Rule } from '../rule';

const MIB = 1024n * 1024n;

export const shmemSizeRule: Rule = {
  code: 'shmem-size',
  libvirt: 'virDomainShmemDefParseXML (src/conf/domain_conf.c)',
  stage: 'define',
  driver: 'any',
  libvirtMessages: ['shmem size must be a power of 2 and at least 1 MiB (1024 KiB)'],
  help:
    'An ivshmem region is mapped as a PCI BAR, so its size is a power of two, and libvirt wants at least 1 MiB. ' +
    "Note that `<size>` counts bytes unless `unit` says otherwise (unit='M' for MiB). Use 1, 2, 4, 8 ... MiB.",
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
        report(text, `The shared memory size, ${text.value.trim()} ${unit} (${bytes} bytes), is not a power of two of at least 1 MiB`);
      }
    }
  },
};

export const shmemNameRule: Rule = {
  code: 'shmem-name',
  libvirt: 'virDomainShmemDefValidate (src/conf/domain_validate.c)',
  stage: 'define',
  driver: 'any',
  libvirtMessages: ["shmem name cannot include '/' character", "shmem name cannot be equal to '.'", "shmem name cannot be equal to '..'"],
  help: "The shmem `name` becomes a file name under /dev/shm: it cannot contain '/' nor be '.' or '..'. Choose a plain name.",
  docsAnchor: 'shared-memory-device',
  check(domain, report) {
    for (const shmem of domain.devicesNamed('shmem')) {
      const name = domain.attr(shmem, 'name');
      if (!name) continue;
      if (name.value.includes('/')) report(name, `The shmem name '${name.value}' contains '/'`);
      else if (name.value === '.' || name.value === '..') report(name, `The shmem name cannot be '${name.value}'`);
    }
  },
};

export const shmemModelRule: Rule = {
  code: 'shmem-ivshmem-model',
  libvirt: 'qemuValidateDomainDeviceDefShmem (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: ['ivshmem device is no longer supported'],
  help:
    "QEMU dropped the old `ivshmem` device: use `ivshmem-plain` for memory alone, or `ivshmem-doorbell` with a `<server>`.",
  docsAnchor: 'shared-memory-device',
  check(domain, report) {
    for (const shmem of domain.devicesNamed('shmem')) {
      const model = domain.child(shmem, 'model');
      const type = model && domain.attr(model, 'type');
      if (type?.value.trim() === 'ivshmem') {
        const doorbell = domain.child(shmem, 'server') !== undefined;
        report(type, "QEMU has no 'ivshmem' device any more", {
          fixes: [{ title: `Use ${doorbell ? 'ivshmem-doorbell' : 'ivshmem-plain'}`, start: type.from, end: type.to, newText: doorbell ? 'ivshmem-doorbell' : 'ivshmem-plain', safe: false }],
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
  libvirtMessages: [
    "shmem model '%1$s' is supported only with server option enabled",
    "shmem model '%1$s' is supported only with server option disabled",
    "shmem model '%1$s' must not define size",
  ],
  help:
    'The two QEMU shared memory devices differ by who owns the memory: `ivshmem-plain` maps memory itself (a `<size>`, no `<server>`), ' +
    '`ivshmem-doorbell` gets it, and its interrupts, from an ivshmem server (a `<server>`, no `<size>`). Pick the model that matches.',
  docsAnchor: 'shared-memory-device',
  check(domain, report) {
    for (const shmem of domain.devicesNamed('shmem')) {
      const modelEl = domain.child(shmem, 'model');
      const type = modelEl && domain.attr(modelEl, 'type');
      const model = type?.value.trim();
      const server = domain.child(shmem, 'server');
      const size = domain.child(shmem, 'size');
      if (!type) continue;
      if (model === 'ivshmem-doorbell' && !server) report(type, 'An ivshmem-doorbell device needs a `<server>`');
      else if (model === 'ivshmem-plain' && server) report(domain.nameSpan(server), 'An ivshmem-plain device has no `<server>` (that is ivshmem-doorbell)');
      else if (model === 'ivshmem-doorbell' && size) report(domain.nameSpan(size), "An ivshmem-doorbell device gets its memory from the server: it takes no `<size>`");
    }
  },
};
