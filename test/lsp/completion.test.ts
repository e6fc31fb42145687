import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CompletionItem, CompletionItemKind, CompletionList, CompletionRequest, Range } from 'vscode-languageserver-protocol';
import { LineIndex } from '../../server/src/parser/lineIndex';
import { LspClient, TEST_HOST, serverForTests } from './lspClient';

const DOMAIN = `<domain type='kvm'>
  <name>web01</name>
  <memory unit='KiB'>1048576</memory>
  <os>
    <type arch='x86_64' machine='q35'>hvm</type>
  </os>
  <devices>
    <disk type='file' device='disk'>
      <source file='/var/lib/libvirt/images/web01.qcow2'/>
      <target dev='vda' bus='virtio'/>
    </disk>
    <interface type='network'>
      <source network='default'/>
    </interface>
  </devices>
</domain>
`;

const server = serverForTests();

function positionAt(text: string, offset: number) {
  return new LineIndex(text).positionAt(offset, text);
}

test('`</` on an empty line of a <devices> that has its end tag: no second </devices> (issue 10)', async () => {
  const uri = 'file:///closed-devices.xml';
  const line = '    </interface>\n';
  const at = DOMAIN.indexOf(line) + line.length;
  await server.client.open(uri, DOMAIN, 1);
  // The user types `</` on a new line below </interface>, as the editor sends it.
  const slash = positionAt(DOMAIN, at);
  await server.client.change(uri, 2, [{ range: { start: slash, end: slash }, text: '    </\n' }]);
  const cursor = { line: slash.line, character: 6 };
  assert.equal(await server.client.request('libvirtXml/autoCloseTag', { textDocument: { uri, version: 2 }, position: cursor }), null);
  const closing = (await server.client.completion(uri, cursor)).filter((item: CompletionItem) => item.kind === CompletionItemKind.Keyword);
  assert.deepEqual(closing, [], 'no closing tag offered either');
  // Once an element inside is left open, that one is offered.
  const open = positionAt(DOMAIN, at);
  await server.client.change(uri, 3, [{ range: { start: open, end: open }, text: "    <interface type='user'>\n" }]);
  const below = { line: cursor.line + 1, character: 6 };
  assert.equal(await server.client.request('libvirtXml/autoCloseTag', { textDocument: { uri, version: 3 }, position: below }), 'interface>');
  await server.client.close(uri);
});

/** The text a completion item inserts. */
function inserted(items: CompletionItem[], label: string): string {
  const item = items.find((candidate) => candidate.label === label);
  assert.ok(item?.textEdit && 'range' in item.textEdit, `${label} among ${items.map((candidate) => candidate.label).join(' ')}`);
  return item.textEdit.newText;
}

test("a completion writes the document's quotes: single as virsh writes them, double in a double-quoted document", async () => {
  for (const [name, text, quote] of [
    ['single', DOMAIN, "'"],
    ['double', DOMAIN.replace(/'/g, '"'), '"'],
  ] as const) {
    const uri = `file:///quotes-${name}.xml`;
    const typed = text.replace('  </devices>', '    <\n    <graphics \n  </devices>');
    await server.client.open(uri, typed, 1);
    const lines = new LineIndex(typed);
    const afterLessThan = lines.positionAt(typed.indexOf('    <\n') + 5, typed);
    assert.match(inserted(await server.client.completion(uri, afterLessThan), 'interface'), new RegExp(`^interface type=${quote}\\$\\{1\\|network,`));
    const inTag = lines.positionAt(typed.indexOf('<graphics ') + '<graphics '.length, typed);
    assert.match(inserted(await server.client.completion(uri, inTag), 'type'), new RegExp(`^type=${quote}\\$\\{1\\|dbus,`));
    await server.client.close(uri);
  }
});

test('the bundled server ranks <devices> children by how often libvirt domains have them', async () => {
  const uri = 'file:///ranking.xml';
  const typed = DOMAIN.replace('  </devices>', '    <\n  </devices>');
  await server.client.open(uri, typed, 1);
  const items = await server.client.completion(uri, new LineIndex(typed).positionAt(typed.indexOf('    <\n') + 5, typed));
  const sortText = (label: string) => items.find((item) => item.label === label)?.sortText ?? '';
  // The schema lists <lease> before <interface>.
  assert.ok(sortText('interface') < sortText('lease') && sortText('disk') < sortText('lease'), `${sortText('interface')} ${sortText('lease')}`);
  await server.client.close(uri);
});

test('a client that takes item defaults gets the same items, with the range and the snippet format said once', async () => {
  const uri = 'file:///item-defaults.xml';
  const at = DOMAIN.indexOf('    <interface');
  const text = `${DOMAIN.slice(0, at)}    <\n${DOMAIN.slice(at)}`;
  const cursor = positionAt(text, at + 5);
  const withDefaults = await LspClient.start({}, [], undefined, { textDocument: { completion: { completionList: { itemDefaults: ['editRange', 'insertTextFormat'] } } } });
  try {
    await withDefaults.configure({ host: TEST_HOST });
    await server.client.open(uri, text, 1);
    await withDefaults.open(uri, text, 1);
    const plain = await server.client.completion(uri, cursor);
    const list = (await withDefaults.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: cursor })) as CompletionList;
    assert.ok(list.itemDefaults?.editRange && list.items.some((item) => item.textEditText !== undefined));
    // Each item as the client reads it (LSP 3.17): the default range with its textEditText, the default format where it gives none.
    const expanded = list.items.map(({ textEditText, ...item }): CompletionItem => ({
      ...item,
      insertTextFormat: item.insertTextFormat ?? list.itemDefaults!.insertTextFormat,
      textEdit: item.textEdit ?? { range: list.itemDefaults!.editRange as Range, newText: textEditText! },
    }));
    assert.deepEqual(expanded, plain);
  } finally {
    await withDefaults.stop();
  }
});
