/**
 * vhost-user devices need the guest's memory shared with the backend process. Mirrors
 * qemuValidateDomainDefVhostUserRequireSharedMemory (src/qemu/qemu_validate.c), called for a
 * virtiofs `<filesystem>` (qemuValidateDomainDeviceDefFS) and for `<disk type='vhostuser'>` and
 * `<disk type='vhostvdpa'>` (qemuValidateDomainDeviceDefDisk): without guest NUMA cells,
 * `<memoryBacking><access mode='shared'/>` is required; with cells, each cell must be shared,
 * either by its own `memAccess='shared'` or, when it has none, by the memoryBacking access. A
 * `memfd` source alone does not count: libvirt looks at the access mode only.
 */
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
  help:
    'virtiofs and vhost-user disks are served by another process that reads and writes guest memory directly, so that memory must be ' +
    "shared: add `<memoryBacking><access mode='shared'/></memoryBacking>`, or give every NUMA `<cell>` memAccess='shared'. " +
    'A memfd `<source>` alone is not enough for libvirt.',
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
      const why = cell
        ? `NUMA cell ${domain.value(cell, 'id') ?? ''} does not share its memory (memAccess='shared')`.replace('cell  ', 'cell ')
        : "the domain's memory is not shared (`<memoryBacking><access mode='shared'/>`)";
      report(at, `${what === 'virtiofs' ? 'virtiofs' : `A ${what} disk`} needs shared guest memory, and ${why}`, {
        related: cell ? [{ ...domain.nameSpan(cell), message: 'The NUMA cell whose memory is private' }] : undefined,
      });
    }
  },
};
