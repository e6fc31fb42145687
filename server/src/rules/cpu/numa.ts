/**
 * Guest NUMA cells and `<numatune>`:
 * - virDomainNumaDefParseXML (src/conf/numa_conf.c): cell ids (the cell's position when `id`
 *   is absent) must be 0..n-1, each once; no vCPU in two cells;
 * - virDomainDefParseXML (src/conf/domain_conf.c): the cells' vCPUs must fit the `<vcpu>` count;
 * - virDomainNumatuneParseXML / virDomainNumatuneSet / virDomainNumatuneNodeParseXML and
 *   virDomainNumaDefValidate (src/conf/numa_conf.c): no per-cell `<memnode>` with automatic
 *   placement, a nodeset for static placement, `restrictive` on both `<memory>` and
 *   `<memnode>` or on neither.
 */
import { words } from '../../messages/words';
import { AttrValue, Domain } from '../domain';
import { Rule, replaceFix } from '../rule';
import { IdSet } from '../cpuset/idSet';
import { NumaCell, numaFacts, vcpuFacts } from './facts';
import { titled } from '../rule';

export const numaCellIdRule: Rule = {
  code: 'numa-cell-id',
  libvirt: 'virDomainNumaDefParseXML (src/conf/numa_conf.c)',
  stage: 'define',
  driver: 'any',
  onlyWith: ['cell'],
  libvirtMessages: [
    "Exactly one 'cell' element per guest NUMA cell allowed, non-contiguous ranges or ranges not starting from 0 are not allowed",
    "Duplicate NUMA cell info for cell id '%1$u'",
  ],
  help: words('rules.help.numa-cell-id'),
  docsAnchor: 'cpu-model-and-topology',
  check(domain, report) {
    const { cells } = numaFacts(domain);
    const seen = new Map<number, NumaCell>();
    for (const cell of cells) {
      if (cell.id === undefined) continue;
      if (cell.id >= cells.length) {
        const count = cells.length;
        report(cell.idSpan, words(count === 1 ? 'rules.numa-cell-id.range.one' : 'rules.numa-cell-id.range.other', { id: cell.id, count, last: count - 1 }));
        continue;
      }
      const first = seen.get(cell.id);
      if (first) report(cell.idSpan, words('rules.numa-cell-id.second', { id: cell.id }), { related: [{ ...first.idSpan, message: words('rules.numa-cell-id.first', { id: cell.id }) }] });
      else seen.set(cell.id, cell);
    }
  },
};

export const numaCellCpusOverlapRule: Rule = {
  code: 'numa-cell-cpus-overlap',
  libvirt: 'virDomainNumaDefParseXML (src/conf/numa_conf.c)',
  stage: 'define',
  driver: 'any',
  onlyWith: ['cell'],
  libvirtMessages: ['NUMA cells %1$u and %2$zu have overlapping vCPU ids'],
  help: words('rules.help.numa-cell-cpus-overlap'),
  docsAnchor: 'cpu-model-and-topology',
  check(domain, report) {
    const { cells } = numaFacts(domain);
    const earlier: NumaCell[] = [];
    for (const cell of cells) {
      if (!cell.cpus || !cell.cpusAttr) continue;
      const other = earlier.find((e) => !e.cpus!.intersect(cell.cpus!).isEmpty);
      if (other) {
        const shared = other.cpus!.intersect(cell.cpus).format();
        const otherCell = other.id ?? other.index;
        report(cell.cpusAttr, words('rules.numa-cell-cpus-overlap.overlap', { vcpus: shared, cell: otherCell }), {
          related: [{ ...other.cpusAttr!, message: words('rules.numa-cell-cpus-overlap.cpus', { cell: otherCell }) }],
        });
      }
      earlier.push(cell);
    }
  },
};

