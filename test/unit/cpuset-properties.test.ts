/**
 * Property tests (fast-check) for the cpuset module against a reference model written straight
 * from libvirt's rules: the schema's pattern (compiled by our XSD translator from the text of
 * basictypes.rng), then virBitmapParse's character walk, the 16384-id bitmap and the empty-set
 * check. Runs are bounded so that `npm test` stays quick.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { checkSet, safeFixes, type SetFinding } from '../../server/src/features/cpuset/checkSet';
import { parseSet } from '../../server/src/rules/cpuset/cpusetSyntax';
import { applyOperations, canonicalForm, evaluateSet, intendedOperations } from '../../server/src/rules/cpuset/evaluate';
import { IdSet, type IdRange } from '../../server/src/rules/cpuset/idSet';
import { XsdMatcher, compileXsdRegex } from '../../server/src/schema/xsdMatcher';

const RUNS = { numRuns: 1000 };

// ---------------------------------------------------------------- reference model

const SCHEMA_PATTERN = compileXsdRegex('([0-9]+(-[0-9]+)?|\\^[0-9]+)(,([0-9]+(-[0-9]+)?|\\^[0-9]+))*');
const BITS = 16384;
const INT_MAX = 2147483647;

/** strtol-like: optional spaces and sign (the first number's caller has already seen a digit), digits; int range. */
function readInt(s: string, at: number): { value: number; next: number } | undefined {
  let i = at;
  while (i < s.length && /\s/.test(s[i])) i++;
  let sign = 1;
  if (s[i] === '+' || s[i] === '-') sign = s[i++] === '-' ? -1 : 1;
  const digitsAt = i;
  while (i < s.length && s[i] >= '0' && s[i] <= '9') i++;
  if (i === digitsAt) return undefined;
  const value = sign * Number(s.slice(digitsAt, i));
  if (value > INT_MAX || value < -INT_MAX - 1) return undefined;
  return { value, next: i };
}

/** virBitmapParse over a 16384-bit map (kept as the set of its bits), transcribed loop for loop; null where it fails. */
function virBitmapParse(s: string): Set<number> | null {
  const bits = new Set<number>();
  const isSpace = (c: string | undefined): boolean => c !== undefined && /\s/.test(c);
  let cur = 0;
  while (isSpace(s[cur])) cur++;
  if (cur === s.length) return null;
  let neg = false;
  while (cur < s.length) {
    if (s[cur] === '^') {
      cur++;
      neg = true;
    }
    if (!(s[cur] >= '0' && s[cur] <= '9')) return null;
    const start = readInt(s, cur);
    if (!start || start.value < 0) return null;
    cur = start.next;
    while (isSpace(s[cur])) cur++;
    if (s[cur] === ',' || cur === s.length) {
      if (start.value >= BITS) return null;
      if (neg) bits.delete(start.value);
      else bits.add(start.value);
    } else if (s[cur] === '-') {
      if (neg) return null;
      cur++;
      while (isSpace(s[cur])) cur++;
      const last = readInt(s, cur);
      if (!last || last.value < start.value) return null;
      cur = last.next;
      for (let i = start.value; i <= last.value; i++) {
        if (i >= BITS) return null;
        bits.add(i);
      }
      while (isSpace(s[cur])) cur++;
    }
    if (s[cur] === ',') {
      cur++;
      while (isSpace(s[cur])) cur++;
      neg = false;
    } else if (cur === s.length) {
      break;
    } else {
      return null;
    }
  }
  return bits;
}

/** The ids libvirt ends up with, ascending, or null when it rejects the value (schema, parser, or empty). */
function reference(value: string): number[] | null {
  assert.ok(SCHEMA_PATTERN instanceof XsdMatcher);
  if (!SCHEMA_PATTERN.test(value)) return null;
  const bits = virBitmapParse(value);
  if (!bits || bits.size === 0) return null;
  return [...bits].sort((a, b) => a - b);
}

/** virBitmapFormat, transcribed over a list of ids. */
function referenceFormat(ids: number[]): string {
  const has = new Set(ids);
  const parts: string[] = [];
  let i = 0;
  const sortedIds = [...has].sort((a, b) => a - b);
  while (i < sortedIds.length) {
    const start = sortedIds[i];
    let prev = start;
    while (has.has(prev + 1)) prev++;
    parts.push(prev === start ? `${start}` : `${start}-${prev}`);
    i = sortedIds.indexOf(prev) + 1;
  }
  return parts.join(',');
}

