/**
 * Completion inside a cpuset/nodeset value, item by item (items are separated by commas, and a
 * suggestion replaces only the item under the cursor): the host's online CPUs or NUMA nodes for
 * the sets the host bounds, the guest's vCPUs for vCPU sets, and for `<vcpupin vcpu>` (one id,
 * not a set) the vCPUs no other `<vcpupin>` pins yet. After `^` it offers the ids the items
 * before select (a negation removes only what is already there); after `N-`, the ends of a range.
 */
import type { CompletionSuggestion } from '../completion';
import { Words, render, words } from '../../messages/words';
import { Attribute, ElementNode, valueSpan } from '../../parser/nodes';
import { Located } from '../../parser/tree';
import { parseSet } from '../../rules/cpuset/cpusetSyntax';
import { applyOperations, intendedOperations } from '../../rules/cpuset/evaluate';
import { Domain } from '../../rules/domain';
import { guestVcpus } from '../../rules/references/guestIds';
import { IdSet } from '../../rules/cpuset/idSet';
import { setAttributeKind, type SetAttribute } from './setAttributes';
import type { SetContext } from './setHover';

/** Ids offered one by one at most; the rest can be typed (or taken as a range). */
const MAX_ID_ITEMS = 1024;

/** How items name the ids: `host CPU`, `host NUMA node`, `vCPU`… (the keys `sets.item.*` and `sets.items.*`). */
type ItemNoun = 'hostCpu' | 'hostNode' | 'guestNode' | 'iothread' | 'vCPU' | 'id';

/** Where the ids offered come from, and how items name them. */
interface Source {
  ids: IdSet;
  noun: ItemNoun;
  /** The detail of the item that takes them all: `all 16 host CPUs online`. */
  whole: Words;
}

/** `domainOf`: the analysis's view of the domain (built once per version), asked for only where vCPUs count. */
export function setValueCompletions(
  context: SetContext,
  domainOf: () => Domain | undefined,
  element: Located<ElementNode>,
  attribute: Attribute,
  parent: string | undefined,
  offset: number,
): CompletionSuggestion[] {
  if (attribute.valueOffset < 0) return [];
  const { text } = context;
  const { from: valueStart, to: valueEnd } = valueSpan(element.start, attribute, offset);
  if (offset < valueStart || offset > valueEnd) return [];
  const raw = text.slice(valueStart, valueEnd);
  // With references the characters do not map onto the list's items.
  if (raw.includes('&')) return [];
  const name = element.node.name;

  if (name === 'vcpupin' && attribute.name === 'vcpu') return unpinnedVcpus(domainOf(), element.node, valueStart, valueEnd);
  if (!context.keys.has(`${name}@${attribute.name}`)) return [];

  const kind = setAttributeKind(name, attribute.name, parent);
  const cursor = offset - valueStart;
  const itemStart = cursor === 0 ? 0 : raw.lastIndexOf(',', cursor - 1) + 1;
  const commaAfter = raw.indexOf(',', cursor);
  const itemEnd = commaAfter < 0 ? raw.length : commaAfter;
  const item = raw.slice(itemStart, itemEnd).trim();
  const replace = { replaceStart: valueStart + itemStart, replaceEnd: valueStart + itemEnd };

  if (item.startsWith('^')) return negations(selectedBy(raw.slice(0, itemStart)) ?? new IdSet(), nounOf(kind), replace);
  const source = sourceOf(kind, context, domainOf);
  if (!source) return [];
  const rangeStart = /^(\d+)-/.exec(item);
  if (rangeStart) return rangeEnds(Number(rangeStart[1]), source, replace);
  return additions(selectedBy(raw.slice(0, itemStart) + raw.slice(itemEnd)) ?? new IdSet(), source, replace);
}

/** How items name one id of the attribute: `host CPU`, `guest NUMA node`, `vCPU`. */
function nounOf(kind: SetAttribute): ItemNoun {
  switch (kind.noun) {
    case 'CPU':
      return 'hostCpu';
    case 'node':
      return kind.host === 'nodes' ? 'hostNode' : 'guestNode';
    default:
      return kind.noun;
  }
}

function item(noun: ItemNoun): Words {
  return words(`sets.item.${noun}`);
}

function items(noun: ItemNoun): Words {
  return words(`sets.items.${noun}`);
}

