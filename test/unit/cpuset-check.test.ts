/**
 * cpuset/nodeset values: the verdicts checkSet gives, built from libvirt's rules (basictypes.rng
 * `cpuset`, virBitmapParse, VIR_DOMAIN_CPUMASK_LEN, the empty set rejected), with exact offsets
 * and fixes; plus parsing, evaluation, canonical form and hover descriptions.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkSet, safeFixes, type SetCheckOptions } from '../../server/src/features/cpuset/checkSet';
import { parseSet } from '../../server/src/rules/cpuset/cpusetSyntax';
import { describeSet } from '../../server/src/features/cpuset/describeSet';
import { canonicalForm, CPUMASK_LEN, evaluateSet } from '../../server/src/rules/cpuset/evaluate';
import { IdSet } from '../../server/src/rules/cpuset/idSet';

/** [code, severity, start, end, fixed value (undefined: no fix)] */
type Verdict = [string, string, number, number, string?];

const HOST_0_15: SetCheckOptions = { host: [[0, 15]] };

const TABLE: [value: string, verdicts: Verdict[], options?: SetCheckOptions][] = [
  // Accepted and already as libvirt prints them.
  ['0', []],
  ['1-4', []],
  ['1-2,4,6', []],
  ['0-3,8-11', []],
  ['0,2,4', []],
  ['16383', []],
  ['0-16383', []],

  // Accepted, but redundant or not in libvirt's form: hints.
  ['1-4,^3,6', [['cpuset-not-canonical', 'hint', 0, 8, '1-2,4,6']]],
  ['2,3', [['cpuset-not-canonical', 'hint', 0, 3, '2-3']]],
  ['4,1', [['cpuset-not-canonical', 'hint', 0, 3, '1,4']]],
  ['007', [['cpuset-not-canonical', 'hint', 0, 3, '7']]],
  ['1-1', [['cpuset-not-canonical', 'hint', 0, 3, '1']]],
  ['1,1', [['cpuset-not-canonical', 'hint', 0, 3, '1'], ['cpuset-duplicate', 'hint', 2, 3, '1']]],
  ['0-7,2-3', [['cpuset-not-canonical', 'hint', 0, 7, '0-7'], ['cpuset-duplicate', 'hint', 4, 7, '0-7']]],
  ['0-7,2-9', [['cpuset-not-canonical', 'hint', 0, 7, '0-9'], ['cpuset-overlap', 'hint', 4, 7]]],

  // Rejected by libvirt: errors.
  ['', [['cpuset-empty-value', 'error', 0, 0]]],
  [' ', [['cpuset-empty-value', 'error', 0, 1]]],
  [',', [['cpuset-empty-value', 'error', 0, 1]]],
  ['1, 2', [['cpuset-space', 'error', 2, 3, '1,2']]],
  [' 1-3\t', [['cpuset-space', 'error', 0, 1, '1-3\t'], ['cpuset-space', 'error', 4, 5, ' 1-3']]],
  ['1 - 3', [['cpuset-space', 'error', 1, 2, '1- 3'], ['cpuset-space', 'error', 3, 4, '1 -3']]],
  ['1,2,', [['cpuset-empty-item', 'error', 3, 4, '1,2']]],
  [',1', [['cpuset-empty-item', 'error', 0, 1, '1']]],
  ['1,,2', [['cpuset-empty-item', 'error', 1, 2, '1,2']]],
  [',,1', [['cpuset-empty-item', 'error', 0, 1, ',1'], ['cpuset-empty-item', 'error', 1, 2, ',1']]],
  ['1, ,2', [['cpuset-empty-item', 'error', 1, 2, '1 ,2'], ['cpuset-space', 'error', 2, 3, '1,,2']]],
  ['4-1', [['cpuset-reversed-range', 'error', 0, 3, '1-4']]],
  ['0,4-1,6', [['cpuset-reversed-range', 'error', 2, 5, '0,1-4,6']]],
  [
    '1-4,^3,6,4-1',
    [
      // The `4-1` read as meant (1-4) adds 3 back after `^3`.
      ['cpuset-negation-before-range', 'warning', 4, 6, '1-4,6,4-1,^3'],
      ['cpuset-reversed-range', 'error', 9, 12, '1-4,^3,6,1-4'],
      ['cpuset-overlap', 'hint', 9, 12],
    ],
  ],
  ['0-7,^2-3', [['cpuset-negated-range', 'error', 4, 8, '0-7,^2,^3']]],
  ['0-7,^3-2', [['cpuset-negated-range', 'error', 4, 8, '0-7,^2,^3']]],
  ['0-100,^0-99', [['cpuset-negated-range', 'error', 6, 11]]],
  ['16384', [['cpuset-id-too-large', 'error', 0, 5]]],
  ['1,^16384', [['cpuset-id-too-large', 'error', 3, 8]]],
  ['0-99999999999', [['cpuset-id-too-large', 'error', 2, 13]]],
  ['20000-3', [['cpuset-reversed-range', 'error', 0, 7, '3-20000'], ['cpuset-id-too-large', 'error', 0, 5]]],
  ['a', [['cpuset-bad-item', 'error', 0, 1]]],
  ['1,a b,2', [['cpuset-bad-item', 'error', 2, 5]]],
  ['1-', [['cpuset-bad-item', 'error', 0, 2]]],
  ['-1', [['cpuset-bad-item', 'error', 0, 2]]],
  ['1-2-3', [['cpuset-bad-item', 'error', 0, 5]]],
  ['^', [['cpuset-bad-item', 'error', 0, 1]]],
  ['^^1', [['cpuset-bad-item', 'error', 0, 3]]],
  ['+1', [['cpuset-bad-item', 'error', 0, 2]]],
  ['0x3', [['cpuset-bad-item', 'error', 0, 3]]],
  ['1 2', [['cpuset-bad-item', 'error', 0, 3]]],
  ['^1', [['cpuset-empty-set', 'error', 0, 2], ['cpuset-noop-negation', 'warning', 0, 2]]],
  ['1,^1', [['cpuset-empty-set', 'error', 0, 4]]],

  // Accepted, but almost surely not meant: warnings.
  ['^3,1-4', [['cpuset-not-canonical', 'hint', 0, 6], ['cpuset-negation-before-range', 'warning', 0, 2, '1-4,^3']]],
  [
    '1-4,^3,2-5',
    [
      ['cpuset-not-canonical', 'hint', 0, 10],
      ['cpuset-negation-before-range', 'warning', 4, 6, '1-4,2-5,^3'],
      ['cpuset-overlap', 'hint', 7, 10],
    ],
  ],
  // Moved after the last item that adds 3 back.
  [
    '^3,1-4,2-5',
    [
      ['cpuset-not-canonical', 'hint', 0, 10],
      ['cpuset-negation-before-range', 'warning', 0, 2, '1-4,2-5,^3'],
      ['cpuset-overlap', 'hint', 7, 10],
    ],
  ],
  // Moving `^3` after `3` would leave nothing.
  ['^3,3', [['cpuset-not-canonical', 'hint', 0, 4], ['cpuset-negation-before-range', 'warning', 0, 2]]],
  ['^ 3,1-4', [['cpuset-negation-before-range', 'warning', 0, 3, '1-4,^ 3'], ['cpuset-space', 'error', 1, 2, '^3,1-4']]],
  ['1-2,^7', [['cpuset-not-canonical', 'hint', 0, 6, '1-2'], ['cpuset-noop-negation', 'warning', 4, 6, '1-2']]],
  ['0-3,^3,^3', [['cpuset-not-canonical', 'hint', 0, 9, '0-2'], ['cpuset-noop-negation', 'warning', 7, 9, '0-3,^3']]],
  // The second `^3` does the job, so the first one is the no-op.
  ['^3,1-4,^3', [['cpuset-not-canonical', 'hint', 0, 9, '1-2,4'], ['cpuset-noop-negation', 'warning', 0, 2, '1-4,^3']]],

  // Against a host with CPUs 0-15.
  ['0-3', [], HOST_0_15],
  ['0-31', [['cpuset-beyond-host', 'warning', 0, 4, '0-15']], HOST_0_15],
  ['0-3,60-63', [['cpuset-beyond-host', 'warning', 4, 9, '0-3']], HOST_0_15],
  [
    '8-31,^20',
    [
      ['cpuset-not-canonical', 'hint', 0, 8, '8-19,21-31'],
      ['cpuset-beyond-host', 'warning', 0, 4, '8-15'],
    ],
    HOST_0_15,
  ],
  ['16-31', [['cpuset-beyond-host', 'warning', 0, 5]], HOST_0_15],
  ['0-11', [['cpuset-beyond-host', 'warning', 0, 4, '0-3,8-11']], { host: [[0, 3], [8, 11]] }],
];

