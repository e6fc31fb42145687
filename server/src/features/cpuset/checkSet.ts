/**
 * Findings on one cpuset/nodeset value (`vcpupin@cpuset`, `numatune/memory@nodeset`, …), each on
 * the exact part of the value, with a fix where the intended value is unambiguous. Offsets are
 * relative to the value; the caller maps them into the document.
 *
 * | code                         | severity | on             | meaning                                                                 | fix (safe = applied by safeFixes)                      |
 * |------------------------------|----------|----------------|-------------------------------------------------------------------------|--------------------------------------------------------|
 * | cpuset-empty-value           | error    | whole value    | nothing but spaces and commas                                           | —                                                      |
 * | cpuset-space                 | error    | the spaces     | whitespace (the schema pattern allows none)                             | remove it (safe)                                       |
 * | cpuset-empty-item            | error    | the comma      | leading, trailing or doubled comma                                      | remove that comma (safe)                               |
 * | cpuset-bad-item              | error    | the item       | not `N`, `N-M` or `^N` (`1-`, `a`, `1 2`, …)                            | —                                                      |
 * | cpuset-reversed-range        | error    | the item       | `N-M` with M < N (virBitmapParse rejects it)                            | swap the ends: `4-1` → `1-4` (safe)                    |
 * | cpuset-negated-range         | error    | the item       | `^N-M` (only `^N` exists)                                               | `^N,^N+1,…,^M` when at most 64 ids (safe)              |
 * | cpuset-id-too-large          | error    | the number     | id ≥ 16384 (VIR_DOMAIN_CPUMASK_LEN), negated ones included              | —                                                      |
 * | cpuset-empty-set             | error    | whole value    | the items leave nothing selected                                        | —                                                      |
 * | cpuset-negation-before-range | warning  | the `^N`       | a later item adds N back, so N stays in the set                         | move `^N` after the last item that adds N, unless that empties the set |
 * | cpuset-noop-negation         | warning  | the `^N`       | N is not in the set when `^N` is read, nor added later                  | remove `^N` (safe; the set is unchanged), unless the set is empty |
 * | cpuset-beyond-host           | warning  | the item       | ids this item leaves in the set that the given host does not have (an error when the host is a libvirt connection's) | cut every item down to the host (the set ∩ the host), unless that empties it |
 * | cpuset-duplicate             | hint     | the item       | every id of the item is already in the set                              | remove the item (safe; the set is unchanged)           |
 * | cpuset-overlap               | hint     | the item       | some ids of the item are already in the set                             | —  (see cpuset-not-canonical)                          |
 * | cpuset-not-canonical         | hint     | whole value    | libvirt accepts the value but prints it differently (virBitmapFormat)   | the canonical form, unless a negation-before-range warning stands |
 *
 * Errors are what libvirt rejects; warnings what it accepts but is almost surely not meant;
 * hints are redundancy. Set-level rules (empty-set and below) read the list as meant, with the
 * safe repairs applied, and are skipped when an item cannot be read (bad item, id too large).
 * A fix's value means what the user intended: the same set for the safe fixes and the canonical
 * form, the set without N for a moved `^N`, the set within the host for cpuset-beyond-host. When
 * the finding was the only error, libvirt accepts the fixed value (the property tests check both).
 */
import { type Finding, type Severity, wordedTitle } from '../../finding';
import { Words, render, words } from '../../messages/words';
import { parseSet, segmentTexts, type ParsedSet, type SetItem } from '../../rules/cpuset/cpusetSyntax';
import { CPUMASK_LEN, intendedOperations, itemsAcceptedAsWritten, type SetOperation } from '../../rules/cpuset/evaluate';
import { formatRanges, IdSet, type IdRange } from '../../rules/cpuset/idSet';

/** What the ids name, for messages: `CPU 3`, `node 1`, `vCPUs 0-3`. */
export type SetNoun = 'CPU' | 'vCPU' | 'node' | 'iothread' | 'id';

export interface SetCheckOptions {
  noun?: SetNoun;
  /** The ids the host has (its online CPUs or NUMA nodes); enables cpuset-beyond-host. */
  host?: readonly IdRange[];
  /** The libvirt host `host` comes from (`qemu:///system (kvm01)`): named, and beyond it is an error. */
  hostName?: string;
}

