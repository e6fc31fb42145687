/**
 * What the guest NUMA cells say about each other:
 * - virDomainNumaDefNodeDistanceParseXML (src/conf/numa_conf.c): a `<distances><sibling>` names
 *   an existing cell, with 10 (LOCAL_DISTANCE) for the cell itself only and 11..255 otherwise;
 * - virDomainNumaDefValidate (src/conf/numa_conf.c), HMAT: cell caches of level 1..3, each level
 *   once; `<interconnects>` latency/bandwidth entries between existing cells, from a cell with
 *   vCPUs, to a cache level the target has, each entry once and each link in one direction.
 */
import { words } from '../../messages/words';
import { AttrValue, Domain, decimalNumber } from '../domain';
import { Rule } from '../rule';
import { NumaCell, numaFacts } from './facts';

/** The cells by id, when the ids are the 0..n-1 libvirt requires (else another rule speaks). */
function cellsById(domain: Domain): Map<number, NumaCell> | undefined {
  const { cells } = numaFacts(domain);
  const byId = new Map<number, NumaCell>();
  for (const cell of cells) {
    if (cell.id === undefined || cell.id >= cells.length || byId.has(cell.id)) return undefined;
    byId.set(cell.id, cell);
  }
  return byId;
}

const LOCAL_DISTANCE = 10;
const UNREACHABLE = 255;

export const numaDistanceRule: Rule = {
  code: 'numa-distance',
  libvirt: 'virDomainNumaDefNodeDistanceParseXML (src/conf/numa_conf.c)',
  stage: 'define',
  driver: 'any',
  onlyWith: ['cell'],
  libvirtMessages: ["'sibling_id %1$d' does not refer to a valid cell within NUMA 'cell id %2$d'", "'value %1$d' is invalid for 'sibling id %2$d' under NUMA 'cell id %3$d'"],
  help: words('rules.help.numa-distance'),
  docsAnchor: 'cpu-model-and-topology',
  check(domain, report) {
    const cells = cellsById(domain);
    if (!cells) return;
    for (const [id, cell] of cells) {
      for (const sibling of domain.at(['distances', 'sibling'], cell.el)) {
        const idAttr = domain.attr(sibling, 'id');
        const siblingId = idAttr && decimalNumber(idAttr.value);
        if (!idAttr || siblingId === undefined) continue;
        if (siblingId >= cells.size) {
          report(idAttr, words('rules.numa-distance.sibling', { cell: id, sibling: siblingId, last: cells.size - 1 }));
          continue;
        }
        const valueAttr = domain.attr(sibling, 'value');
        const value = valueAttr && decimalNumber(valueAttr.value);
        if (!valueAttr || value === undefined) continue;
        if (value < LOCAL_DISTANCE || value > UNREACHABLE) report(valueAttr, words('rules.numa-distance.range', { value, min: LOCAL_DISTANCE, max: UNREACHABLE }));
        else if (siblingId === id && value !== LOCAL_DISTANCE) report(valueAttr, words('rules.numa-distance.self', { cell: id, local: LOCAL_DISTANCE, value }));
        else if (siblingId !== id && value === LOCAL_DISTANCE) report(valueAttr, words('rules.numa-distance.local', { local: LOCAL_DISTANCE, cell: id, sibling: siblingId }));
      }
    }
  },
};

interface Interconnect {
  kind: string;
  initiator: number;
  target: number;
  cache: number;
  type: string;
  at: AttrValue | { from: number; to: number };
  initiatorAttr: AttrValue;
  targetAttr: AttrValue;
  cacheAttr: AttrValue | undefined;
}

export const numaHmatRule: Rule = {
  code: 'numa-hmat',
  libvirt: 'virDomainNumaDefValidate (src/conf/numa_conf.c)',
  stage: 'define',
  driver: 'any',
  onlyWith: ['cell'],
  libvirtMessages: [
    "Ain't nobody heard of that much cache level",
    "Cache level '%1$u' already defined",
    "'initiator' refers to a non-existent NUMA node",
    "'target' refers to a non-existent NUMA node",
    "NUMA nodes without CPUs can't be initiator",
    "'cache' refers to a non-existent NUMA node cache",
    'Duplicate info for NUMA latencies',
    'Link already defined',
  ],
  help: words('rules.help.numa-hmat'),
  docsAnchor: 'cpu-model-and-topology',
  check(domain, report) {
    const cells = cellsById(domain);
    if (!cells) return;
    const cacheLevels = new Map<number, Set<number>>();
    for (const [id, cell] of cells) {
      const levels = new Set<number>();
      cacheLevels.set(id, levels);
      for (const cache of domain.children(cell.el, 'cache')) {
        const levelAttr = domain.attr(cache, 'level');
        const level = levelAttr && decimalNumber(levelAttr.value);
        if (!levelAttr || level === undefined || level === 0) continue;
        if (level > 3) report(levelAttr, words('rules.numa-hmat.level', { level }));
        else if (levels.has(level)) report(levelAttr, words('rules.numa-hmat.levelTwice', { cell: id, level }));
        levels.add(level);
      }
    }
    const numa = numaFacts(domain).numa;
    const seen: Interconnect[] = [];
    const interconnects = numa && domain.child(numa, 'interconnects');
    if (!interconnects) return;
    for (const el of domain.children(interconnects)) {
      const kind = el.element.name;
      if (kind !== 'latency' && kind !== 'bandwidth') continue;
      const initiatorAttr = domain.attr(el, 'initiator');
      const targetAttr = domain.attr(el, 'target');
      const cacheAttr = domain.attr(el, 'cache');
      const initiator = decimalNumber(initiatorAttr?.value);
      const target = decimalNumber(targetAttr?.value);
      const cache = cacheAttr ? decimalNumber(cacheAttr.value) : 0;
      if (!initiatorAttr || !targetAttr || initiator === undefined || target === undefined || cache === undefined) continue;
      const link: Interconnect = { kind, initiator, target, cache, type: domain.value(el, 'type') ?? '', at: domain.nameSpan(el), initiatorAttr, targetAttr, cacheAttr };
      if (initiator >= cells.size) {
        report(initiatorAttr, words('rules.numa-hmat.initiator', { initiator, last: cells.size - 1 }));
        continue;
      }
      if (target >= cells.size) {
        report(targetAttr, words('rules.numa-hmat.target', { target, last: cells.size - 1 }));
        continue;
      }
      if (!cells.get(initiator)!.cpus) {
        report(initiatorAttr, words('rules.numa-hmat.noVcpus', { cell: initiator }));
        continue;
      }
      if (cache > 0 && !cacheLevels.get(target)!.has(cache)) {
        report(cacheAttr!, words('rules.numa-hmat.noCache', { cell: target, level: cache }));
        continue;
      }
      const duplicate = seen.find((o) => o.kind === kind && o.initiator === initiator && o.target === target && o.cache === cache && o.type === link.type);
      if (duplicate) {
        report(link.at, words('rules.numa-hmat.second', { kind, initiator, target }), { related: [{ ...duplicate.at, message: words('rules.numa-hmat.first') }] });
        continue;
      }
      const reverse = initiator !== target ? seen.find((o) => o.initiator === target && o.target === initiator) : undefined;
      if (reverse) {
        report(link.at, words('rules.numa-hmat.reverse', { initiator, target }), { related: [{ ...reverse.at, message: words('rules.numa-hmat.otherWay') }] });
        continue;
      }
      seen.push(link);
    }
  },
};
