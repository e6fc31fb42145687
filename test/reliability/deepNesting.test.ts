/**
 * 100,000 nested elements (issue 11: no stack overflow): every request answers at the deepest
 * point without its handler failing. A handler that throws still answers (server.ts guards it
 * and logs `<request> failed`), so the log is what tells. Times are the bench's to measure.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { serverForTests } from '../lsp/lspClient';

const DEPTH = 100_000;
const URI = 'file:///deep.xml';
const TEXT = `<domain type='kvm'>${"<a b='1'>".repeat(DEPTH)}${'</a>'.repeat(DEPTH)}</domain>`;

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
  test(`${method} at the deepest of ${DEPTH} levels answers without its handler failing`, async () => {
    const logged = server.client.logs.length;
    await server.client.request(method, params);
    // The server's log notifications arrive before the answer they were written during.
    const failures = server.client.logs.slice(logged).filter((line) => / failed: /.test(line));
    assert.deepEqual(failures, []);
  });
}

test('selection ranges reach out at most 1000 levels: the answer nests one object per level', async () => {
  const [chain] = await server.client.request<{ parent?: unknown }[]>('textDocument/selectionRange', { textDocument, positions: [inTag] });
  let levels = 0;
  for (let range: { parent?: unknown } | undefined = chain; range; range = range.parent as { parent?: unknown } | undefined) levels++;
  assert.equal(levels, 1000);
});
