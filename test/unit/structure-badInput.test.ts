/**
 * Folding, selection ranges and tag names on half-typed documents: every prefix of a realistic
 * domain (as if typed up to there), and broken markup, at every offset. Nothing throws, and every
 * answer holds together.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { foldingRanges } from '../../server/src/features/folding';
import { selectionRangesAt } from '../../server/src/features/selectionRanges';
import { tagNamesAt } from '../../server/src/features/tagPairs';
import { WEB01, analysisOf } from './helpers/documents';

const BROKEN = [
  '<domain><devices><disk type="file"><source file=\'a\'</devices></domain>',
  '<domain>\n  <!-- unclosed comment\n  <name>x</name>\n',
  '<domain><![CDATA[ never closed',
  '</stray><domain></name></domain></domain>',
  '<domain><a><b></a></b></domain>',
  '<domain a="1" a=\'2\' b=c d>\r\n<e/ ><f></f\r\n</domain',
  '<<<>>></></>',
  '',
];

function checkAt(text: string, offsets: Iterable<number>): void {
  const analysis = analysisOf(text);
  for (const fold of foldingRanges(analysis)) {
    assert.ok(fold.start >= 0 && fold.start <= fold.end && fold.end < text.length, `fold ${JSON.stringify(fold)} in ${JSON.stringify(text)}`);
  }
  for (const offset of offsets) {
    const [chain] = selectionRangesAt(analysis, [offset]);
    assert.ok(text === '' || chain.length > 0, 'a chain');
    chain.forEach((span, i) => {
      const inner = i === 0 ? { from: offset, to: offset } : chain[i - 1];
      assert.ok(span.from >= 0 && span.to <= text.length && span.from <= inner.from && span.to >= inner.to, `selection at ${offset} in ${JSON.stringify(text)}`);
    });
    const names = tagNamesAt(analysis, offset);
    if (!names) continue;
    assert.ok(names.spans.length <= 2 && names.spans.includes(names.at) && names.at.from <= offset && offset <= names.at.to);
    for (const span of names.spans) assert.equal(text.slice(span.from, span.to), names.name, `tag names at ${offset} in ${JSON.stringify(text)}`);
  }
}

const everyOffset = (text: string) => Array.from({ length: text.length + 1 }, (_, i) => i);

test('every prefix of a domain folds, and a sample of them answer at every offset', () => {
  for (let length = 0; length <= WEB01.length; length++) {
    const prefix = WEB01.slice(0, length);
    checkAt(prefix, length % 41 === 0 || length === WEB01.length ? everyOffset(prefix) : [length]);
  }
});

test('broken markup answers at every offset', () => {
  for (const text of BROKEN) checkAt(text, everyOffset(text));
});