export interface SetFix {
  /** What the code action says: `Swap to 1-4`; in English, and in any language as `titleWords`. */
  title: string;
  titleWords: Words;
  /** The whole new value. */
  value: string;
  /** Keeps the meaning without any judgement call, so a "fix all" may apply it. */
  safe: boolean;
}

export interface SetFinding extends Finding {
  fix?: SetFix;
}

/** Above this many ids, `^N-M` is not spelled out as negations. */
const MAX_EXPANDED_NEGATIONS = 64;

export function checkSet(value: string, options: SetCheckOptions = {}): SetFinding[] {
  const noun = options.noun ?? 'CPU';
  const parsed = parseSet(value);
  const findings: SetFinding[] = [];
  const add = (start: number, end: number, severity: Severity, code: string, said: Words, fix?: SetFix): void => {
    const finding: SetFinding = { start, end, severity, code, message: render(said, 'en'), words: said };
    findings.push(fix ? { ...finding, fix } : finding);
  };

  if (parsed.segments.every((s) => !s.item)) {
    add(0, value.length, 'error', 'cpuset-empty-value', words('sets.emptyValue', { noun: nounWords(noun) }));
    return findings;
  }

  for (const space of parsed.spaces) {
    add(space.start, space.end, 'error', 'cpuset-space', words('sets.space'), setFix(words('sets.fix.removeSpaces'), value.slice(0, space.start) + value.slice(space.end), true));
  }
  checkEmptyItems(parsed, add);
  for (const segment of parsed.segments) if (segment.item) checkItem(value, segment.item, noun, add);

  const ops = intendedOperations(parsed);
  if (ops) checkSetLevel(parsed, ops, noun, options.host, options.hostName, add);

  return findings.sort((a, b) => a.start - b.start || a.end - b.end);
}

type Add = (start: number, end: number, severity: Severity, code: string, said: Words, fix?: SetFix) => void;

function setFix(title: Words, value: string, safe: boolean): SetFix {
  return { ...wordedTitle(title), value, safe };
}

/** One id named: `CPU`, `node`… */
export function nounWords(noun: SetNoun): Words {
  return words(`sets.noun.${noun}`);
}

/** Several ids named: `CPUs`, `nodes`… */
export function nounsWords(noun: SetNoun): Words {
  return words(`sets.nouns.${noun}`);
}

function removeComma(value: string, comma: number): SetFix {
  return setFix(words('sets.fix.removeComma'), value.slice(0, comma) + value.slice(comma + 1), true);
}

/**
 * Each empty segment is blamed on a comma of its own: those before the first item on the comma
 * after them, the others on the comma before them.
 */
function checkEmptyItems(parsed: ParsedSet, add: Add): void {
  const { segments, value } = parsed;
  const firstItem = segments.findIndex((s) => s.item);
  segments.forEach((segment, i) => {
    if (segment.item) return;
    if (i < firstItem) {
      const comma = segment.end;
      add(comma, comma + 1, 'error', 'cpuset-empty-item', words('sets.emptyItem.leading'), removeComma(value, comma));
    } else {
      const comma = segment.start - 1;
      const said = words(i === segments.length - 1 ? 'sets.emptyItem.trailing' : 'sets.emptyItem.double');
      add(comma, comma + 1, 'error', 'cpuset-empty-item', said, removeComma(value, comma));
    }
  });
}

function replaced(value: string, start: number, end: number, text: string): string {
  return value.slice(0, start) + text + value.slice(end);
}

