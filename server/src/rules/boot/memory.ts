/**
 * The domain's memory size, as virDomainDefPostParseMemory (src/conf/domain_postparse.c) checks
 * it: a guest needs memory, given by `<memory>` or by the sum of its NUMA cells'; memory
 * devices (`<devices><memory>`) fit within the total; `<maxMemory>` is at least the total memory.
 * The check is libvirt's common code, but only the QEMU driver's tests exercise it (other drivers'
 * documents, e.g. OpenVZ's with `<memory>0</memory>`, are tested against the schema alone), so
 * the rule runs for QEMU domains.
 */
import { AttrValue, Domain, El } from '../domain';
import { Rule } from '../rule';

const UNIT_KIB: Record<string, number> = {
  b: 1 / 1024, bytes: 1 / 1024,
  k: 1, kib: 1, kb: 1000 / 1024,
  m: 1024, mib: 1024, mb: 1e6 / 1024,
  g: 1024 ** 2, gib: 1024 ** 2, gb: 1e9 / 1024,
  t: 1024 ** 3, tib: 1024 ** 3, tb: 1e12 / 1024,
  p: 1024 ** 4, pib: 1024 ** 4, pb: 1e15 / 1024,
  e: 1024 ** 5, eib: 1024 ** 5, eb: 1e18 / 1024,
};

/** A size in KiB as virDomainParseMemory reads it (text scaled by `unit`, KiB when absent), rounded up; undefined if unreadable. */
export function sizeKiB(domain: Domain, el: El, text: AttrValue | undefined, defaultUnit = 'kib'): number | undefined {
  if (!text) return undefined;
  const value = text.value.trim();
  if (!/^\d+$/.test(value)) return undefined;
  const unit = (domain.value(el, 'unit') ?? defaultUnit).toLowerCase();
  const scale = UNIT_KIB[unit];
  return scale === undefined ? undefined : Math.ceil(Number(value) * scale);
}

function numaMemoryKiB(domain: Domain): number | undefined {
  let total = 0;
  for (const cell of domain.at(['cpu', 'numa', 'cell'])) {
    const memory = domain.attr(cell, 'memory');
    const size = sizeKiB(domain, cell, memory);
    if (memory && size === undefined) return undefined;
    total += size ?? 0;
  }
  return total;
}

export const memorySizeRule: Rule = {
  code: 'memory-size',
  libvirt: 'virDomainDefPostParseMemory (src/conf/domain_postparse.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: [
    'Memory size must be specified via <memory> or in the <numa> configuration',
    'Total size of memory devices exceeds the total memory size',
    'maximum memory size must be specified when specifying number of memory slots',
    'maximum memory size must be equal or greater than the actual memory size',
  ],
  help:
    "A guest needs memory: `<memory>` gives its size, or the guest NUMA cells' `memory` add up to it. Memory devices plugged into the guest " +
    '(`<devices><memory>`) are part of that total and cannot exceed it. `<maxMemory>`, the ceiling memory hot-plug may reach, cannot be below ' +
    'the total memory.',
  docsAnchor: 'memory-allocation',
  check(domain, report) {
    // libvirt's parser stops at a missing `<os><type>` ("an os <type> must be specified") before post-parse.
    if (!domain.osType) return;
    const memory = domain.child(domain.root, 'memory');
    const memoryText = memory && domain.content(memory);
    const total = memory ? sizeKiB(domain, memory, memoryText) : 0;
    const numa = numaMemoryKiB(domain);
    if (total === undefined || numa === undefined) return;
    let hotplug = 0;
    for (const device of domain.devices) {
      if (device.element.name !== 'memory') continue;
      const size = domain.first(['target', 'size'], device);
      const kib = size && sizeKiB(domain, size, domain.content(size));
      if (size && kib === undefined) return;
      hotplug += kib ?? 0;
    }
    const effective = numa > 0 ? numa + hotplug : total;
    if (numa === 0 && hotplug > total) {
      report(memory ? domain.nameSpan(memory) : domain.nameSpan(domain.root), `Memory devices add up to ${hotplug} KiB, more than the ${total} KiB of \`<memory>\``);
      return;
    }
    if (effective - hotplug <= 0) {
      report(memory ? domain.nameSpan(memory) : domain.nameSpan(domain.root), memory ? 'The guest has no memory: `<memory>` is 0 and no NUMA cell gives any' : 'The guest has no memory: no `<memory>` and no NUMA cell gives any');
      return;
    }
    const maxMemory = domain.child(domain.root, 'maxMemory');
    if (!maxMemory) return;
    const maxText = domain.content(maxMemory);
    const max = sizeKiB(domain, maxMemory, maxText);
    const slots = domain.attr(maxMemory, 'slots');
    if (max === 0 && slots && /^\d+$/.test(slots.value.trim()) && Number(slots.value.trim()) > 0) report(maxText, '`<maxMemory>` is 0 although it has memory `slots`');
    else if (max !== undefined && max > 0 && max < effective) report(maxText, `\`<maxMemory>\` (${max} KiB) is below the guest's memory (${effective} KiB)`);
  },
};
