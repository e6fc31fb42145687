import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LineIndex } from '../../server/src/parser/lineIndex';

function positionsOf(index: LineIndex, text: string): string {
  const out: string[] = [];
  for (let offset = 0; offset <= text.length; offset++) {
    const p = index.positionAt(offset, text);
    out.push(`${p.line}:${p.character}`);
  }
  return out.join(' ');
}

test('positions follow LF, CR LF and lone CR line breaks', () => {
  const text = 'ab\ncd\r\nef\rg';
  const index = new LineIndex(text);
  assert.equal(index.lineCount, 4);
  assert.deepEqual(index.positionAt(text.indexOf('g'), text), { line: 3, character: 0 });
  assert.deepEqual(index.positionAt(text.indexOf('e'), text), { line: 2, character: 0 });
  assert.equal(index.offsetAt({ line: 1, character: 99 }, text), text.indexOf('\r\n'), 'clamped to the line end');
  assert.equal(index.offsetAt({ line: 9, character: 0 }, text), text.length);
});

test('an incrementally updated index equals a fresh one after random edits with CR and LF', () => {
  let state = 7;
  const next = (n: number) => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return (state >>> 8) % n;
  };
  const pieces = ['\n', '\r', '\r\n', 'x', 'yz', '', '\n\n', 'a\rb'];
  let text = 'one\ntwo\r\nthree\rfour';
  const index = new LineIndex(text);
  for (let i = 0; i < 3000; i++) {
    const start = next(text.length + 1);
    const end = Math.min(text.length, start + next(4));
    const inserted = pieces[next(pieces.length)];
    text = text.slice(0, start) + inserted + text.slice(end);
    index.applyEdit(text, start, end, inserted.length);
    assert.equal(positionsOf(index, text), positionsOf(new LineIndex(text), text), `edit ${i}`);
    if (text.length > 200) {
      const oldLength = text.length;
      text = text.slice(0, 50);
      index.applyEdit(text, 50, oldLength, 0);
    }
  }
});