function idsOf(set: IdSet | undefined): number[] | null {
  if (!set) return null;
  return set.ranges().flatMap(([a, b]) => Array.from({ length: b - a + 1 }, (_, k) => a + k));
}

// ---------------------------------------------------------------- generators

/** Random strings over the characters a set is written with. */
const noisyValue = fc
  .array(fc.constantFrom('0', '1', '2', '3', '4', '5', '9', '1', '2', ',', ',', '-', '-', '^', ' '), { maxLength: 16 })
  .map((chars) => chars.join(''));

/** Random token sequences, with numbers at libvirt's limits. */
const tokenValue = fc
  .array(
    fc.oneof(
      fc.constantFrom('0', '3', '7', '12', '16383', '16384', '2147483647', '2147483648', '99999999999', '007'),
      fc.constantFrom(',', '-', '^', ' ', ',', '-'),
    ),
    { maxLength: 10 },
  )
  .map((tokens) => tokens.join(''));

type Item = { kind: 'id'; n: number } | { kind: 'range'; a: number; b: number } | { kind: 'neg'; n: number } | { kind: 'negrange'; a: number; b: number };

const small = fc.integer({ min: 0, max: 24 });
const item: fc.Arbitrary<Item> = fc.oneof(
  small.map((n) => ({ kind: 'id' as const, n })),
  fc.tuple(small, small).map(([x, y]) => ({ kind: 'range' as const, a: Math.min(x, y), b: Math.max(x, y) })),
  small.map((n) => ({ kind: 'neg' as const, n })),
  fc.tuple(small, fc.integer({ min: 1, max: 4 })).map(([a, d]) => ({ kind: 'negrange' as const, a, b: a + d })),
);

/** How an item is written as meant: `^2-4` stands for `^2,^3,^4`. */
function cleanText(it: Item): string {
  switch (it.kind) {
    case 'id':
      return `${it.n}`;
    case 'range':
      return `${it.a}-${it.b}`;
    case 'neg':
      return `^${it.n}`;
    case 'negrange':
      return Array.from({ length: it.b - it.a + 1 }, (_, k) => `^${it.a + k}`).join(',');
  }
}

/** The same item written with the mistakes whose intent is unambiguous. */
function corruptText(it: Item, flags: { reverse: boolean; space: number }): string {
  const sp = (k: number): string => (flags.space & (1 << k) ? ' ' : '');
  switch (it.kind) {
    case 'id':
      return `${sp(0)}${it.n}${sp(1)}`;
    case 'range': {
      const [x, y] = flags.reverse ? [it.b, it.a] : [it.a, it.b];
      return `${sp(0)}${x}${sp(1)}-${sp(2)}${y}${sp(3)}`;
    }
    case 'neg':
      return `${sp(0)}^${sp(1)}${it.n}${sp(2)}`;
    case 'negrange': {
      const [x, y] = flags.reverse ? [it.b, it.a] : [it.a, it.b];
      return `${sp(0)}^${x}${sp(1)}-${y}`;
    }
  }
}

/** A value as meant, and the same value with spaces, stray commas, reversed and negated ranges. */
const meantAndMistyped = fc
  .array(fc.record({ item, reverse: fc.boolean(), space: fc.nat({ max: 15 }), extraCommas: fc.nat({ max: 2 }) }), { minLength: 1, maxLength: 6 })
  .chain((parts) =>
    fc.record({ leading: fc.nat({ max: 2 }), trailing: fc.nat({ max: 2 }) }).map(({ leading, trailing }) => ({
      meant: parts.map((p) => cleanText(p.item)).join(','),
      mistyped:
        ','.repeat(leading) +
        parts.map((p) => corruptText(p.item, p) + ','.repeat(p.extraCommas)).join(',') +
        ','.repeat(trailing),
    })),
  )
  .filter(({ meant }) => reference(meant) !== null);