export const numaCpusBeyondVcpusRule: Rule = {
  code: 'numa-cpus-beyond-vcpus',
  libvirt: 'virDomainDefParseXML (src/conf/domain_conf.c)',
  stage: 'define',
  driver: 'any',
  onlyWith: ['cell'],
  libvirtMessages: ['Number of CPUs in <numa> exceeds the <vcpu> count', 'CPU IDs in <numa> exceed the <vcpu> count'],
  help: words('rules.help.numa-cpus-beyond-vcpus'),
  docsAnchor: 'cpu-model-and-topology',
  check(domain, report) {
    const { cells } = numaFacts(domain);
    const { max, maxSpan } = vcpuFacts(domain);
    if (max === undefined || cells.length === 0) return;
    const related = maxSpan ? [{ ...maxSpan, message: words('rules.numa-cpus-beyond-vcpus.count') }] : undefined;
    let total = 0;
    for (const cell of cells) total += cell.cpus?.count ?? 0;
    if (total > max) {
      const last = [...cells].reverse().find((c) => c.cpusAttr && c.cpus);
      if (last) report(last.cpusAttr!, words('rules.numa-cpus-beyond-vcpus.total', { total, max }), { related });
      return;
    }
    for (const cell of cells) {
      const ranges = cell.cpus?.ranges();
      if (!ranges || ranges.length === 0 || !cell.cpusAttr) continue;
      const highest = ranges[ranges.length - 1][1];
      if (highest >= max) {
        report(cell.cpusAttr, words('rules.numa-cpus-beyond-vcpus.id', { vcpu: highest, max, last: max - 1 }), { related });
        return;
      }
    }
  },
};

/** `<numatune><memory>`'s placement as virDomainNumatuneParseXML/virDomainNumatuneSet resolve it. */
function numatunePlacement(domain: Domain): { placement: 'auto' | 'static' | undefined; memory: AttrValue | undefined; nodeset: AttrValue | undefined } {
  const numatune = domain.child(domain.root, 'numatune');
  const memory = numatune && domain.child(numatune, 'memory');
  const vcpu = domain.child(domain.root, 'vcpu');
  const placementStatic = (domain.value(vcpu, 'placement') ?? 'static') === 'static';
  if (!memory) return { placement: numatune && !placementStatic ? 'auto' : undefined, memory: undefined, nodeset: undefined };
  const placementAttr = domain.attr(memory, 'placement');
  const nodeset = domain.attr(memory, 'nodeset');
  const mode = domain.attr(memory, 'mode');
  let placement = placementAttr?.value.trim();
  if (placement === undefined && !nodeset && !mode) return { placement: undefined, memory: undefined, nodeset };
  if (placement === undefined) placement = nodeset ? 'static' : 'default';
  if (placement === 'default') placement = nodeset || placementStatic ? 'static' : 'auto';
  if (placement !== 'static' && placement !== 'auto') return { placement: undefined, memory: undefined, nodeset };
  return { placement, memory: placementAttr ?? mode ?? nodeset, nodeset };
}

export const memnodeAutoPlacementRule: Rule = {
  code: 'numatune-memnode-auto-placement',
  libvirt: 'virDomainNumatuneNodeParseXML (src/conf/numa_conf.c)',
  stage: 'define',
  driver: 'any',
  onlyWith: ['memnode'],
  libvirtMessages: ['Per-node binding is not compatible with automatic NUMA placement.'],
  help: words('rules.help.numatune-memnode-auto-placement'),
  docsAnchor: 'numa-node-tuning',
  check(domain, report) {
    const memnode = domain.first(['numatune', 'memnode']);
    if (!memnode) return;
    const { placement, memory } = numatunePlacement(domain);
    if (placement !== 'auto') return;
    const related = memory ? { related: [{ ...memory, message: words('rules.numatune-memnode-auto-placement.auto') }] } : undefined;
    report(domain.nameSpan(memnode), words('rules.numatune-memnode-auto-placement.memnode'), related);
  },
};