function verdicts(value: string, options?: SetCheckOptions): Verdict[] {
  return checkSet(value, options).map((f) => {
    const v: Verdict = [f.code, f.severity, f.start, f.end];
    if (f.fix) v.push(f.fix.value);
    return v;
  });
}

function sorted(list: Verdict[]): Verdict[] {
  return [...list].sort((a, b) => a[2] - b[2] || a[3] - b[3] || a[0].localeCompare(b[0]));
}

test('checkSet gives each value exactly the expected findings, ranges and fixes', () => {
  for (const [value, expected, options] of TABLE) {
    assert.deepEqual(sorted(verdicts(value, options)), sorted(expected), JSON.stringify(value));
  }
});

test('every fix in the table gives a value libvirt accepts when it was the only error', () => {
  for (const [value, , options] of TABLE) {
    const findings = checkSet(value, options);
    const errors = findings.filter((f) => f.severity === 'error');
    for (const f of findings) {
      if (!f.fix || errors.some((e) => e !== f)) continue;
      assert.ok(evaluateSet(f.fix.value), `${f.code} on ${JSON.stringify(value)} gave ${JSON.stringify(f.fix.value)}`);
    }
  }
});

test('the issue example: `4-1` in 1-4,^3,6,4-1 is an error on exactly those characters and the fix writes 1-4', () => {
  const value = '1-4,^3,6,4-1';
  const [reversed] = checkSet(value).filter((f) => f.severity === 'error');
  assert.equal(value.slice(reversed.start, reversed.end), '4-1');
  assert.equal(reversed.code, 'cpuset-reversed-range');
  assert.equal(reversed.fix?.title, 'Swap to `1-4`');
  assert.equal(reversed.fix?.value, '1-4,^3,6,1-4');
  assert.match(reversed.message, /counts down/);
});