/** A value as meant, and the same value with exactly one of those mistakes. */
const meantAndOneMistake = fc
  .record({
    items: fc.array(item, { minLength: 1, maxLength: 6 }),
    at: fc.nat(),
    mistake: fc.constantFrom('reverse', 'space', 'leading comma', 'doubled comma', 'trailing comma', 'negated range'),
    space: fc.integer({ min: 0, max: 3 }),
  })
  .map(({ items, at, mistake, space }) => {
    const k = at % items.length;
    const texts = items.map(cleanText);
    const it = items[k];
    if (mistake === 'reverse' && it.kind === 'range' && it.a < it.b) texts[k] = corruptText(it, { reverse: true, space: 0 });
    if (mistake === 'space') texts[k] = corruptText(it, { reverse: false, space: 1 << space });
    if (mistake === 'negated range' && it.kind === 'negrange') texts[k] = corruptText(it, { reverse: space % 2 === 1, space: 0 });
    let mistyped = texts.join(',');
    if (mistake === 'leading comma') mistyped = `,${mistyped}`;
    if (mistake === 'trailing comma') mistyped = `${mistyped},`;
    if (mistake === 'doubled comma') mistyped = [...texts.slice(0, k + 1), '', ...texts.slice(k + 1)].join(',');
    return { meant: items.map(cleanText).join(','), mistyped };
  })
  .filter(({ meant }) => reference(meant) !== null);

/** Values libvirt accepts as written, in any order, with negations anywhere. */
const acceptedValue = fc
  .array(item.filter((it) => it.kind !== 'negrange'), { minLength: 1, maxLength: 7 })
  .map((items) => items.map(cleanText).join(','))
  .filter((v) => reference(v) !== null);

const hostRanges: fc.Arbitrary<IdRange[]> = fc
  .array(fc.tuple(small, fc.nat({ max: 8 })), { minLength: 0, maxLength: 3 })
  .map((pairs) => IdSet.of(pairs.map(([a, d]) => [a, a + d] as IdRange)).ranges().slice());

// ---------------------------------------------------------------- properties

test('the evaluator agrees with the reference model on random strings and generated lists', () => {
  let accepted = 0;
  fc.assert(
    fc.property(fc.oneof(noisyValue, tokenValue, acceptedValue, meantAndMistyped.map((m) => m.mistyped)), (value) => {
      const expected = reference(value);
      if (expected) accepted++;
      assert.deepEqual(idsOf(evaluateSet(value)), expected);
      // checkSet reports an error exactly when libvirt rejects the value.
      const errors = checkSet(value).filter((f) => f.severity === 'error');
      assert.equal(errors.length > 0, expected === null, JSON.stringify(errors));
    }),
    { numRuns: 2000 },
  );
  // Both verdicts are well represented.
  assert.ok(accepted > 200 && accepted < 1800, `${accepted} of 2000 accepted`);
});

test('segments give the value back and findings lie within it', () => {
  fc.assert(
    fc.property(fc.oneof(noisyValue, tokenValue, fc.string({ maxLength: 12 })), (value) => {
      const parsed = parseSet(value);
      assert.equal(parsed.segments.map((s) => value.slice(s.start, s.end)).join(','), value);
      for (const f of checkSet(value, { host: [[0, 7]] })) {
        assert.ok(0 <= f.start && f.start <= f.end && f.end <= value.length, `${f.code} ${f.start}-${f.end}`);
      }
    }),
    RUNS,
  );
});

test('the canonical form round-trips, is printed like virBitmapFormat, and is idempotent', () => {
  const ranges = fc.array(fc.tuple(fc.integer({ min: 0, max: 16383 }), fc.nat({ max: 40 })), { minLength: 1, maxLength: 8 });
  fc.assert(
    fc.property(ranges, (pairs) => {
      const set = IdSet.of(pairs.map(([a, d]) => [a, Math.min(a + d, 16383)] as IdRange));
      const text = set.format();
      assert.equal(text, referenceFormat(idsOf(set)!));
      assert.ok(evaluateSet(text)?.equals(set), text);
      assert.equal(canonicalForm(text), text);
      assert.deepEqual(checkSet(text), [], text);
    }),
    RUNS,
  );
  fc.assert(
    fc.property(fc.oneof(acceptedValue, noisyValue), (value) => {
      const canonical = canonicalForm(value);
      if (canonical === undefined) return;
      assert.deepEqual(reference(canonical), reference(value));
      assert.equal(canonicalForm(canonical), canonical);
    }),
    RUNS,
  );
});

test('safeFixes turns a mistyped value into one libvirt accepts with the meant set', () => {
  fc.assert(
    fc.property(fc.oneof(meantAndMistyped, meantAndOneMistake), ({ meant, mistyped }) => {
      const fixed = safeFixes(mistyped);
      assert.deepEqual(reference(fixed), reference(meant), `${JSON.stringify(mistyped)} -> ${JSON.stringify(fixed)}`);
    }),
    RUNS,
  );
});

