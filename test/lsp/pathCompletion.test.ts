import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { CompletionItem, CompletionItemKind, CompletionList, DocumentLink } from 'vscode-languageserver-protocol/node';
import { LineIndex } from '../../server/src/parser/lineIndex';
import { WORKSPACE_TRUST_NOTIFICATION, WorkspaceTrust } from '../../server/src/protocol';
import { LspClient, TEST_HOST } from './lspClient';

let folder: string;
let trusted: LspClient;
let untrusted: LspClient;

before(async () => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'lsp-paths-'));
  fs.writeFileSync(path.join(folder, 'web01.qcow2'), '');
  fs.writeFileSync(path.join(folder, 'web02.qcow2'), '');
  fs.mkdirSync(path.join(folder, 'iso'));
  [trusted, untrusted] = await Promise.all([LspClient.start({ workspaceTrusted: true }), LspClient.start({ workspaceTrusted: false })]);
  await Promise.all([trusted.configure({ host: TEST_HOST }), untrusted.configure({ host: TEST_HOST })]);
});

after(async () => {
  await Promise.all([trusted.stop(), untrusted.stop()]);
  fs.rmSync(folder, { recursive: true, force: true });
});

const domainWith = (source: string) => `<domain type='kvm'>
  <name>web01</name>
  <memory>1048576</memory>
  <os><type>hvm</type></os>
  <devices>
    <disk type='file' device='disk'>
      ${source}
      <target dev='vda' bus='virtio'/>
    </disk>
  </devices>
</domain>
`;

let versions = 0;

/** Opens `marked` (the cursor at `|`) as `uri` and asks for completion there: the list and the text. */
async function completeIn(client: LspClient, uri: string, marked: string): Promise<{ list: CompletionList; text: string }> {
  const offset = marked.indexOf('|');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  await client.open(uri, text, ++versions);
  const position = new LineIndex(text).positionAt(offset, text);
  const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position });
  await client.close(uri);
  return { list, text };
}

const documentUri = () => pathToFileURL(path.join(folder, 'web01.xml')).href;
const pathItems = (list: CompletionList) => list.items.filter((item) => item.kind === CompletionItemKind.File || item.kind === CompletionItemKind.Folder);

/** What an item's edit replaces, and with what. */
function editOf(item: CompletionItem, text: string): { replaced: string; newText: string } {
  assert.ok(item.textEdit && 'range' in item.textEdit, `${item.label} has a text edit`);
  const lines = new LineIndex(text);
  return { replaced: text.slice(lines.offsetAt(item.textEdit.range.start, text), lines.offsetAt(item.textEdit.range.end, text)), newText: item.textEdit.newText };
}

test("in <source file='/tmp/…/'> the folder's entries complete over LSP, folders first, a folder asking again", async () => {
  const { list, text } = await completeIn(trusted, documentUri(), domainWith(`<source file='${folder}/|'/>`));
  const items = pathItems(list);
  assert.deepEqual(
    items.map((item) => [item.label, item.kind]),
    [
      ['iso/', CompletionItemKind.Folder],
      ['web01.qcow2', CompletionItemKind.File],
      ['web02.qcow2', CompletionItemKind.File],
    ],
  );
  assert.deepEqual(editOf(items[1], text), { replaced: `${folder}/`, newText: `${folder}/web01.qcow2` });
  assert.equal(items[0].command?.command, 'editor.action.triggerSuggest');
  assert.equal(list.isIncomplete, false);
});

test("a relative name completes from the document's folder, written as the absolute path libvirt needs", async () => {
  const { list, text } = await completeIn(trusted, documentUri(), domainWith("<source file='web|'/>"));
  assert.deepEqual(
    pathItems(list).map((item) => editOf(item, text)),
    [
      { replaced: 'web', newText: `${folder}/web01.qcow2` },
      { replaced: 'web', newText: `${folder}/web02.qcow2` },
    ],
  );
});

test('an untitled document gets no path completion', async () => {
  const { list } = await completeIn(trusted, 'untitled:Untitled-1', domainWith(`<source file='${folder}/|'/>`));
  assert.deepEqual(pathItems(list), []);
});

test('an untrusted workspace gets no path completion until the client says the workspace is trusted', async () => {
  const marked = domainWith(`<source file='${folder}/|'/>`);
  assert.deepEqual(pathItems((await completeIn(untrusted, documentUri(), marked)).list), []);
  const trust: WorkspaceTrust = { trusted: true };
  await untrusted.connection.sendNotification(WORKSPACE_TRUST_NOTIFICATION, trust);
  assert.equal(pathItems((await completeIn(untrusted, documentUri(), marked)).list).length, 3);
});

test('schema completion still answers beside path completion', async () => {
  const { list } = await completeIn(trusted, documentUri(), domainWith(`<source file='${folder}/w' |/>`));
  assert.ok(list.items.some((item) => item.label === 'startupPolicy'), list.items.map((item) => item.label).join(', '));
});

test('documentLink: the absolute paths libvirt reads and the web addresses, not the namespace declarations', async () => {
  const uri = documentUri();
  const text = `<!-- https://libvirt.org/formatdomain.html -->
<domain type='kvm' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>
  <name>web01</name>
  <memory>1048576</memory>
  <os><type>hvm</type><kernel>/boot/vmlinuz</kernel></os>
  <devices>
    <disk type='file' device='disk'>
      <source file='${folder}/web01.qcow2'/>
      <target dev='vda' bus='virtio'/>
    </disk>
  </devices>
</domain>
`;
  await trusted.open(uri, text, ++versions);
  const links = await trusted.request<DocumentLink[] | null>('textDocument/documentLink', { textDocument: { uri } });
  await trusted.close(uri);
  assert.ok(links);
  const lines = new LineIndex(text);
  assert.deepEqual(
    links.map((link) => [text.slice(lines.offsetAt(link.range.start, text), lines.offsetAt(link.range.end, text)), link.target]),
    [
      ['https://libvirt.org/formatdomain.html', 'https://libvirt.org/formatdomain.html'],
      ['/boot/vmlinuz', 'file:///boot/vmlinuz'],
      [`${folder}/web01.qcow2`, pathToFileURL(`${folder}/web01.qcow2`).href],
    ],
  );
});
