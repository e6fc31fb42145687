/**
 * libvirt's own test documents (../shared/corpus, when present): every one is well-formed XML,
 * so the parser must report nothing on any of them, and random edits on real documents must
 * keep the incremental tree equal to a fresh parse. Skips where ../shared is absent.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { checkWellFormedness } from '../../server/src/features/wellFormedness';
import { applyEdit } from '../../server/src/parser/incremental';
import { parseDocument } from '../../server/src/parser/parse';
import { xmlFilesUnder, SHARED } from './helpers/corpus';
import { describeTree } from './helpers/describeTree';

const CORPUS = path.join(SHARED, 'corpus');

test('every document of libvirt test corpus parses with no well-formedness finding', (t) => {
  if (!fs.existsSync(CORPUS)) return t.skip('../shared/corpus is not here');
  const files = xmlFilesUnder(CORPUS);
  assert.ok(files.length > 1000, `${files.length} files`);
  const failures: string[] = [];
  for (const file of files) {
    const findings = checkWellFormedness(parseDocument(fs.readFileSync(file, 'utf8')));
    if (findings.length > 0) failures.push(`${path.relative(CORPUS, file)}: ${findings[0].code} ${findings[0].message}`);
  }
  assert.deepEqual(failures, []);
});

test('random edits on real documents keep the incremental tree exact', (t) => {
  if (!fs.existsSync(CORPUS)) return t.skip('../shared/corpus is not here');
  const files = xmlFilesUnder(CORPUS);
  let state = 1;
  const next = (n: number) => {
    state = (Math.imul(state, 1103515245) + 12345) & 0x7fffffff;
    return (state >>> 7) % n;
  };
  const snippets = ['<', '>', '"', "'", '</', '/>', '<!--', '-->', '\n', 'x', ' ', '<disk>', '</disk>', '&'];
  for (let f = 0; f < files.length; f += 10) {
    let text = fs.readFileSync(files[f], 'utf8');
    let tree = parseDocument(text);
    for (let step = 0; step < 30; step++) {
      const start = next(text.length + 1);
      const end = Math.min(text.length, start + next(8));
      const inserted = next(3) === 0 ? '' : snippets[next(snippets.length)];
      text = text.slice(0, start) + inserted + text.slice(end);
      tree = applyEdit(tree, text, { start, end, insertedLength: inserted.length });
      assert.deepEqual(describeTree(tree), describeTree(parseDocument(text)), `${files[f]} step ${step}`);
    }
  }
});
