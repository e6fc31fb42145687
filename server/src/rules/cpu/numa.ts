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
import { AttrValue, Domain } from '../domain';
import { Rule, replaceFix } from '../rule';
import { IdSet } from '../cpuset/idSet';
import { NumaCell, numaFacts, vcpuFacts } from './facts';

export const numaCellIdRule: Rule = {
  code: 'numa-cell-id',
  libvirt: 'virDomainNumaDefParseXML (src/conf/numa_conf.c)',
  stage: 'define',
  driver: 'any',
  libvirtMessages: [
    "Exactly one 'cell' element per guest NUMA cell allowed, non-contiguous ranges or ranges not starting from 0 are not allowed",
    "Duplicate NUMA cell info for cell id '%1$u'",
  ],
  help:
    'Guest NUMA cells are numbered 0, 1, 2 ... with no gaps: with n `<cell>` elements every `id` must be below n, and each id used once ' +
    '(a cell without `id` takes its position). Renumber the cells from 0.',
  docsAnchor: 'cpu-model-and-topology',
  check(domain, report) {
    const { cells } = numaFacts(domain);
    const seen = new Map<number, NumaCell>();
    for (const cell of cells) {
      if (cell.id === undefined) continue;
      if (cell.id >= cells.length) {
        report(cell.idSpan, `Cell id ${cell.id} is not below the ${cells.length} cell${cells.length === 1 ? '' : 's'}: ids must run from 0 to ${cells.length - 1}`);
        continue;
      }
      const first = seen.get(cell.id);
      if (first) report(cell.idSpan, `A second cell with id ${cell.id}`, { related: [{ ...first.idSpan, message: `The first cell ${cell.id}` }] });
      else seen.set(cell.id, cell);
    }
  },
};

