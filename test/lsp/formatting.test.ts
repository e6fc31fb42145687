/** Format Document and Format Selection through the server, as VS Code asks for them. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ShowMessageParams, TextEdit } from 'vscode-languageserver-protocol';
import { LspClient, serverForTests } from './lspClient';
import { applyTextEdits } from './textEdits';

const MESSY = `<domain type="kvm">
<name>web01</name>
      <vcpu placement='static'>2</vcpu>
<os><type arch='x86_64'>hvm</type></os>

    <devices>
<disk type='file' device='disk'>
<source file='/images/web01.qcow2'/>
</disk>
</devices>
</domain>
`;

const LAID_OUT = `<domain type="kvm">
  <name>web01</name>
  <vcpu placement='static'>2</vcpu>
  <os>
    <type arch='x86_64'>hvm</type>
  </os>

  <devices>
    <disk type='file' device='disk'>
      <source file='/images/web01.qcow2'/>
    </disk>
  </devices>
</domain>
`;

const OPTIONS = { tabSize: 2, insertSpaces: true };

const server = serverForTests(() => LspClient.start({}, ['window/showMessage']));

const formatting = (uri: string, options = OPTIONS) => server.client.request<TextEdit[] | null>('textDocument/formatting', { textDocument: { uri }, options });
const rangeFormatting = (uri: string, startLine: number, endLine: number) =>
  server.client.request<TextEdit[] | null>('textDocument/rangeFormatting', { textDocument: { uri }, range: { start: { line: startLine, character: 0 }, end: { line: endLine, character: 0 } }, options: OPTIONS });

test('the server formats documents and selections, and not as the user types', () => {
  const capabilities = server.client.capabilities?.capabilities;
  assert.equal(capabilities?.documentFormattingProvider, true);
  assert.equal(capabilities?.documentRangeFormattingProvider, true);
  assert.equal(capabilities?.documentOnTypeFormattingProvider, undefined);
});

test("textDocument/formatting lays the document out as libvirt does, with the editor's indentation", async () => {
  const uri = 'file:///format/messy.xml';
  await server.client.open(uri, MESSY);
  const edits = (await formatting(uri)) ?? [];
  assert.equal(applyTextEdits(MESSY, edits), LAID_OUT);
  assert.ok(edits.length > 5 && edits.every((edit) => edit.newText.length <= 7), 'small edits, not one replacement');
  assert.equal(applyTextEdits(MESSY, (await formatting(uri, { tabSize: 8, insertSpaces: false })) ?? []), LAID_OUT.replace(/^( {2})+/gm, (indent) => '\t'.repeat(indent.length / 2)));
  await server.client.open('file:///format/done.xml', LAID_OUT);
  assert.deepEqual(await formatting('file:///format/done.xml'), []);
});

test('textDocument/rangeFormatting edits the selected lines only', async () => {
  const uri = 'file:///format/range.xml';
  await server.client.open(uri, MESSY);
  const edits = (await rangeFormatting(uri, 6, 9)) ?? [];
  assert.ok(edits.every((edit) => edit.range.start.line >= 6 && edit.range.end.line <= 8), JSON.stringify(edits));
  const lines = applyTextEdits(MESSY, edits).split('\n');
  assert.deepEqual(lines.slice(6, 9), ["    <disk type='file' device='disk'>", "      <source file='/images/web01.qcow2'/>", '    </disk>']);
  assert.deepEqual([...lines.slice(0, 6), ...lines.slice(9)], [...MESSY.split('\n').slice(0, 6), ...MESSY.split('\n').slice(9)]);
});

test('libvirtXml.format.quotes changes the quotes', async () => {
  const uri = 'file:///format/quotes.xml';
  await server.client.open(uri, LAID_OUT);
  await server.client.configure({ format: { quotes: 'single' } });
  try {
    assert.equal(applyTextEdits(LAID_OUT, (await formatting(uri)) ?? []), LAID_OUT.replace('"kvm"', "'kvm'"));
    await server.client.configure({ format: { quotes: 'double' } });
    assert.equal(applyTextEdits(LAID_OUT, (await formatting(uri)) ?? []), LAID_OUT.replace(/'/g, '"'));
  } finally {
    await server.client.configure({});
  }
});

test('a document that is not well-formed is left as it is, and the user is told why, once per version', async () => {
  const uri = 'file:///format/broken.xml';
  const broken = MESSY.replace('</disk>', '');
  await server.client.open(uri, broken);
  assert.deepEqual(await formatting(uri), []);
  const shown = await server.client.waitForNotification<ShowMessageParams>('window/showMessage', (params) => params.message.startsWith('Not formatted'));
  assert.equal(shown.type, 2, 'a warning');
  assert.match(shown.message, /^Not formatted \(line 7\): The document is not well-formed XML: `<disk>` is never closed/);
  assert.deepEqual(await rangeFormatting(uri, 0, 3), []);
  // The answer comes after the notification, so none came for the second request.
  assert.equal(server.client.notifications.filter((n) => (n.params as ShowMessageParams).message.startsWith('Not formatted')).length, 1);
});
