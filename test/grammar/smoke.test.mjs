// Tokenizes every corpus document, one large generated document and one long
// line with the engine VS Code uses (vscode-textmate + vscode-oniguruma), and
// fails if tokenizing throws or is pathologically slow: a regex that backtracks
// badly shows up here long before a user sees it.
// Run: node --test test/grammar/smoke.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const tm = require('vscode-textmate');
const onig = require('vscode-oniguruma');

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const grammarPath = join(root, 'syntaxes/libvirt-xml.tmLanguage.json');
const corpusDir = resolve(process.env.LIBVIRT_CORPUS ?? join(root, '../shared/corpus'));
const examplesDir = join(root, 'examples');

// Normal speed is 1-2 MB/s on one core. Oniguruma caps each search, so a
// backtracking regex shows up as a collapse of throughput (measured: 4 KB/s)
// rather than as one endless line; both limits are far from normal speed.
const LINE_BUDGET_MS = 1000;
const MIN_BYTES_PER_MS = 100;
const budgetMs = (chars) => 5000 + chars / MIN_BYTES_PER_MS;
const BIG_DOCUMENT_CHARS = 10 * 1024 * 1024;

async function loadGrammar() {
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await onig.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new tm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new onig.OnigScanner(patterns),
      createOnigString: (s) => new onig.OnigString(s),
    }),
    loadGrammar: async (scopeName) =>
      scopeName === 'text.xml.libvirt' ? tm.parseRawGrammar(readFileSync(grammarPath, 'utf8'), grammarPath) : null,
  });
  const grammar = await registry.loadGrammar('text.xml.libvirt');
  assert.ok(grammar, 'grammar failed to load');
  return grammar;
}

/**
 * Tokenizes `text` line by line and returns the slowest line and the time
 * taken; throws once `deadline` (a performance.now() time) has passed.
 */
function tokenize(grammar, text, deadline, label) {
  const timed = (line, state) => {
    const t0 = performance.now();
    const result = grammar.tokenizeLine(line, state);
    return { result, ms: performance.now() - t0 };
  };
  let state = tm.INITIAL;
  let slowest = { ms: 0, line: 0 };
  const start = performance.now();
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    let { result, ms } = timed(lines[i], state);
    // A garbage-collection pause can land on any line: a slow line must be
    // slow twice to count.
    if (ms > LINE_BUDGET_MS) ms = Math.min(ms, timed(lines[i], state).ms);
    if (ms > slowest.ms) slowest = { ms, line: i + 1 };
    state = result.ruleStack;
    if (performance.now() > deadline) throw new Error(`${label}: out of time at line ${i + 1} of ${lines.length}`);
  }
  return { slowest, totalMs: performance.now() - start, lines: lines.length };
}

function xmlFilesUnder(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...xmlFilesUnder(path));
    else if (name.endsWith('.xml')) out.push(path);
  }
  return out.sort();
}

function exampleDocuments() {
  const samples = xmlFilesUnder(examplesDir).map((f) => readFileSync(f, 'utf8').replace(/^<\?xml[^>]*\?>\s*/, ''));
  assert.ok(samples.length > 0, 'no example documents');
  return samples;
}

const grammarPromise = loadGrammar();

test('tokenizes every corpus document without a pathological line', { skip: !existsSync(corpusDir) && `no corpus at ${corpusDir}` }, async () => {
  const grammar = await grammarPromise;
  const docs = xmlFilesUnder(corpusDir).map((file) => ({ file, text: readFileSync(file, 'utf8') }));
  assert.ok(docs.length > 0, `no .xml files under ${corpusDir}`);
  const chars = docs.reduce((n, d) => n + d.text.length, 0);
  const deadline = performance.now() + budgetMs(chars);
  let totalMs = 0, lines = 0;
  const slow = [];
  for (const { file, text } of docs) {
    const name = relative(corpusDir, file);
    const r = tokenize(grammar, text, deadline, name);
    totalMs += r.totalMs;
    lines += r.lines;
    if (r.slowest.ms > LINE_BUDGET_MS) slow.push(`${name}:${r.slowest.line} took ${r.slowest.ms.toFixed(0)} ms`);
  }
  console.log(`corpus: ${docs.length} files, ${lines} lines, ${(chars / 1024).toFixed(0)} KiB tokenized in ${totalMs.toFixed(0)} ms`);
  assert.deepEqual(slow, []);
});

test('tokenizes a 10 MB document built from the examples', async () => {
  const grammar = await grammarPromise;
  const samples = exampleDocuments();
  const parts = ['<domains>'];
  for (let size = 0, i = 0; size < BIG_DOCUMENT_CHARS; i++) {
    const sample = samples[i % samples.length];
    parts.push(sample);
    size += sample.length;
  }
  parts.push('</domains>');
  const text = parts.join('\n');
  const r = tokenize(grammar, text, performance.now() + budgetMs(text.length), 'large document');
  console.log(`large document: ${(text.length / 1048576).toFixed(1)} MiB, ${r.lines} lines in ${r.totalMs.toFixed(0)} ms (slowest line ${r.slowest.ms.toFixed(1)} ms)`);
  assert.ok(r.slowest.ms <= LINE_BUDGET_MS, `line ${r.slowest.line} took ${r.slowest.ms.toFixed(0)} ms`);
});

// Minified documents put everything on one line. Work per line must grow
// linearly with its length (re-tokenizing captures, for one, does not).
test('time on one long line grows linearly with its length', async () => {
  const grammar = await grammarPromise;
  const oneLine = exampleDocuments().join('').replace(/\n\s*/g, '');
  const timeFor = (chars) => {
    const line = oneLine.repeat(Math.ceil(chars / oneLine.length)).slice(0, chars);
    // Best of three, so that load on the machine does not decide the ratio.
    return Math.min(...[0, 1, 2].map(() => tokenize(grammar, line, performance.now() + budgetMs(chars), 'long line').totalMs));
  };
  const small = timeFor(50_000);
  const large = timeFor(500_000);
  console.log(`one line: 50k chars ${small.toFixed(0)} ms, 500k chars ${large.toFixed(0)} ms (ratio ${(large / small).toFixed(1)}, linear is 10)`);
  // Quadratic growth gives about 100.
  assert.ok(large / small < 40, `a 10x longer line took ${(large / small).toFixed(1)}x the time`);
});
