/**
 * What libvirt makes of a cpuset/nodeset value, and the canonical form it prints.
 *
 * libvirt's rules (basictypes.rng `cpuset`, virBitmapParse, VIR_DOMAIN_CPUMASK_LEN):
 * - the schema pattern `([0-9]+(-[0-9]+)?|\^[0-9]+)(,([0-9]+(-[0-9]+)?|\^[0-9]+))*`: no spaces,
 *   no empty items, no `^N-M`;
 * - items are read left to right: `N` adds N, `N-M` adds N..M and needs M >= N, `^N` removes N
 *   from what has been added so far;
 * - every id, negated ones included, must be below 16384 (numbers that do not fit an int fail
 *   earlier, with the same outcome);
 * - a set that ends up empty is rejected.
 */
import { IdSet } from './idSet';
import { parseSet, type ParsedSet, type SetItem } from './cpusetSyntax';

/** VIR_DOMAIN_CPUMASK_LEN: ids must be below this. */
export const CPUMASK_LEN = 16384;

/** One step of reading the list: add or remove the ids first..last, read from `segment`. */
export interface SetOperation {
  op: 'add' | 'remove';
  first: number;
  last: number;
  segment: number;
  item: SetItem;
}

/**
 * The list as the user meant it, read with the repairs whose intent is unambiguous: spaces and
 * empty items ignored, `4-1` read as 1-4, `^2-3` read as removing 2 and 3. Undefined when an
 * item cannot be read at all (junk, or an id libvirt cannot hold).
 */
export function intendedOperations(parsed: ParsedSet): SetOperation[] | undefined {
  const ops: SetOperation[] = [];
  for (let segment = 0; segment < parsed.segments.length; segment++) {
    const item = parsed.segments[segment].item;
    if (!item) continue;
    switch (item.kind) {
      case 'junk':
        return undefined;
      case 'id':
      case 'negation':
        if (item.id.value >= CPUMASK_LEN) return undefined;
        ops.push({ op: item.kind === 'id' ? 'add' : 'remove', first: item.id.value, last: item.id.value, segment, item });
        break;
      case 'range':
      case 'negated-range': {
        const a = item.first.value;
        const b = item.last.value;
        if (a >= CPUMASK_LEN || b >= CPUMASK_LEN) return undefined;
        ops.push({ op: item.kind === 'range' ? 'add' : 'remove', first: Math.min(a, b), last: Math.max(a, b), segment, item });
        break;
      }
    }
  }
  return ops;
}

export function applyOperations(ops: readonly SetOperation[]): IdSet {
  const set = new IdSet();
  for (const o of ops) {
    if (o.op === 'add') set.add(o.first, o.last);
    else set.remove(o.first, o.last);
  }
  return set;
}

/** True when libvirt reads every item as written (the set may still be empty). */
export function itemsAcceptedAsWritten(parsed: ParsedSet): boolean {
  if (parsed.spaces.length > 0) return false;
  for (const s of parsed.segments) {
    const item = s.item;
    if (!item) return false;
    switch (item.kind) {
      case 'junk':
      case 'negated-range':
        return false;
      case 'id':
      case 'negation':
        if (item.id.value >= CPUMASK_LEN) return false;
        break;
      case 'range':
        if (item.last.value >= CPUMASK_LEN || item.last.value < item.first.value) return false;
        break;
    }
  }
  return true;
}

/** The set libvirt makes of the value, or undefined when libvirt rejects the value. */
export function evaluateSet(value: string): IdSet | undefined {
  return evaluateParsed(parseSet(value));
}

export function evaluateParsed(parsed: ParsedSet): IdSet | undefined {
  if (!itemsAcceptedAsWritten(parsed)) return undefined;
  const set = applyOperations(intendedOperations(parsed)!);
  return set.isEmpty ? undefined : set;
}

/** The form libvirt prints the value in (virBitmapFormat), or undefined when libvirt rejects it. */
export function canonicalForm(value: string): string | undefined {
  return evaluateSet(value)?.format();
}