export const numatuneStaticNodesetRule: Rule = {
  code: 'numatune-static-without-nodeset',
  libvirt: 'virDomainNumatuneSet (src/conf/numa_conf.c)',
  stage: 'define',
  driver: 'any',
  onlyWith: ['numatune'],
  libvirtMessages: ["nodeset for NUMA memory tuning must be set if 'placement' is 'static'"],
  help: words('rules.help.numatune-static-without-nodeset'),
  docsAnchor: 'numa-node-tuning',
  check(domain, report) {
    const { placement, memory, nodeset } = numatunePlacement(domain);
    if (placement === 'static' && !nodeset && memory) report(memory, words('rules.numatune-static-without-nodeset.static'));
  },
};

export const numatuneRestrictiveRule: Rule = {
  code: 'numatune-restrictive-mismatch',
  libvirt: 'virDomainNumaDefValidate (src/conf/numa_conf.c)',
  stage: 'define',
  driver: 'any',
  onlyWith: ['numatune'],
  libvirtMessages: [
    "'restrictive' mode is required in memnode element when mode is 'restrictive' in memory element",
    "'restrictive' mode is required in memory element when mode is 'restrictive' in memnode element",
  ],
  help: words('rules.help.numatune-restrictive-mismatch'),
  docsAnchor: 'numa-node-tuning',
  check(domain, report) {
    const numatune = domain.child(domain.root, 'numatune');
    if (!numatune) return;
    const memory = domain.child(numatune, 'memory');
    const memoryMode = (memory && domain.value(memory, 'mode')) || 'strict';
    const { cells } = numaFacts(domain);
    for (const memnode of domain.children(numatune, 'memnode')) {
      const cellid = Number(domain.value(memnode, 'cellid'));
      if (!Number.isInteger(cellid) || cellid < 0 || cellid >= cells.length) continue;
      const modeAttr = domain.attr(memnode, 'mode');
      const mode = modeAttr?.value.trim() ?? 'strict';
      const at = modeAttr ?? domain.nameSpan(memnode);
      if ((memoryMode === 'restrictive') !== (mode === 'restrictive')) report(at, words('rules.numatune-restrictive-mismatch.mismatch', { memnode: mode, memory: memoryMode }));
    }
  },
};

export const numaVcpusUncoveredRule: Rule = {
  code: 'numa-vcpus-uncovered',
  libvirt: 'qemuDomainDefNumaCPUsRectify (src/qemu/qemu_domain.c)',
  stage: 'accepted',
  driver: 'qemu',
  onlyWith: ['cell'],
  libvirtMessages: [],
  help: words('rules.help.numa-vcpus-uncovered'),
  docsAnchor: 'cpu-model-and-topology',
  check(domain, report) {
    const { cells } = numaFacts(domain);
    const { max } = vcpuFacts(domain);
    if (cells.length === 0 || max === undefined || max === 0) return;
    const covered = new IdSet();
    let first: NumaCell | undefined;
    for (const cell of cells) {
      if (cell.cpusAttr && !cell.cpus) return;
      if (cell.id === 0) first = cell;
      for (const [a, b] of cell.cpus?.ranges() ?? []) covered.add(a, b);
    }
    const missing = IdSet.of([[0, max - 1]]).subtract(covered);
    if (missing.isEmpty || !first) return;
    const at = first.cpusAttr ?? first.idSpan;
    const cell0 = (first.cpus ?? new IdSet()).copy();
    for (const [a, b] of missing.ranges()) cell0.add(a, b);
    const vcpus = missing.format();
    const fixes = first.cpusAttr ? { fixes: [titled(replaceFix(first.cpusAttr, cell0.format(), ''), words('rules.numa-vcpus-uncovered.fix.cell0', { vcpus }))] } : undefined;
    report(at, words(missing.count === 1 ? 'rules.numa-vcpus-uncovered.missing.one' : 'rules.numa-vcpus-uncovered.missing.other', { vcpus }), fixes);
  },
};