test('safe fixes applied one at a time, in any order, reach the meant set', () => {
  fc.assert(
    fc.property(meantAndMistyped, fc.array(fc.nat(), { minLength: 64, maxLength: 64 }), ({ meant, mistyped }, choices) => {
      let value = mistyped;
      for (const choice of choices) {
        const fixes = checkSet(value).flatMap((f) => (f.fix?.safe ? [f.fix] : []));
        if (fixes.length === 0) break;
        value = fixes[choice % fixes.length].value;
      }
      assert.deepEqual(reference(value), reference(meant), `${JSON.stringify(mistyped)} -> ${JSON.stringify(value)}`);
    }),
    RUNS,
  );
});

test('when a value has a single error, its fix alone makes libvirt accept the meant set', () => {
  let checked = 0;
  fc.assert(
    fc.property(meantAndOneMistake, ({ meant, mistyped }) => {
      const errors = checkSet(mistyped).filter((f) => f.severity === 'error');
      if (errors.length !== 1 || !errors[0].fix) return;
      checked++;
      assert.deepEqual(reference(errors[0].fix.value), reference(meant), `${JSON.stringify(mistyped)}: ${errors[0].code}`);
    }),
    RUNS,
  );
  assert.ok(checked > 300, `only ${checked} values with a single error`);
});

/** The set a value is read as with the unambiguous repairs (the reading the rules' findings use). */
function meaning(value: string): string | undefined {
  const ops = intendedOperations(parseSet(value));
  return ops && applyOperations(ops).format();
}

test('a safe fix removes an error or a redundancy and keeps what the value means', () => {
  fc.assert(
    fc.property(fc.oneof(noisyValue, tokenValue, meantAndMistyped.map((m) => m.mistyped)), (value) => {
      const before = checkSet(value);
      for (const f of before) {
        if (!f.fix?.safe) continue;
        const after = checkSet(f.fix.value);
        const count = (list: SetFinding[], severity: string): number => list.filter((x) => x.severity === severity).length;
        const where = `${JSON.stringify(value)}: ${f.code} -> ${JSON.stringify(f.fix.value)}`;
        if (f.severity === 'error') assert.ok(count(after, 'error') < count(before, 'error'), where);
        assert.deepEqual(meaning(f.fix.value), meaning(value), where);
      }
    }),
    RUNS,
  );
});

test('fixes of accepted values give accepted values with the set each promises', () => {
  const checkedCodes = new Map<string, number>();
  fc.assert(
    fc.property(acceptedValue, hostRanges, (value, host) => {
      const ids = reference(value)!;
      for (const f of checkSet(value, { host })) {
        if (!f.fix) continue;
        const fixed = reference(f.fix.value);
        checkedCodes.set(f.code, (checkedCodes.get(f.code) ?? 0) + 1);
        const where = `${f.code} on ${JSON.stringify(value)} (host ${JSON.stringify(host)}) -> ${JSON.stringify(f.fix.value)}`;
        assert.ok(fixed, where);
        switch (f.code) {
          case 'cpuset-negation-before-range': {
            const negated = Number(value.slice(f.start + 1, f.end));
            assert.deepEqual(fixed, ids.filter((id) => id !== negated), where);
            assert.ok(!checkSet(f.fix.value).some((g) => g.code === f.code && f.fix!.value.slice(g.start, g.end) === `^${negated}`), where);
            break;
          }
          case 'cpuset-beyond-host': {
            const hostSet = IdSet.of(host);
            assert.deepEqual(fixed, ids.filter((id) => hostSet.has(id)), where);
            assert.ok(!checkSet(f.fix.value, { host }).some((g) => g.code === f.code), where);
            break;
          }
          default:
            assert.deepEqual(fixed, ids, where);
        }
      }
    }),
    { numRuns: 2000 },
  );
  for (const code of ['cpuset-negation-before-range', 'cpuset-noop-negation', 'cpuset-beyond-host', 'cpuset-duplicate', 'cpuset-not-canonical']) {
    assert.ok((checkedCodes.get(code) ?? 0) > 50, `${code}: ${checkedCodes.get(code) ?? 0} fixes checked`);
  }
});