function sourceOf(kind: SetAttribute, context: SetContext, domainOf: () => Domain | undefined): Source | undefined {
  if (kind.host === 'cpus' && context.host?.cpus) {
    const ids = IdSet.of(context.host.cpus);
    return { ids, noun: nounOf(kind), whole: words('sets.completion.allHostCpus', { count: ids.count }) };
  }
  if (kind.host === 'nodes' && context.host?.nodes) {
    const ids = IdSet.of(context.host.nodes);
    return { ids, noun: nounOf(kind), whole: words('sets.completion.allHostNodes', { count: ids.count }) };
  }
  if (kind.host === undefined && kind.noun === 'vCPU') {
    const domain = domainOf();
    const count = domain && guestVcpus(domain).count;
    if (!count) return undefined;
    return { ids: IdSet.of([[0, count - 1]]), noun: 'vCPU', whole: words('sets.completion.allVcpus', { count }) };
  }
  return undefined;
}

/** What the items in `list` select, read as meant; undefined when an item cannot be read. */
function selectedBy(list: string): IdSet | undefined {
  const ops = intendedOperations(parseSet(list));
  return ops && applyOperations(ops);
}

type Replace = Pick<CompletionSuggestion, 'replaceStart' | 'replaceEnd'>;

function suggestion(value: string, detail: Words, rank: string, replace: Replace): CompletionSuggestion {
  return { label: value, kind: 'value', insertText: value, snippet: false, ...replace, filterText: value, detail: render(detail, 'en'), detailWords: detail, sortText: rank };
}

/** The whole source, each of its runs, then each id the rest of the list does not select yet. */
function additions(selected: IdSet, source: Source, replace: Replace): CompletionSuggestion[] {
  const offered: CompletionSuggestion[] = [];
  const missing = source.ids.subtract(selected);
  if (missing.isEmpty) return offered;
  const runs = source.ids.ranges();
  if (source.ids.count > 1) offered.push(suggestion(source.ids.format(), source.whole, '0', replace));
  if (runs.length > 1) {
    runs.forEach(([first, last], index) => {
      if (first === last || missing.countIn(first, last) === 0) return;
      offered.push(suggestion(`${first}-${last}`, words('sets.completion.run', { items: items(source.noun), first, last }), `1${pad(index)}`, replace));
    });
  }
  for (const id of ids(missing)) {
    const detail = source.noun === 'vCPU' ? words('sets.completion.vcpu', { id }) : words('sets.completion.online', { item: item(source.noun), id });
    offered.push(suggestion(String(id), detail, `2${pad(id)}`, replace));
  }
  return offered;
}

/** `^N` for each id the items before select: libvirt's negation removes only what is already there. */
function negations(before: IdSet, noun: ItemNoun, replace: Replace): CompletionSuggestion[] {
  return ids(before).map((id) => suggestion(`^${id}`, words('sets.completion.leavesOut', { item: item(noun), id }), pad(id), replace));
}

/** `N-M` for each M after N in the run of the source that holds N. */
function rangeEnds(first: number, source: Source, replace: Replace): CompletionSuggestion[] {
  const run = source.ids.ranges().find(([a, b]) => a <= first && first <= b);
  if (!run || run[1] === first) return [];
  const ends = IdSet.of([[first + 1, run[1]]]);
  return ids(ends).map((last) => suggestion(`${first}-${last}`, words('sets.completion.rangeEnd', { items: items(source.noun), first, last, count: last - first + 1 }), pad(last), replace));
}

/** The ids of `set`, ascending, at most MAX_ID_ITEMS of them. */
function ids(set: IdSet): number[] {
  const list: number[] = [];
  for (const [first, last] of set.ranges()) {
    for (let id = first; id <= last && list.length < MAX_ID_ITEMS; id++) list.push(id);
  }
  return list;
}

function pad(n: number): string {
  return String(n).padStart(5, '0');
}

/** `<vcpupin vcpu>`: the guest's vCPUs below the `<vcpu>` count that no other `<vcpupin>` pins. */
function unpinnedVcpus(domain: Domain | undefined, pin: ElementNode, valueStart: number, valueEnd: number): CompletionSuggestion[] {
  if (!domain) return [];
  const { count, pins } = guestVcpus(domain);
  if (!count) return [];
  const pinned = new IdSet();
  for (const other of pins) if (other.el.element !== pin) pinned.add(other.vcpu, other.vcpu);
  const free = IdSet.of([[0, count - 1]]).subtract(pinned);
  return ids(free).map((id) => suggestion(String(id), words('sets.completion.notPinned', { id }), pad(id), { replaceStart: valueStart, replaceEnd: valueEnd }));
}