test('messages are plain words naming the ids with the noun the caller gives', () => {
  const [noop] = checkSet('0-1,^5', { noun: 'node' }).filter((f) => f.code === 'cpuset-noop-negation');
  assert.equal(noop.message, '`^5` removes nothing: node 5 is not in the list before it.');
  const [beyond] = checkSet('0-31,^20', HOST_0_15).filter((f) => f.code === 'cpuset-beyond-host');
  assert.equal(beyond.message, 'CPUs 16-19,21-31 are not on this host (it has CPUs 0-15): the guest will not start here.');
  const [empty] = checkSet('1,^1', { noun: 'vCPU' });
  assert.equal(empty.message, 'This list selects no vCPU: libvirt rejects an empty set.');
  const [trailing] = checkSet('1,');
  assert.equal(trailing.message, 'A trailing comma: nothing follows it.');
  assert.equal(checkSet('1 2')[0].message, '`1 2`: separate numbers with a comma.');
});

test('safeFixes applies the meaning-keeping fixes and leaves judgement calls alone', () => {
  assert.equal(safeFixes(' 4-1 , ,^2-3,7,7,'), '1-4,^2,^3,7');
  assert.equal(safeFixes('1-2,^7'), '1-2');
  assert.equal(safeFixes('1-4,^3,6,4-1'), '1-4,^3,6,1-4');
  // Moving a negation changes what libvirt reads; rewriting and host checks are opt-in.
  assert.equal(safeFixes('^3,1-4'), '^3,1-4');
  assert.equal(safeFixes('2,3'), '2,3');
  assert.equal(safeFixes('0-31', HOST_0_15), '0-31');
  // Nothing safe to do about junk.
  assert.equal(safeFixes('a, 1'), 'a,1');
});

