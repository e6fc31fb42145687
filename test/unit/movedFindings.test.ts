import assert from 'node:assert/strict';
import { test } from 'node:test';
import { moveThroughEdits } from '../../server/src/features/movedFindings';
import { Finding } from '../../server/src/finding';

const at = (start: number, end: number, extra: Partial<Finding> = {}): Finding => ({ start, end, severity: 'error', code: 'c', message: 'm', ...extra });
const spans = (findings: Finding[]) => findings.map((f) => [f.start, f.end]);

test('findings after an edit move by what it added or removed; those before stay', () => {
  const findings = [at(2, 4), at(10, 12)];
  assert.deepEqual(spans(moveThroughEdits(findings, [{ start: 6, end: 6, insertedLength: 3 }])), [[2, 4], [13, 15]]);
  assert.deepEqual(spans(moveThroughEdits(findings, [{ start: 5, end: 8, insertedLength: 0 }])), [[2, 4], [7, 9]]);
});

test('a finding an edit touches is dropped; typing right before or after it is not touching', () => {
  const findings = [at(10, 12)];
  assert.deepEqual(spans(moveThroughEdits(findings, [{ start: 11, end: 11, insertedLength: 1 }])), []);
  assert.deepEqual(spans(moveThroughEdits(findings, [{ start: 9, end: 13, insertedLength: 0 }])), []);
  assert.deepEqual(spans(moveThroughEdits(findings, [{ start: 10, end: 10, insertedLength: 1 }])), [[11, 13]]);
  assert.deepEqual(spans(moveThroughEdits(findings, [{ start: 12, end: 12, insertedLength: 1 }])), [[10, 12]]);
});

test('edits apply in order, each in the text the one before left; related places and fixes move too', () => {
  const finding = at(20, 22, {
    related: [{ start: 5, end: 7, message: 'first' }, { start: 30, end: 31, message: 'gone' }],
    fixes: [{ title: 'f', start: 20, end: 22, newText: 'x', safe: true }],
  });
  const [moved] = moveThroughEdits([finding], [
    { start: 0, end: 0, insertedLength: 2 },
    { start: 31, end: 33, insertedLength: 0 },
  ]);
  assert.deepEqual([moved.start, moved.end], [22, 24]);
  assert.deepEqual(moved.related, [{ start: 7, end: 9, message: 'first' }]);
  assert.deepEqual(moved.fixes?.map((fix) => [fix.start, fix.end]), [[22, 24]]);
});
