import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PieceText } from '../../server/src/parser/pieceText';
import { WEB01 } from './helpers/documents';
import { random, randomEdit } from './helpers/randomEdits';

test('a text kept in pieces reads like the string it stands for, edit after edit', () => {
  for (let seed = 1; seed <= 20; seed++) {
    const next = random(seed);
    let text = WEB01;
    const pieces = new PieceText(text, 16);
    for (let step = 0; step < 150; step++) {
      const { start, end, inserted } = step % 25 === 24 ? { start: 3, end: 3, inserted: 'y'.repeat(100) } : randomEdit(text, next);
      pieces.replace(start, end, inserted);
      text = text.slice(0, start) + inserted + text.slice(end);
      const where = `seed ${seed}, step ${step}`;
      assert.equal(pieces.length, text.length, where);
      for (let probe = 0; probe < 20; probe++) {
        const a = Math.floor(next() * (text.length + 2)) - 1;
        const b = a + Math.floor(next() * 70);
        assert.equal(pieces.slice(a, b), text.slice(Math.max(0, a), b), `${where}: slice(${a}, ${b})`);
        assert.equal(Number.isNaN(pieces.charCodeAt(a)) ? NaN : pieces.charCodeAt(a), text.charCodeAt(a), `${where}: charCodeAt(${a})`);
        const from = Math.max(0, Math.min(a, text.length));
        const limit = Math.min(text.length, from + 40);
        const window = pieces.window(from, limit);
        assert.equal(window.text.slice(from - window.base, limit - window.base), text.slice(from, limit), `${where}: window`);
        const before = window.base === 0 ? '\n' : text[window.base - 1];
        assert.ok(before !== ' ' && before !== '\t', `${where}: no indentation runs on from before the window`);
        assert.equal(window.startsLine, before === '\n' || before === '\r', `${where}: startsLine`);
      }
      // Now and then the whole text is asked for, and reading goes on from it.
      if (step % 10 === 0) assert.equal(pieces.toString(), text, where);
      if (text.length > 6000 || text.length < 200) {
        pieces.replace(0, pieces.length, WEB01);
        text = WEB01;
      }
    }
    assert.equal(pieces.toString(), text);
  }
});

test('deleting everything and typing again', () => {
  const pieces = new PieceText('<domain/>', 4);
  pieces.replace(0, 9, '');
  assert.equal(pieces.length, 0);
  assert.equal(pieces.toString(), '');
  pieces.replace(0, 0, '<a>');
  pieces.replace(3, 3, '</a>');
  assert.equal(pieces.toString(), '<a></a>');
  assert.equal(pieces.slice(1, 6), 'a></a');
});