function checkItem(value: string, item: SetItem, noun: SetNoun, add: Add): void {
  const itemText = value.slice(item.start, item.end);
  switch (item.kind) {
    case 'junk':
      add(
        item.start,
        item.end,
        'error',
        'cpuset-bad-item',
        /[0-9]\s+[0-9]/.test(item.text)
          ? words('sets.badItem.spaced', { item: item.text })
          : words('sets.badItem', { item: item.text, number: words(`sets.number.${noun}`) }),
      );
      return;
    case 'negated-range': {
      const lo = Math.min(item.first.value, item.last.value);
      const hi = Math.max(item.first.value, item.last.value);
      const expandable = hi < CPUMASK_LEN && hi - lo < MAX_EXPANDED_NEGATIONS;
      const negations = expandable ? Array.from({ length: hi - lo + 1 }, (_, k) => `^${lo + k}`).join(',') : '';
      add(
        item.start,
        item.end,
        'error',
        'cpuset-negated-range',
        expandable
          ? words('sets.negatedRange.spelled', { item: itemText, noun: nounWords(noun), negations })
          : words('sets.negatedRange', { item: itemText, noun: nounWords(noun) }),
        expandable ? setFix(words('sets.fix.write', { value: negations }), replaced(value, item.start, item.end, negations), true) : undefined,
      );
      tooLarge(item.first);
      tooLarge(item.last);
      return;
    }
    case 'range':
      if (item.last.value < item.first.value) {
        const swapped = `${item.last.text}-${item.first.text}`;
        add(
          item.start,
          item.end,
          'error',
          'cpuset-reversed-range',
          words('sets.reversedRange', { item: itemText, noun: nounWords(noun), swapped }),
          setFix(words('sets.fix.swap', { value: swapped }), replaced(value, item.start, item.end, swapped), true),
        );
      }
      tooLarge(item.first);
      tooLarge(item.last);
      return;
    case 'id':
    case 'negation':
      tooLarge(item.id);
      return;
  }

  function tooLarge(n: { start: number; end: number; text: string; value: number }): void {
    if (n.value < CPUMASK_LEN) return;
    add(n.start, n.end, 'error', 'cpuset-id-too-large', words('sets.idTooLarge', { id: n.text, numbers: words(`sets.numbers.${noun}`), max: CPUMASK_LEN - 1 }));
  }
}

/** `CPU 3`, `CPUs 2-3,7`. */
export function namedIds(set: IdSet, noun: SetNoun): Words {
  return set.count === 1 ? words('sets.named.one', { noun: nounWords(noun), ids: set.format() }) : words('sets.named.other', { nouns: nounsWords(noun), ids: set.format() });
}

/** What the host has, for "(it has …)": `CPUs 0-15`, or `no CPUs`. */
export function hostIds(host: IdSet, noun: SetNoun): Words {
  return host.isEmpty ? words('sets.noIds', { nouns: nounsWords(noun) }) : namedIds(host, noun);
}

function checkSetLevel(parsed: ParsedSet, ops: SetOperation[], noun: SetNoun, host: readonly IdRange[] | undefined, hostName: string | undefined, add: Add): void {
  const value = parsed.value;
  const state = new IdSet();
  // Per negation item, the index of the last later op that adds its id back.
  const undoneBy = new Map<SetOperation, number>();
  const noops: SetOperation[] = [];
  ops.forEach((o, k) => {
    const span = o.item;
    if (o.op === 'add') {
      const size = o.last - o.first + 1;
      const present = state.countIn(o.first, o.last);
      if (present === size) {
        const item = value.slice(span.start, span.end);
        add(
          span.start,
          span.end,
          'hint',
          'cpuset-duplicate',
          words(present === 1 ? 'sets.duplicate.one' : 'sets.duplicate.other', { item }),
          setFix(words('sets.fix.remove', { item }), withoutSegment(parsed, o.segment), true),
        );
      } else if (present > 0) {
        const repeated = IdSet.of([[o.first, o.last]]).intersect(state);
        add(span.start, span.end, 'hint', 'cpuset-overlap', words('sets.overlap', { item: value.slice(span.start, span.end), named: namedIds(repeated, noun) }));
      }
      state.add(o.first, o.last);
      return;
    }
    if (o.item.kind === 'negation') {
      let last = -1;
      for (let j = k + 1; j < ops.length; j++) {
        if (ops[j].op === 'add' && ops[j].first <= o.first && o.first <= ops[j].last) last = j;
        // A later `^N` of the same id takes over the job.
        if (ops[j].op === 'remove' && ops[j].first <= o.first && o.first <= ops[j].last) last = -1;
      }
      if (last >= 0) undoneBy.set(o, last);
      else if (!state.has(o.first)) noops.push(o);
    }
    state.remove(o.first, o.last);
  });
  const final = state;

  if (final.isEmpty) {
    add(0, value.length, 'error', 'cpuset-empty-set', words('sets.emptySet', { noun: nounWords(noun) }));
  }

  for (const [o, j] of undoneBy) {
    const adder = ops[j].item;
    const negation = value.slice(o.item.start, o.item.end);
    const adderText = value.slice(adder.start, adder.end);
    const remaining = final.copy();
    remaining.remove(o.first, o.first);
    add(
      o.item.start,
      o.item.end,
      'warning',
      'cpuset-negation-before-range',
      words('sets.negationBeforeRange', { negation, adder: adderText, noun: nounWords(noun), id: o.first }),
      remaining.isEmpty ? undefined : setFix(words('sets.fix.moveAfter', { negation, adder: adderText }), movedSegment(parsed, o.segment, ops[j].segment), false),
    );
  }
  for (const o of noops) {
    const negation = value.slice(o.item.start, o.item.end);
    add(
      o.item.start,
      o.item.end,
      'warning',
      'cpuset-noop-negation',
      words('sets.noopNegation', { negation, noun: nounWords(noun), id: o.first }),
      final.isEmpty ? undefined : setFix(words('sets.fix.remove', { item: negation }), withoutSegment(parsed, o.segment), true),
    );
  }

  if (host && !final.isEmpty) {
    const hostSet = IdSet.of(host);
    // Built once, for the first item found beyond the host; null: nothing would be left.
    let fix: SetFix | null | undefined;
    for (const o of ops) {
      // Most items lie within the host: no sets to build.
      if (o.op !== 'add' || hostSet.countIn(o.first, o.last) === o.last - o.first + 1) continue;
      const outside = IdSet.of([[o.first, o.last]]).intersect(final).subtract(hostSet);
      if (outside.isEmpty) continue;
      fix ??= final.intersect(hostSet).isEmpty ? null : setFix(words('sets.fix.clipToHost', { nouns: nounsWords(noun) }), clippedToHost(parsed, ops, hostSet), false);
      const said = { named: namedIds(outside, noun), has: hostIds(hostSet, noun) };
      add(
        o.item.start,
        o.item.end,
        // Of a host libvirt described, not the machine the server runs on: the guest will not start there.
        hostName ? 'error' : 'warning',
        'cpuset-beyond-host',
        hostName
          ? words(outside.count === 1 ? 'sets.beyondNamedHost.one' : 'sets.beyondNamedHost.other', { ...said, host: hostName })
          : words(outside.count === 1 ? 'sets.beyondHost.one' : 'sets.beyondHost.other', said),
        fix ?? undefined,
      );
    }
  }

  if (!final.isEmpty && itemsAcceptedAsWritten(parsed)) {
    const canonical = final.format();
    if (canonical !== value) {
      add(
        0,
        value.length,
        'hint',
        'cpuset-not-canonical',
        words('sets.notCanonical', { canonical }),
        // Rewriting would make an undone `^N` permanent; that warning's fix comes first.
        undoneBy.size > 0 ? undefined : setFix(words('sets.fix.rewrite', { value: canonical }), canonical, false),
      );
    }
  }
}

