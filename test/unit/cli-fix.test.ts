/**
 * `domxml fix` on one document: which values change, in how many rounds, how changes and what is
 * left are located, and when a document is left as it was (not a domain, not well-formed, no better).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { Change, MAX_COUNTED_FINDINGS, MAX_ROUNDS, Stage, applyEdits, fewer, fixDocument, fixInRounds, fixedOffset, formatChanges, originalOffset, tally } from '../../server/src/cli/fix';
import { SafeEdit } from '../../server/src/features/safeFixes';
import { WELL_FORMEDNESS_CODES } from '../../server/src/features/wellFormednessCodes';
import { Fix } from '../../server/src/finding';
import { WEB01, bundledSchema } from './helpers/documents';


const options = (positionsIn: 'fixed' | 'original') => ({ schema: bundledSchema(), maxProblems: 1000, positionsIn });

/** 1-based line and column of the first `needle`. */
function lineColumn(text: string, needle: string): { line: number; column: number } {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, needle);
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}

/** The changes as English text: what a test compares (their words are tested with the catalogues). */
function inEnglish(changes: readonly Change[]): Omit<Change, 'titleWords'>[] {
  return changes.map(({ titleWords: _words, ...change }) => change);
}

test('every safe fix is applied, each change named by the codes it resolves, and nothing else in the text moves', () => {
  const text = WEB01.replace("cpuset='1-2,4,6'>2</vcpu>", "cpuset='1, 2,4-3,'>2</vcpu>").replace("<vcpupin vcpu='0' cpuset='1'/>", "<vcpupin vcpu='0' cpuset='0-3,^9'/>");
  const fixed = fixDocument('web01.xml', text, options('fixed'));
  assert.equal(fixed.text, text.replace("cpuset='1, 2,4-3,'", "cpuset='1,2,3-4'").replace("cpuset='0-3,^9'", "cpuset='0-3'"));
  assert.deepEqual(inEnglish(fixed.changes), [
    { ...lineColumn(text, "1, 2,4-3,'"), oldText: '1, 2,4-3,', newText: '1,2,3-4', codes: ['cpuset-space', 'cpuset-reversed-range', 'cpuset-empty-item'], title: '`cpuset`: 1,2,3-4' },
    { ...lineColumn(text, "0-3,^9'"), oldText: '0-3,^9', newText: '0-3', codes: ['cpuset-noop-negation'], title: '`cpuset`: 0-3' },
  ]);
  assert.deepEqual(fixed.remaining, [], 'the non-canonical hint left on 1,2,3-4 is not reported');
  assert.equal(fixed.notFixed, undefined);
  assert.equal(
    formatChanges('web01.xml', fixed.changes.slice(0, 1)),
    `web01.xml:${fixed.changes[0].line}:${fixed.changes[0].column}: "1, 2,4-3," → "1,2,3-4" [cpuset-space, cpuset-reversed-range, cpuset-empty-item] \`cpuset\`: 1,2,3-4\n`,
  );
});

test('nothing to fix: the very same text, and what a person must decide is still reported', () => {
  assert.deepEqual(fixDocument('web01.xml', WEB01, options('fixed')), { text: WEB01, changes: [], remaining: [] });
  const undone = WEB01.replace("cpuset='1-2,4,6'", "cpuset='^2,1-4'");
  const result = fixDocument('web01.xml', undone, options('fixed'));
  assert.equal(result.text, undone);
  assert.deepEqual(
    result.remaining.map((p) => [p.line, p.column, p.severity, p.code]),
    [[lineColumn(undone, "^2,1-4'").line, lineColumn(undone, "^2,1-4'").column, 'warning', 'cpuset-negation-before-range']],
  );
});

