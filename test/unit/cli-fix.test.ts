/** `domxml fix` on one document: which values change, how changes and what is left are located. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyEdits, fixDocument, formatChanges, originalOffset } from '../../server/src/cli/fix';
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

test('every safe fix is applied, each change named by the codes it resolves, and nothing else in the text moves', () => {
  const text = WEB01.replace("cpuset='1-2,4,6'>2</vcpu>", "cpuset='1, 2,4-3,'>2</vcpu>").replace("<vcpupin vcpu='0' cpuset='1'/>", "<vcpupin vcpu='0' cpuset='0-3,^9'/>");
  const fixed = fixDocument('web01.xml', text, options('fixed'));
  assert.equal(fixed.text, text.replace("cpuset='1, 2,4-3,'", "cpuset='1,2,3-4'").replace("cpuset='0-3,^9'", "cpuset='0-3'"));
  assert.deepEqual(fixed.changes, [
    { ...lineColumn(text, "1, 2,4-3,'"), oldText: '1, 2,4-3,', newText: '1,2,3-4', codes: ['cpuset-space', 'cpuset-reversed-range', 'cpuset-empty-item'] },
    { ...lineColumn(text, "0-3,^9'"), oldText: '0-3,^9', newText: '0-3', codes: ['cpuset-noop-negation'] },
  ]);
  assert.deepEqual(fixed.remaining, [], 'the non-canonical hint left on 1,2,3-4 is not reported');
  assert.equal(fixed.notWellFormed, false);
  assert.equal(
    formatChanges('web01.xml', fixed.changes.slice(0, 1)),
    `web01.xml:${fixed.changes[0].line}:${fixed.changes[0].column}: "1, 2,4-3," → "1,2,3-4" [cpuset-space, cpuset-reversed-range, cpuset-empty-item]\n`,
  );
});

test('nothing to fix: the very same text, and what a person must decide is still reported', () => {
  assert.deepEqual(fixDocument('web01.xml', WEB01, options('fixed')), { text: WEB01, changes: [], remaining: [], notWellFormed: false });
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
  const [inFixed] = written.remaining;
  const [inOriginal] = dryRun.remaining;
  assert.equal(inFixed.code, 'bad-value');
  assert.deepEqual([inFixed.line, inFixed.column], [lineColumn(written.text, 'explode').line, lineColumn(written.text, 'explode').column]);
  assert.deepEqual([inOriginal.line, inOriginal.column], [lineColumn(text, 'explode').line, lineColumn(text, 'explode').column]);
  assert.equal(inOriginal.line, inFixed.line + 1);
});

test('a document that is not well-formed is not touched, and its errors are reported', () => {
  const broken = WEB01.replace("cpuset='1-2,4,6'", "cpuset='1, 2'").replace('</devices>', '');
  const result = fixDocument('web01.xml', broken, options('fixed'));
  assert.equal(result.text, broken);
  assert.deepEqual(result.changes, []);
  assert.equal(result.notWellFormed, true);
  assert.ok(result.remaining.some((p) => p.severity === 'error' && p.code === 'cpuset-space'));
  assert.ok(result.remaining.some((p) => p.severity === 'error' && p.code !== 'cpuset-space'));
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