function withoutSegment(parsed: ParsedSet, segment: number): string {
  const texts = segmentTexts(parsed);
  texts.splice(segment, 1);
  return texts.join(',');
}

/** The segment `from` moved to just after the segment `after` (after > from). */
function movedSegment(parsed: ParsedSet, from: number, after: number): string {
  const texts = segmentTexts(parsed);
  const [moved] = texts.splice(from, 1);
  texts.splice(after, 0, moved);
  return texts.join(',');
}

/**
 * Every added range cut down to the host's ids, items left with none dropped, and negations of
 * ids the host lacks dropped: the same reading, restricted to the host.
 */
function clippedToHost(parsed: ParsedSet, ops: SetOperation[], hostSet: IdSet): string {
  const texts: (string | undefined)[] = segmentTexts(parsed);
  for (const o of ops) {
    if (o.item.kind === 'negation' && !hostSet.has(o.first)) texts[o.segment] = undefined;
    if (o.op !== 'add') continue;
    const inHost = IdSet.of([[o.first, o.last]]).intersect(hostSet);
    if (inHost.count === o.last - o.first + 1) continue;
    texts[o.segment] = inHost.isEmpty ? undefined : formatRanges(inHost.ranges());
  }
  return texts.filter((t): t is string => t !== undefined).join(',');
}

/**
 * The value with every safe fix applied, one at a time as an editor would, until none is left.
 * Values with other problems keep them.
 */
export function safeFixes(value: string, options: SetCheckOptions = {}): string {
  const { noun } = options;
  // Each safe fix removes a space, a comma, a reversed or negated range (spelling out up to 64
  // negations) or an item, so this ends; the bound only guards against a mistake here.
  const rounds = 128 * (value.length + 1);
  for (let round = 0; round < rounds; round++) {
    const fix = checkSet(value, { noun }).find((f) => f.fix?.safe)?.fix;
    if (!fix) return value;
    value = fix.value;
  }
  return value;
}
