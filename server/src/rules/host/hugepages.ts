/**
 * Huge page sizes the host offers: a guest whose memory is backed by pages of a size the host
 * has no hugetlbfs for fails to start (qemuBuildMemoryBackendProps, src/qemu/qemu_command.c,
 * through qemuGetDomainHupageMemPath). The host's capabilities list the page sizes it offers,
 * per NUMA cell; one not among them has no pool, so no mount serves it.
 */
import { words } from '../../messages/words';
import { memoryKiB } from '../cpu/facts';
import { HostRule } from './hostRule';
import { offeredList } from './common';

export const hostHugepagesRule: HostRule = {
  code: 'host-hugepage-size',
  libvirt: 'qemuBuildMemoryBackendProps (src/qemu/qemu_command.c)',
  stage: 'start',
  driver: 'qemu',
  needs: 'capabilities',
  libvirtMessages: ['Unable to find any usable hugetlbfs mount for %1$llu KiB'],
  help: words('host.help.host-hugepage-size'),
  docsAnchor: 'memory-backing',
  check(domain, host, report) {
    const sizes = host.capabilities.pageSizesKiB;
    const hugepages = domain.first(['memoryBacking', 'hugepages']);
    if (!hugepages || sizes.length === 0) return;
    for (const page of domain.children(hugepages, 'page')) {
      const size = domain.attr(page, 'size');
      const kib = size && memoryKiB(size.value, domain.value(page, 'unit'));
      if (!size || kib === undefined || sizes.includes(Number(kib))) continue;
      report(size, words('host.hugepages', { host: host.label, size: kib.toString(), sizes: offeredList(sizes.map((s) => words('host.kib', { size: s }))) }));
    }
  },
};