test('parseSet keeps exact offsets for segments, items, numbers and spaces', () => {
  const parsed = parseSet(' 0,4 - 1,^6,x');
  assert.deepEqual(
    parsed.segments.map((s) => [s.start, s.end, s.item?.kind]),
    [
      [0, 2, 'id'],
      [3, 8, 'range'],
      [9, 11, 'negation'],
      [12, 13, 'junk'],
    ],
  );
  const range = parsed.segments[1].item;
  assert.ok(range?.kind === 'range');
  assert.deepEqual([range.start, range.end, range.first.value, range.last.value, range.last.start], [3, 8, 4, 1, 7]);
  assert.deepEqual(parsed.spaces, [
    { start: 0, end: 1 },
    { start: 4, end: 5 },
    { start: 6, end: 7 },
  ]);
  assert.deepEqual(parseSet('').segments, [{ start: 0, end: 0 }]);
});

test('evaluateSet follows libvirt, canonicalForm prints like virBitmapFormat', () => {
  assert.equal(canonicalForm('1-4,^3,6'), '1-2,4,6');
  assert.equal(canonicalForm('^3,1-4'), '1-4');
  assert.equal(canonicalForm('1,2'), '1-2');
  assert.equal(canonicalForm('6,0,1,2,4'), '0-2,4,6');
  assert.equal(canonicalForm('3,1-2,0'), '0-3');
  assert.equal(evaluateSet('0-16383')?.count, CPUMASK_LEN);
  // virBitmapParse alone would take the trailing comma and spaces; the schema pattern does not.
  for (const rejected of ['1,2,', '1, 2', '', '4-1', '^1-2', '16384', '^16384,1', '^0', '1,^1', '2147483648']) {
    assert.equal(evaluateSet(rejected), undefined, rejected);
  }
});

test('IdSet merges touching runs and subtracts, intersects and counts', () => {
  const set = IdSet.of([
    [5, 7],
    [0, 1],
    [2, 3],
  ]);
  assert.deepEqual(set.ranges(), [
    [0, 3],
    [5, 7],
  ]);
  set.add(4, 4);
  assert.equal(set.format(), '0-7');
  set.remove(3, 3);
  assert.equal(set.format(), '0-2,4-7');
  assert.equal(set.countIn(2, 5), 3);
  assert.equal(set.has(3), false);
  assert.equal(set.intersect(IdSet.of([[2, 4], [7, 9]])).format(), '2,4,7');
  assert.equal(set.subtract(IdSet.of([[0, 5]])).format(), '6-7');
  assert.equal(set.count, 7);
});

test('describeSet: the ids, how many, the canonical form and what the host lacks', () => {
  const d = describeSet('1-4,^3,6', { host: [[0, 3]] });
  assert.ok(d.accepted);
  assert.equal(d.count, 4);
  assert.equal(d.listing, '1, 2, 4, 6');
  assert.equal(d.canonical, '1-2,4,6');
  assert.deepEqual(d.beyondHost, { ranges: [[4, 4], [6, 6]], count: 2, canonical: '4,6' });
  assert.equal(d.summary, '4 CPUs: 1, 2, 4, 6. Not on this host (CPUs 0-3): CPUs 4,6.');

  const nodes = describeSet('0-7', { noun: 'node', host: [[0, 7]] });
  assert.ok(nodes.accepted);
  assert.equal(nodes.listing, '0–7');
  assert.equal(nodes.beyondHost, undefined);
  assert.equal(nodes.summary, '8 nodes: 0–7.');

  const one = describeSet('5');
  assert.equal(one.summary, '1 CPU: 5.');

  const bad = describeSet('0,4-1');
  assert.equal(bad.accepted, false);
  assert.equal(bad.summary, 'libvirt rejects this list: `4-1` counts down: libvirt needs the lower CPU first, `1-4`.');
});