export const numaCellCpusOverlapRule: Rule = {
  code: 'numa-cell-cpus-overlap',
  libvirt: 'virDomainNumaDefParseXML (src/conf/numa_conf.c)',
  stage: 'define',
  driver: 'any',
  libvirtMessages: ['NUMA cells %1$u and %2$zu have overlapping vCPU ids'],
  help: 'A vCPU belongs to one guest NUMA cell: no vCPU may appear in the `cpus` of two `<cell>` elements. Give each cell its own vCPUs.',
  docsAnchor: 'cpu-model-and-topology',
  check(domain, report) {
    const { cells } = numaFacts(domain);
    const earlier: NumaCell[] = [];
    for (const cell of cells) {
      if (!cell.cpus || !cell.cpusAttr) continue;
      const other = earlier.find((e) => !e.cpus!.intersect(cell.cpus!).isEmpty);
      if (other) {
        const shared = other.cpus!.intersect(cell.cpus).format();
        report(cell.cpusAttr, `vCPU ${shared} is already in cell ${other.id ?? other.index}`, { related: [{ ...other.cpusAttr!, message: `The cpus of cell ${other.id ?? other.index}` }] });
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
  libvirtMessages: ['Number of CPUs in <numa> exceeds the <vcpu> count', 'CPU IDs in <numa> exceed the <vcpu> count'],
  help:
    'The `cpus` of the guest NUMA cells name vCPUs, numbered from 0 below the `<vcpu>` count: together they may not list more vCPUs than the domain has, ' +
    'nor a vCPU id at or above the count. Raise `<vcpu>` or shrink the cells.',
  docsAnchor: 'cpu-model-and-topology',
  check(domain, report) {
    const { cells } = numaFacts(domain);
    const { max, maxSpan } = vcpuFacts(domain);
    if (max === undefined || cells.length === 0) return;
    const related = maxSpan ? [{ ...maxSpan, message: 'The vCPU count' }] : undefined;
    let total = 0;
    for (const cell of cells) total += cell.cpus?.count ?? 0;
    if (total > max) {
      const last = [...cells].reverse().find((c) => c.cpusAttr && c.cpus);
      if (last) report(last.cpusAttr!, `The cells list ${total} vCPUs but \`<vcpu>\` is ${max}`, { related });
      return;
    }
    for (const cell of cells) {
      const ranges = cell.cpus?.ranges();
      if (!ranges || ranges.length === 0 || !cell.cpusAttr) continue;
      const highest = ranges[ranges.length - 1][1];
      if (highest >= max) {
        report(cell.cpusAttr, `vCPU ${highest} does not exist: \`<vcpu>\` is ${max} (ids 0-${max - 1})`, { related });
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
  libvirtMessages: ['Per-node binding is not compatible with automatic NUMA placement.'],
  help:
    "With automatic placement (`<numatune><memory placement='auto'>`, or `<vcpu placement='auto'>` without a `<numatune><memory>`) numad picks the host nodes, " +
    'so `<memnode>` cannot bind cells to nodes of your choosing. Use static placement with a nodeset, or remove the `<memnode>` elements.',
  docsAnchor: 'numa-node-tuning',
  check(domain, report) {
    const memnode = domain.first(['numatune', 'memnode']);
    if (!memnode) return;
    const { placement, memory } = numatunePlacement(domain);
    if (placement !== 'auto') return;
    report(domain.nameSpan(memnode), '`<memnode>` binds a cell to host nodes while NUMA placement is automatic', memory ? { related: [{ ...memory, message: 'Where placement becomes automatic' }] } : undefined);
  },
};

export const numatuneStaticNodesetRule: Rule = {
  code: 'numatune-static-without-nodeset',
  libvirt: 'virDomainNumatuneSet (src/conf/numa_conf.c)',
  stage: 'define',
  driver: 'any',
  libvirtMessages: ["nodeset for NUMA memory tuning must be set if 'placement' is 'static'"],
  help:
    "Static NUMA memory placement binds the guest's memory to the host nodes in `nodeset`, so `<numatune><memory>` needs one when its placement is static " +
    "(given, or taken from `<vcpu placement='static'>`, the default). Add a `nodeset`, or use `placement='auto'`.",
  docsAnchor: 'numa-node-tuning',
  check(domain, report) {
    const { placement, memory, nodeset } = numatunePlacement(domain);
    if (placement === 'static' && !nodeset && memory) report(memory, 'Static NUMA memory placement without a `nodeset`');
  },
};

export const numatuneRestrictiveRule: Rule = {
  code: 'numatune-restrictive-mismatch',
  libvirt: 'virDomainNumaDefValidate (src/conf/numa_conf.c)',
  stage: 'define',
  driver: 'any',
  libvirtMessages: [
    "'restrictive' mode is required in memnode element when mode is 'restrictive' in memory element",
    "'restrictive' mode is required in memory element when mode is 'restrictive' in memnode element",
  ],
  help:
    "Mode `restrictive` leaves the memory policy to cgroups for the whole guest, so it cannot be mixed with the other modes: when `<numatune><memory>` is `restrictive` " +
    'every `<memnode>` must be too, and a `restrictive` `<memnode>` needs a `restrictive` `<memory>`.',
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
      if (memoryMode === 'restrictive' && mode !== 'restrictive') report(at, `\`<memnode>\` mode \`${mode}\` while \`<memory>\` mode is \`restrictive\``);
      else if (mode === 'restrictive' && memoryMode !== 'restrictive') report(at, `\`<memnode>\` mode \`restrictive\` while \`<memory>\` mode is \`${memoryMode}\``);
    }
  },
};

export const numaVcpusUncoveredRule: Rule = {
  code: 'numa-vcpus-uncovered',
  libvirt: 'qemuDomainDefNumaCPUsRectify (src/qemu/qemu_domain.c)',
  stage: 'accepted',
  driver: 'qemu',
  libvirtMessages: [],
  help:
    'Every vCPU belongs to one guest NUMA cell. When the cells leave some vCPUs out, the QEMU driver adds them to cell 0 (a behaviour kept for old configurations). ' +
    "List every vCPU in the `cpus` of some `<cell>` so the document says where each one is.",
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
    report(at, `${missing.count === 1 ? 'vCPU' : 'vCPUs'} ${missing.format()} ${missing.count === 1 ? 'is' : 'are'} in no NUMA cell: libvirt adds ${missing.count === 1 ? 'it' : 'them'} to cell 0`, first.cpusAttr ? { fixes: [replaceFix(first.cpusAttr, cell0.format(), `Put vCPU ${missing.format()} in cell 0`)] } : undefined);
  },
};
