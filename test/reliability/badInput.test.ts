/**
 * Bad input never hurts: each case opens a hostile document in the real server, checks the
 * answer, and then checks the server still answers on an ordinary document.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LspClient, serverForTests } from '../lsp/lspClient';

const HEALTHY = 'file:///healthy.xml';
const HEALTHY_TEXT = "<domain type='kvm'>\n  <vcpu>2</vcpu>\n</domain>\n";

const server = serverForTests(() => LspClient.start(), [[HEALTHY, HEALTHY_TEXT]]);

async function assertStillAnswers(): Promise<void> {
  const hover = await server.client.hover(HEALTHY, { line: 1, character: 4 });
  assert.ok(hover, 'the server still answers hover on an ordinary document');
  assert.equal(server.client.process.exitCode, null, 'the server is alive');
}

test('binary data: diagnostics are capped, requests answer', async () => {
  let seed = 42;
  const bytes = Buffer.alloc(200_000);
  for (let i = 0; i < bytes.length; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    bytes[i] = seed >>> 23;
  }
  const uri = 'file:///binary.xml';
  const published = await server.client.open(uri, bytes.toString('latin1'));
  assert.equal(published.diagnostics.length, 1000, 'capped at libvirtXml.diagnostics.maxProblems');
  assert.ok(published.diagnostics.some((d) => d.code === 'invalid-character'));
  assert.ok(published.diagnostics.some((d) => d.code === 'bare-less-than' || d.code === 'unexpected-character-in-tag'));
  await server.client.completion(uri, { line: 10, character: 3 });
  await server.client.hover(uri, { line: 20, character: 1 });
  await server.client.close(uri);
  await assertStillAnswers();
});

test('a 50 MB file is tracked but not analysed, and memory stays under 600 MB', async () => {
  const device = "    <disk type='file' device='disk'><source file='/var/lib/libvirt/images/x.qcow2'/><target dev='vda'/></disk>\n";
  const text = `<domain type='kvm'>\n  <name>huge</name>\n  <devices>\n${device.repeat(Math.ceil((50 * 1024 * 1024) / device.length))}  </devices>\n</domain>\n`;
  const uri = 'file:///huge.xml';
  const published = await server.client.open(uri, text);
  assert.equal(published.diagnostics.length, 1);
  assert.equal(published.diagnostics[0].code, 'file-too-large');
  assert.equal(await server.client.hover(uri, { line: 0, character: 2 }), null);
  // Editing it still works: cut it below the limit and it gets analysed.
  const lines = text.split('\n').length - 1;
  const shrunk = await server.client.change(uri, 2, [{ range: { start: { line: 4, character: 0 }, end: { line: lines - 2, character: 0 } }, text: '' }]);
  assert.deepEqual(shrunk.diagnostics, []);
  await server.client.close(uri);
  assert.ok(server.client.memoryMB('peak') < 600, `peak RSS ${server.client.memoryMB('peak').toFixed(0)} MB`);
  await assertStillAnswers();
});

test('100,000 nested elements: closed, unclosed, and edited in the middle', async () => {
  const depth = 100_000;
  const closed = `<domain>${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}</domain>`;
  const uri = 'file:///nested.xml';
  const published = await server.client.open(uri, closed);
  // Well-formed; the schema objects to the first <a> and, having no place for it, looks no deeper.
  assert.deepEqual(
    published.diagnostics.map((d) => [d.code, d.range.start.character]),
    [
      ['missing-attribute', 1],
      ['unexpected-element', 9],
    ],
  );
  const deepest = 8 + 3 * depth - 1;
  const hover = await server.client.hover(uri, { line: 0, character: deepest });
  assert.equal(hover, null, 'no docs for <a>, but an answer');
  const items = await server.client.completion(uri, { line: 0, character: 8 + 3 * depth });
  assert.ok(!items.some((i) => i.label === '/a'), 'an answer, and no second </a>: the innermost <a> is closed');
  // Delete one end tag in the middle: one element is left unclosed.
  const at = 8 + 3 * depth + 4 * (depth / 2);
  const edited = await server.client.change(uri, 2, [{ range: { start: { line: 0, character: at }, end: { line: 0, character: at + 4 } }, text: '' }]);
  assert.ok(edited.diagnostics.length >= 1);
  const unclosed = `<domain>${'<a>'.repeat(depth)}`;
  const open = await server.client.change(uri, 3, [{ text: unclosed }]);
  assert.equal(open.diagnostics.length, 1000, 'every <a> is unclosed; capped');
  assert.ok((await server.client.completion(uri, { line: 0, character: unclosed.length })).some((i) => i.label === '/a'));
  await server.client.close(uri);
  await assertStillAnswers();
});

test('a DOCTYPE with entity definitions: never expanded or fetched; undeclared ones flagged', async () => {
  const laughs = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join('\n');
  const text = `<?xml version="1.0"?>
<!DOCTYPE domain [
<!ENTITY lol0 "lol">
${laughs}
<!ENTITY xxe SYSTEM "file:///etc/shadow">
<!ENTITY remote SYSTEM "http://127.0.0.1:9/never">
]>
<domain type='kvm'>
  <name>&lol9;</name>
  <description>&xxe; &remote; &undeclared;</description>
</domain>
`;
  const uri = 'file:///doctype.xml';
  const published = await server.client.open(uri, text);
  assert.deepEqual(
    published.diagnostics.map((d) => [d.code, d.range.start.line]),
    [['undefined-entity', 17]],
  );
  await server.client.close(uri);
  await assertStillAnswers();
});

test('lone surrogates are reported and positions after them stay exact', async () => {
  const text = "<domain type='kvm'>\n  <title>\ud800 x \udc00</title>\n  <disk>\n</domain>\n";
  const uri = 'file:///surrogates.xml';
  const published = await server.client.open(uri, text);
  const codes = published.diagnostics.map((d) => d.code);
  assert.ok(codes.includes('invalid-character'));
  const unclosed = published.diagnostics.find((d) => d.code === 'unclosed-element');
  assert.deepEqual(unclosed?.range, { start: { line: 2, character: 3 }, end: { line: 2, character: 7 } });
  await server.client.close(uri);
  await assertStillAnswers();
});

test('CRLF and a byte order mark: positions are counted as the editor counts them', async () => {
  const text = "\ufeff<?xml version='1.0'?>\r\n<domain type='kvm'>\r\n  <name>x</name>\r\n  <devices>\r\n</domain>\r\n";
  const uri = 'file:///crlf.xml';
  const published = await server.client.open(uri, text);
  assert.deepEqual(
    published.diagnostics.map((d) => [d.code, d.range]),
    [['unclosed-element', { start: { line: 3, character: 3 }, end: { line: 3, character: 10 } }]],
  );
  // Insert a line with CRLF above; the diagnostic moves down one line.
  const moved = await server.client.change(uri, 2, [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: '  <vcpu>2</vcpu>\r\n' }]);
  assert.deepEqual(moved.diagnostics.map((d) => d.range.start), [{ line: 4, character: 3 }]);
  // Remove the first line break; everything moves up one line.
  const joined = await server.client.change(uri, 3, [{ range: { start: { line: 0, character: 22 }, end: { line: 1, character: 0 } }, text: '' }]);
  assert.deepEqual(joined.diagnostics.map((d) => d.range.start), [{ line: 3, character: 3 }]);
  await server.client.close(uri);
  await assertStillAnswers();
});
