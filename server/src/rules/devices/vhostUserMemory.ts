/**
 * vhost-user devices need the guest's memory shared with the backend process. Mirrors
 * qemuValidateDomainDefVhostUserRequireSharedMemory (src/qemu/qemu_validate.c), called for a
 * virtiofs `<filesystem>` (qemuValidateDomainDeviceDefFS) and for `<disk type='vhostuser'>` and
 * `<disk type='vhostvdpa'>` (qemuValidateDomainDeviceDefDisk): without guest NUMA cells,
 * `<memoryBacking><access mode='shared'/>` is required; with cells, each cell must be shared,
 * either by its own `memAccess='shared'` or, when it has none, by the memoryBacking access. A
 * `memfd` source alone does not count: libvirt looks at the access mode only.
 */
import { words } from '../../messages/words';
import { Domain, El } from '../domain';
import { Rule } from '../rule';

interface Unshared {
  /** The cell whose memory is not shared, when that is the reason. */
  cell?: El;
}

/** Whether guest memory is shared as libvirt requires; the offending cell when one is private. */
function unsharedMemory(domain: Domain): Unshared | undefined {
  const access = domain.value(domain.first(['memoryBacking', 'access']), 'mode');
  const cells = domain.at(['cpu', 'numa', 'cell']);
  if (cells.length === 0) return access === 'shared' ? undefined : {};
  for (const cell of cells) {
    const memAccess = domain.value(cell, 'memAccess');
    if (memAccess === 'shared') continue;
    if (memAccess === 'private' || access !== 'shared') return { cell };
  }
  return undefined;
}

export const vhostUserSharedMemoryRule: Rule = {
  code: 'vhost-user-shared-memory',
  libvirt: 'qemuValidateDomainDefVhostUserRequireSharedMemory (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: ["'%1$s' requires shared memory"],
  help: words('rules.help.vhost-user-shared-memory'),
  docsAnchor: 'memory-backing',
  check(domain, report) {
    let unshared: Unshared | undefined | null = null;
    for (const device of domain.devices) {
      let what: string | undefined;
      let at;
      if (device.element.name === 'filesystem') {
        const driver = domain.child(device, 'driver');
        const type = driver && domain.attr(driver, 'type');
        if (type?.value.trim() === 'virtiofs') [what, at] = ['virtiofs', type];
      } else if (device.element.name === 'disk') {
        const type = domain.attr(device, 'type');
        if (type && (type.value.trim() === 'vhostuser' || type.value.trim() === 'vhostvdpa')) [what, at] = [type.value.trim(), type];
      }
      if (!what || !at) continue;
      if (unshared === null) unshared = unsharedMemory(domain);
      if (!unshared) continue;
      const cell = unshared.cell;
      const id = cell && domain.value(cell, 'id');
      const why = !cell
        ? words('rules.vhost-user-shared-memory.domain')
        : id
          ? words('rules.vhost-user-shared-memory.cell', { id })
          : words('rules.vhost-user-shared-memory.cellWithoutId');
      const needing = what === 'virtiofs' ? words('rules.vhost-user-shared-memory.virtiofs') : words('rules.vhost-user-shared-memory.disk', { type: what });
      report(at, words('rules.vhost-user-shared-memory.needsShared', { device: needing, why }), {
        related: cell ? [{ ...domain.nameSpan(cell), message: words('rules.vhost-user-shared-memory.privateCell') }] : undefined,
      });
    }
  },
};