test('what is left after fixing is located in the fixed text when written, in the original for a dry run', () => {
  // The value spans two lines: fixing it joins them, so the problem after it moves up a line.
  const text = WEB01.replace("cpuset='1-2,4,6'", "cpuset='1,\n  2'").replace("<on_poweroff>destroy", "<on_poweroff>explode");
  const written = fixDocument('web01.xml', text, options('fixed'));
  const dryRun = fixDocument('web01.xml', text, options('original'));
  assert.equal(written.text, dryRun.text);
  assert.equal(written.text, text.replace("cpuset='1,\n  2'", "cpuset='1,2'"));
  assert.deepEqual(written.changes.map((c) => [c.oldText, c.newText, c.codes]), [['1,\n  2', '1,2', ['cpuset-space']]]);
  assert.deepEqual(dryRun.changes, written.changes, 'the change itself stands before the joined lines');
  const [inFixed] = written.remaining;
  const [inOriginal] = dryRun.remaining;
  assert.equal(inFixed.code, 'bad-value');
  assert.deepEqual([inFixed.line, inFixed.column], [lineColumn(written.text, 'explode').line, lineColumn(written.text, 'explode').column]);
  assert.deepEqual([inOriginal.line, inOriginal.column], [lineColumn(text, 'explode').line, lineColumn(text, 'explode').column]);
  assert.equal(inOriginal.line, inFixed.line + 1);
});

test('originalOffset takes a fixed offset back across the edits; inside a new value, to its start or end', () => {
  const text = 'aa[1, 2]bb[4-3]cc';
  const edits: Fix[] = [
    { title: '', start: 3, end: 7, newText: '1,2', safe: true },
    { title: '', start: 11, end: 14, newText: '3-4', safe: true },
  ];
  const fixed = applyEdits(text, edits);
  assert.equal(fixed, 'aa[1,2]bb[3-4]cc');
  for (const marker of ['aa', '[', ']bb', '[3', ']cc', 'cc']) {
    const at = fixed.indexOf(marker);
    assert.equal(text.slice(originalOffset(at, edits, 'start')).startsWith(marker.replace('3', '4')), true, marker);
  }
  assert.equal(originalOffset(fixed.indexOf(',2'), edits, 'start'), 3);
  assert.equal(originalOffset(fixed.indexOf(',2'), edits, 'end'), 7);
  assert.equal(originalOffset(fixed.length, edits, 'end'), text.length);
  assert.equal(applyEdits(text, []), text);
});

test('fixedOffset takes an offset forward across the edits; inside a replaced span, to the new text\'s start', () => {
  const text = 'aa[1, 2]bb[4-3]cc';
  const edits: Fix[] = [
    { title: '', start: 3, end: 7, newText: '1,2', safe: true },
    { title: '', start: 11, end: 14, newText: '3-4', safe: true },
    { title: '', start: 16, end: 16, newText: '!', safe: true },
  ];
  const fixed = applyEdits(text, edits);
  assert.equal(fixed, 'aa[1,2]bb[3-4]c!c');
  for (const marker of ['aa', '[1', ']bb', '[4', ']cc']) assert.equal(fixed.slice(fixedOffset(text.indexOf(marker), edits))[0], marker[0], marker);
  assert.equal(fixedOffset(text.indexOf(', 2'), edits), fixed.indexOf('1,2'));
  assert.equal(fixed.slice(fixedOffset(16, edits)), 'c', 'an insertion at the offset comes before it');
  assert.equal(fixedOffset(text.length, edits), fixed.length);
});

test('documents compare by their findings per severity, the worst first: fewer errors wins whatever follows', () => {
  const findings = (...severities: ('error' | 'warning' | 'information' | 'hint')[]) => severities.map((severity) => ({ severity }));
  assert.deepEqual(tally(findings('hint', 'error', 'warning', 'error')), [2, 1, 0, 1]);
  assert.equal(fewer([0, 5, 0, 0], [1, 0, 0, 0]), true, 'an error traded for warnings');
  assert.equal(fewer([1, 0, 0, 1], [1, 0, 0, 2]), true, 'a hint fewer');
  assert.equal(fewer([1, 0, 0, 0], [1, 0, 0, 0]), false, 'as many is not better');
  assert.equal(fewer([2, 0, 0, 0], [1, 9, 9, 9]), false);
  assert.equal(fewer([1, 2, 0, 0], [1, 1, 0, 5]), false);
});

/** A stage over plain strings: the edits `fixer` finds, and the text's badness by `measure`. */
function stringStage(fixer: (text: string) => SafeEdit[], measure: (text: string) => number): Stage<{ text: string }> {
  return { look: (text) => ({ text }), edits: ({ text }) => fixer(text), badness: ({ text }) => [measure(text)] };
}
const edit = (start: number, end: number, newText: string): SafeEdit => ({ start, end, newText, title: `"${newText}"`, codes: ['c'] });
/** Takes off the outermost brackets: each round reveals the next pair. */
const unwrap = (text: string): SafeEdit[] => (text.startsWith('[') && text.endsWith(']') ? [edit(0, 1, ''), edit(text.length - 1, text.length, '')] : []);
const brackets = (text: string) => text.split('[').length - 1;

