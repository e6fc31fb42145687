// Tokenizes every corpus document and a long one-line document with the engine VS Code uses
// (vscode-textmate + vscode-oniguruma): every line must tokenize to its end, and the tags of
// real documents must get tag scopes. Speed is measured by `npm run bench`, not asserted here.
// Run: node --test test/grammar/smoke.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadGrammar, tm, xmlFilesUnder } from './loadGrammar.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const corpusDir = resolve(process.env.LIBVIRT_CORPUS ?? join(root, '../shared/corpus'));
const examplesDir = join(root, 'examples');

/**
 * Tokenizes `text` line by line; returns the problems found: a line whose tokens do not reach
 * its end, or a start tag name (`<name`) that is not scoped as a tag.
 */
function checkTokens(grammar, text) {
  const problems = [];
  let state = tm.INITIAL;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const { tokens, ruleStack } = grammar.tokenizeLine(line, state);
    const last = tokens[tokens.length - 1];
    if (line.length > 0 && (!last || last.endIndex < line.length)) problems.push(`line ${i + 1}: tokens stop at ${last?.endIndex}`);
    for (const match of line.matchAll(/<([A-Za-z_][\w.-]*)/g)) {
      const at = match.index + 1;
      const token = tokens.find((t) => t.startIndex <= at && at < t.endIndex);
      const insideComment = token?.scopes.some((scope) => scope.startsWith('comment') || scope.startsWith('string') || scope.includes('cdata'));
      if (!insideComment && !token?.scopes.some((scope) => scope.startsWith('entity.name.tag'))) {
        problems.push(`line ${i + 1}: <${match[1]} scoped ${token?.scopes.join(' ')}`);
      }
    }
    state = ruleStack;
  }
  return problems;
}


function exampleDocuments() {
  const samples = xmlFilesUnder(examplesDir).map((f) => readFileSync(f, 'utf8').replace(/^<\?xml[^>]*\?>\s*/, ''));
  assert.ok(samples.length > 0, 'no example documents');
  return samples;
}

const grammarPromise = loadGrammar();

test('every line of every corpus document tokenizes to its end, with tag names scoped as tags', { skip: !existsSync(corpusDir) && `no corpus at ${corpusDir}` }, async () => {
  const grammar = await grammarPromise;
  const files = xmlFilesUnder(corpusDir);
  assert.ok(files.length > 0, `no .xml files under ${corpusDir}`);
  const problems = [];
  for (const file of files) {
    for (const problem of checkTokens(grammar, readFileSync(file, 'utf8'))) problems.push(`${relative(corpusDir, file)} ${problem}`);
  }
  assert.deepEqual(problems.slice(0, 20), []);
});

test('a minified document on one long line tokenizes to its end', async () => {
  const grammar = await grammarPromise;
  const samples = xmlFilesUnder(examplesDir).map((f) => readFileSync(f, 'utf8').replace(/^<\?xml[^>]*\?>\s*/, ''));
  const oneLine = samples.join('').replace(/\n\s*/g, '').repeat(20);
  assert.deepEqual(checkTokens(grammar, oneLine), []);
});
