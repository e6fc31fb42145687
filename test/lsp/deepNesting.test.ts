/**
 * 100,000 nested elements (issue 11: every request ≤ 100 ms, no stack overflow): every request
 * answers, without an error, at the deepest point. The bound asserted is a generous 1 s per
 * request, for a shared machine; test/bench/soak.ts and the closing note give the figures.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { serverForTests } from './lspClient';

const DEPTH = 100_000;
const URI = 'file:///deep.xml';
const TEXT = `<domain type='kvm'>${"<a b='1'>".repeat(DEPTH)}${'</a>'.repeat(DEPTH)}</domain>`;
const BOUND_MS = 1000;

const server = serverForTests(undefined, [[URI, TEXT]]);

const deepest = { line: 0, character: 19 + 9 * DEPTH };
const inTag = { line: 0, character: 19 + 9 * (DEPTH - 1) + 2 };
const textDocument = { uri: URI };
const formatting = { tabSize: 2, insertSpaces: true };

const REQUESTS: [string, unknown][] = [
  ['textDocument/completion', { textDocument, position: deepest }],
  ['textDocument/hover', { textDocument, position: inTag }],
  ['textDocument/documentSymbol', { textDocument }],
  ['textDocument/foldingRange', { textDocument }],
  ['textDocument/selectionRange', { textDocument, positions: [inTag] }],
  ['textDocument/definition', { textDocument, position: inTag }],
  ['textDocument/references', { textDocument, position: inTag, context: { includeDeclaration: true } }],
  ['textDocument/documentHighlight', { textDocument, position: inTag }],
  ['textDocument/linkedEditingRange', { textDocument, position: inTag }],
  ['textDocument/formatting', { textDocument, options: formatting }],
  ['textDocument/rangeFormatting', { textDocument, range: { start: deepest, end: deepest }, options: formatting }],
  ['textDocument/codeAction', { textDocument, range: { start: inTag, end: inTag }, context: { diagnostics: [] } }],
  ['textDocument/codeAction', { textDocument, range: { start: inTag, end: inTag }, context: { diagnostics: [], only: ['source.fixAll'] } }],
  ['textDocument/documentLink', { textDocument }],
];

for (const [method, params] of REQUESTS) {
  test(`${method} at the deepest of ${DEPTH} levels answers within ${BOUND_MS} ms`, async () => {
    const started = process.hrtime.bigint();
    await server.client.request(method, params);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    assert.ok(ms <= BOUND_MS, `${ms.toFixed(0)} ms`);
  });
}

test('selection ranges reach out at most 1000 levels: the answer nests one object per level', async () => {
  const [chain] = await server.client.request<{ parent?: unknown }[]>('textDocument/selectionRange', { textDocument, positions: [inTag] });
  let levels = 0;
  for (let range: { parent?: unknown } | undefined = chain; range; range = range.parent as { parent?: unknown } | undefined) levels++;
  assert.equal(levels, 1000);
});