test('fixInRounds makes fixes that reveal fixes, round after round, until none is left', () => {
  const done = fixInRounds({ text: '[[[a]]]' }, stringStage(unwrap, brackets));
  assert.equal(done.last.text, 'a');
  assert.equal(done.stopped, 'settled');
  assert.deepEqual(done.rounds.map((round) => round.text), ['[[[a]]]', '[[a]]', '[a]']);
  assert.deepEqual(done.rounds[1].edits, [edit(0, 1, ''), edit(4, 5, '')]);
});

test('fixInRounds stops after the rounds it is given, and says what is still pending', () => {
  const many = '['.repeat(MAX_ROUNDS + 1) + 'a' + ']'.repeat(MAX_ROUNDS + 1);
  const bounded = fixInRounds({ text: many }, stringStage(unwrap, brackets));
  assert.equal(bounded.rounds.length, MAX_ROUNDS);
  assert.equal(bounded.last.text, '[a]');
  assert.deepEqual([bounded.stopped, bounded.pending], ['unsettled', 2]);
  assert.equal(fixInRounds({ text: '[[a]]' }, stringStage(unwrap, brackets), 1).last.text, '[a]');
});

test('fixInRounds does not make a round that leaves the text no better, nor one that changes nothing', () => {
  // Doubling an a: the first round makes the text worse, the second would not.
  const worse = fixInRounds({ text: 'xa' }, stringStage((text) => [edit(text.indexOf('a'), text.indexOf('a') + 1, 'aa')], (text) => text.length));
  assert.deepEqual([worse.last.text, worse.rounds, worse.stopped, worse.pending], ['xa', [], 'notBetter', 1]);
  const same = fixInRounds({ text: 'xa' }, stringStage(() => [edit(1, 2, 'a')], () => 0));
  assert.deepEqual([same.last.text, same.rounds, same.stopped], ['xa', [], 'settled']);
  // The first round helps, the second would not (a bare `a` counts as worst): the first is kept.
  const mixed = fixInRounds({ text: '[[a]]' }, { ...stringStage(unwrap, brackets), badness: ({ text }) => [text === 'a' ? 9 : brackets(text)] });
  assert.deepEqual([mixed.last.text, mixed.rounds.length, mixed.stopped, mixed.pending], ['[a]', 1, 'notBetter', 2]);
});

test('a fix that reveals the next finding is made in a second round: spaces first, then the vCPUs the domain lacks', () => {
  const text = WEB01.replace('</cputune>', "  <cachetune vcpus='0, 9'>\n      <cache id='0' level='3' type='both' size='3' unit='MiB'/>\n    </cachetune>\n  </cputune>");
  const written = fixDocument('web01.xml', text, options('fixed'));
  assert.equal(written.text, text.replace("vcpus='0, 9'", "vcpus='0'"));
  const at = lineColumn(text, "0, 9'");
  assert.deepEqual(inEnglish(written.changes), [
    { ...at, oldText: '0, 9', newText: '0,9', codes: ['cpuset-space'], title: '`vcpus`: 0,9' },
    { ...at, oldText: '0,9', newText: '0', codes: ['vcpus-beyond-count'], title: 'Keep vCPUs 0' },
  ]);
  assert.deepEqual(written.remaining, []);
  assert.deepEqual(fixDocument('web01.xml', text, options('original')).changes, written.changes);
});

test('hints count: a document whose only finding is a hint with a safe fix is fixed', () => {
  const text = WEB01.replace("cpuset='1-2,4,6'", "cpuset='1-2,4,6,6'");
  const fixed = fixDocument('web01.xml', text, options('fixed'));
  assert.equal(fixed.text, WEB01);
  assert.deepEqual(fixed.changes.map((c) => c.codes), [['cpuset-duplicate']]);
});

