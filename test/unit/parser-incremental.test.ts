import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyEdit } from '../../server/src/parser/incremental';
import { parseDocument } from '../../server/src/parser/parse';
import { PieceText } from '../../server/src/parser/pieceText';
import { ParsedDocument } from '../../server/src/parser/parsedDocument';
import { describeTree } from './helpers/describeTree';
import { WEB01 } from './helpers/documents';
import { random, randomEdit } from './helpers/randomEdits';

// Beyond a valid domain: an element nested in itself, CDATA and references in text.
const BASE = WEB01.replace(
  '  </devices>',
  '    <backingStore><backingStore/></backingStore>\n    <description><![CDATA[ a < b ]]> &amp; text</description>\n  </devices>',
);

/**
 * Random edits from each seed, the tree patched after each one and compared with a fresh parse.
 * `pieceLength`: the new text reaches the parser as a PieceText of pieces that long (windows of
 * it), else as a string. Returns how many edits were made.
 */
function patchedTreesMatchFreshParses(seeds: number[], pieceLength?: number, base = BASE): number {
  let edits = 0;
  for (const seed of seeds) {
    const next = random(seed);
    let text = base;
    let pieces = new PieceText(text, pieceLength);
    let tree = parseDocument(text);
    for (let step = 0; step < 80; step++) {
      const { start, end, inserted } = randomEdit(text, next);
      text = text.slice(0, start) + inserted + text.slice(end);
      pieces.replace(start, end, inserted);
      tree = applyEdit(tree, pieceLength ? pieces : text, { start, end, insertedLength: inserted.length });
      edits++;
      const expected = describeTree(parseDocument(text));
      const actual = describeTree(tree);
      if (actual.join('\n') !== expected.join('\n')) {
        assert.deepEqual(actual, expected, `seed ${seed}, step ${step}: ${JSON.stringify({ start, end, inserted })}`);
      }
      // Keep documents from drifting into one huge comment or shrinking to nothing.
      if (text.length > 6000 || text.length < 200) {
        text = base;
        pieces = new PieceText(text, pieceLength);
        tree = parseDocument(text);
      }
    }
  }
  return edits;
}

const seeds = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, k) => from + k);

test('incremental tree equals a fresh parse after every one of thousands of random edits', () => {
  assert.ok(patchedTreesMatchFreshParses(seeds(1, 60)) >= 4800);
});

test('a text kept in short pieces re-parses from windows of it to the same tree as a fresh parse', () => {
  assert.ok(patchedTreesMatchFreshParses(seeds(61, 90), 32) >= 2400);
});

test('windows that start mid-line, as in a document on one line, re-parse to the same tree as a fresh parse', () => {
  assert.ok(patchedTreesMatchFreshParses(seeds(91, 120), 32, BASE.replace(/\n\s*/g, '')) >= 2400);
});

test('an unclosed element at the start of a window that begins mid-line keeps its children, as a fresh parse does', () => {
  // <disk> follows `<devices>` on its line: it does not start the line, so its children on the
  // lines below stay its own however little they are indented.
  const text = "<domain><devices><disk type='file'>\n<source file='/a'/>\n<target dev='vda'/>\n</devices></domain>\n";
  const at = text.indexOf("type='file'");
  const pieces = new PieceText(text, 8);
  const edited = text.slice(0, at) + 'x' + text.slice(at);
  pieces.replace(at, at, 'x');
  const patched = applyEdit(parseDocument(text), pieces, { start: at, end: at, insertedLength: 1 });
  assert.deepEqual(describeTree(patched), describeTree(parseDocument(edited)));
});

test('bursts of edits, read once after the last of them, give the tree of a fresh parse', () => {
  let bursts = 0;
  for (let seed = 121; seed <= 160; seed++) {
    const next = random(seed);
    let document = ParsedDocument.parse(BASE, Number.POSITIVE_INFINITY, 32);
    for (let step = 0; step < 30; step++) {
      const size = 1 + Math.floor(next() * 8);
      const burst: string[] = [];
      for (let k = 0; k < size; k++) {
        const { start, end, inserted } = randomEdit(document.source.slice(0, document.length), next);
        document.replace(start, end, inserted);
        burst.push(JSON.stringify({ start, end, inserted }));
      }
      bursts++;
      const expected = describeTree(parseDocument(document.text));
      const actual = describeTree(document.tree);
      if (actual.join('\n') !== expected.join('\n')) assert.deepEqual(actual, expected, `seed ${seed}, step ${step}: ${burst.join(', ')}`);
      if (document.length > 6000 || document.length < 200) document = ParsedDocument.parse(BASE, Number.POSITIVE_INFINITY, 32);
    }
  }
  assert.ok(bursts >= 1200);
});

test('typing a document character by character keeps the tree exact', () => {
  let text = '';
  let tree = parseDocument(text);
  for (let i = 0; i < BASE.length; i++) {
    const newText = text + BASE[i];
    tree = applyEdit(tree, newText, { start: text.length, end: text.length, insertedLength: 1 });
    text = newText;
    assert.deepEqual(describeTree(tree), describeTree(parseDocument(text)), `after ${i + 1} characters`);
  }
});

test('deleting a document from the middle outwards keeps the tree exact', () => {
  let text = BASE;
  let tree = parseDocument(text);
  while (text.length > 0) {
    const at = Math.floor(text.length / 2);
    const newText = text.slice(0, at) + text.slice(at + 1);
    tree = applyEdit(tree, newText, { start: at, end: at + 1, insertedLength: 0 });
    text = newText;
    assert.deepEqual(describeTree(tree), describeTree(parseDocument(text)));
  }
});

test('an edit inside one element re-parses only that element', () => {
  const text = BASE;
  const tree = parseDocument(text);
  const domain = tree.children.find((c) => c.kind === 'element');
  assert.ok(domain && domain.kind === 'element');
  const devices = domain.children.find((c) => c.kind === 'element' && c.name === 'devices');
  assert.ok(devices && devices.kind === 'element');
  const domainChildren = domain.children.slice();
  const deviceChildren = devices.children.slice();
  const at = text.indexOf('web01.qcow2');
  const after = applyEdit(tree, text.slice(0, at) + 'x' + text.slice(at), { start: at, end: at, insertedLength: 1 });
  assert.equal(after, tree, 'patched in place');
  // The same objects, not equal copies: nothing outside the edited <disk> was parsed again.
  domainChildren.forEach((child, i) => assert.equal(domain.children[i], child, `domain child ${i}`));
  deviceChildren.forEach((child, i) => assert.equal(devices.children[i], child, `devices child ${i}`));
});