test('a libvirt document that is not a domain is left as it is, and fix says so (not "not well-formed")', () => {
  const network = "<network>\n  <name>default</name>\n  <bridge name='virbr0'/>\n</network>\n";
  const result = fixDocument('default.xml', network, options('fixed'));
  assert.equal(result.text, network);
  assert.deepEqual(result.changes, []);
  assert.equal(result.notFixed, 'is not a libvirt domain (its root element is `<network>`): not fixed');
  assert.deepEqual(result.remaining.map((p) => [p.line, p.column, p.code]), [[1, 2, 'root-not-domain']]);
});

test('a document that is not well-formed: its safe well-formedness fixes first, else it is left alone with why', () => {
  const valid = WEB01.replace("cpuset='1-2,4,6'", "cpuset='1,2'");
  const broken = valid.replace("cpuset='1,2'", "cpuset='1, 2'").replace('    </disk>\n', '');
  const result = fixDocument('web01.xml', broken, options('fixed'));
  assert.equal(result.text, valid);
  assert.deepEqual(result.remaining, []);
  assert.equal(result.notFixed, undefined);

  // A doubled attribute with two values: which to keep is the user's call, so nothing is safe.
  const doubled = valid.replace("cpuset='1,2'", "cpuset='1, 2'").replace("placement='static'", "placement='static' placement='auto'");
  const left = fixDocument('web01.xml', doubled, options('fixed'));
  assert.equal(left.text, doubled);
  assert.deepEqual(left.changes, []);
  assert.equal(left.notFixed, 'is not well-formed XML, and no safe fix makes it so: not fixed');
  assert.ok(left.remaining.some((p) => p.code === 'duplicate-attribute'));
  assert.ok(left.remaining.some((p) => p.code === 'cpuset-space'), 'its other problems are still reported');
});

test('WELL_FORMEDNESS_CODES holds every code the parser and wellFormedness.ts report, and nothing else', () => {
  const sources = path.resolve(__dirname, '..', '..', '..', 'server', 'src');
  const files = [...fs.readdirSync(path.join(sources, 'parser')).map((name) => path.join('parser', name)), path.join('features', 'wellFormedness.ts')];
  const codes = new Set<string>();
  for (const file of files.filter((name) => name.endsWith('.ts'))) {
    // `code: 'bare-ampersand'`, and both names of `code: kind === 'comment' ? 'unclosed-comment' : 'unclosed-cdata'`.
    for (const [, expression] of fs.readFileSync(path.join(sources, file), 'utf8').matchAll(/\bcode: ([^,\n}]+)/g)) {
      for (const [, code] of expression.matchAll(/'([a-z]+(?:-[a-z]+)+)'/g)) codes.add(code);
    }
  }
  assert.ok(codes.has('unclosed-element') && codes.has('root-not-domain') && codes.has('unclosed-cdata'), [...codes].join(' '));
  assert.deepEqual([...codes].sort(), [...WELL_FORMEDNESS_CODES].sort());
});

test('the command line writes a file only through safeWrite.ts (temporary file, flush, rename, re-read first)', () => {
  const cli = path.resolve(__dirname, '..', '..', '..', 'server', 'src', 'cli');
  const writers = /\b(writeFile|writeFileSync|appendFile|appendFileSync|createWriteStream|rename|renameSync|copyFile|copyFileSync|truncate|truncateSync|openSync|rmSync|unlinkSync)\(/;
  const direct = fs.readdirSync(cli).filter((name) => writers.test(fs.readFileSync(path.join(cli, name), 'utf8')));
  assert.deepEqual(direct, []);
  assert.match(fs.readFileSync(path.join(cli, 'files.ts'), 'utf8'), /replaceFile\(original, /);
});

test('a document with too many problems to count is left as it is, and fix says so', () => {
  const hostile = WEB01.replace("cpuset='1-2,4,6'", "cpuset='1, 2'").replace('<name>web01</name>', `<name>${'&'.repeat(MAX_COUNTED_FINDINGS)}</name>`);
  const result = fixDocument('web01.xml', hostile, options('fixed'));
  assert.equal(result.text, hostile);
  assert.deepEqual(result.changes, []);
  assert.equal(result.notFixed, 'has 100,000 problems or more, too many to tell whether fixes make it better: not fixed');
  assert.equal(result.remaining.length, 1000, 'capped at --max-problems');
});
