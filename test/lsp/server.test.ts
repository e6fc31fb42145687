import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CompletionItem, CompletionRequest, CompletionTriggerKind, InsertTextFormat, TextDocumentSyncKind } from 'vscode-languageserver-protocol';
import { serverForTests } from './lspClient';
import { positionOf } from './textEdits';

const DOMAIN = `<domain type='kvm'>
  <name>web01</name>
  <memory unit='KiB'>1048576</memory>
  <vcpu placement='static' cpuset='1-2,4,6'>2</vcpu>
  <devices>
    <disk type='file' device='disk'>
      <source file='/var/lib/libvirt/images/web01.qcow2'/>
      <target dev='vda' bus='virtio'/>
    </disk>
    
  </devices>
</domain>
`;


/** The text a completion item inserts. */
function newText(item: CompletionItem): string | undefined {
  return item.textEdit && 'range' in item.textEdit ? item.textEdit.newText : undefined;
}

/** Completion as the editor asks right after `character` is typed. */
async function completionAfter(uri: string, position: { line: number; character: number }, character: string): Promise<CompletionItem[]> {
  const result = await server.client.connection.sendRequest(CompletionRequest.type, {
    textDocument: { uri },
    position,
    context: { triggerKind: CompletionTriggerKind.TriggerCharacter, triggerCharacter: character },
  });
  return !result ? [] : Array.isArray(result) ? result : result.items;
}

const server = serverForTests();

test('initialize announces incremental sync, completion, hover and code actions', () => {
  const capabilities = server.client.capabilities!.capabilities;
  assert.deepEqual(capabilities.textDocumentSync, { openClose: true, change: TextDocumentSyncKind.Incremental });
  assert.deepEqual(capabilities.completionProvider?.triggerCharacters, ['<', '/', ' ', '"', "'", ',', '^', '-']);
  assert.equal(capabilities.completionProvider?.resolveProvider, true);
  assert.equal(capabilities.hoverProvider, true);
  assert.deepEqual(capabilities.codeActionProvider, { codeActionKinds: ['quickfix', 'source.fixAll.libvirt-xml'] });
});

test('a valid document gets an empty diagnostics list with its version', async () => {
  const published = await server.client.open('file:///valid.xml', DOMAIN, 7);
  assert.equal(published.version, 7);
  assert.deepEqual(published.diagnostics, []);
});

test('an unclosed tag is reported on its name, and incremental edits update the diagnostics', async () => {
  const uri = 'file:///edit.xml';
  await server.client.open(uri, DOMAIN, 1);
  // Delete "</disk>" and see the error on the start tag name.
  const start = positionOf(DOMAIN, '</disk>');
  const broken = await server.client.change(uri, 2, [{ range: { start, end: { line: start.line, character: start.character + 7 } }, text: '' }]);
  assert.equal(broken.version, 2);
  assert.equal(broken.diagnostics.length, 1);
  const [diagnostic] = broken.diagnostics;
  assert.equal(diagnostic.code, 'unclosed-element');
  assert.equal(diagnostic.source, 'libvirt-xml');
  assert.match(String(diagnostic.message), /`<disk>` is never closed/);
  assert.deepEqual(diagnostic.range, { start: positionOf(DOMAIN, 'disk type', 0), end: positionOf(DOMAIN, 'disk type', 4) });
  // Type it back, one character at a time, in one batch of changes.
  const changes = [...'</disk>'].map((character, i) => ({
    range: { start: { line: start.line, character: start.character + i }, end: { line: start.line, character: start.character + i } },
    text: character,
  }));
  const fixed = await server.client.change(uri, 3, changes);
  assert.deepEqual(fixed.diagnostics, []);
});

test('typing `<vcpu placement="sta` mid-file reports it and keeps later elements', async () => {
  const uri = 'file:///typing.xml';
  await server.client.open(uri, DOMAIN, 1);
  const at = positionOf(DOMAIN, '  <memory');
  const published = await server.client.change(uri, 2, [{ range: { start: at, end: at }, text: '  <vcpu placement="sta\n' }]);
  // The half-typed value is the parser's to report; the schema sees two <vcpu> now and flags the second.
  assert.deepEqual(
    published.diagnostics.map((d) => [d.code, d.range.start.line]),
    [
      ['unterminated-start-tag', at.line],
      ['unclosed-attribute-value', at.line],
      ['unexpected-element', at.line + 2],
    ],
  );
  // <memory> below is still an element at its (shifted) place: hovering it answers.
  const hover = await server.client.hover(uri, { line: at.line + 1, character: at.character + 3 });
  assert.ok(hover, 'hover on <memory> after the half-typed tag');
});

test('completion offers the children of <devices>, and no closing tag where its end tag is', async () => {
  const uri = 'file:///complete.xml';
  await server.client.open(uri, DOMAIN, 1);
  const blank = positionOf(DOMAIN, '    \n  </devices>', 4);
  const items = await server.client.completion(uri, blank);
  const labels = items.map((i) => i.label);
  for (const expected of ['disk', 'interface', 'graphics']) assert.ok(labels.includes(expected), `${expected} in ${labels.join(' ')}`);
  assert.ok(!labels.includes('/devices'), 'a second </devices> would close it early');
  const disk = items.find((i) => i.label === 'disk')!;
  // A tab stop for the optional type, the required <target> and its required dev, in the document's quotes.
  assert.equal(newText(disk), "<disk$1>\n\t<target dev='$2'/>\n\t$0\n</disk>");
  assert.equal(disk.insertTextFormat, InsertTextFormat.Snippet);
  assert.equal(disk.detail, 'element · optional · repeatable');
  // The list stays small: docs come when the editor resolves the item it shows.
  assert.equal(disk.documentation, undefined);
  const resolved = await server.client.resolveCompletion(disk);
  assert.match(String((resolved.documentation as { value: string }).value), /disk/i, 'documentation from the docs data');
  assert.equal(resolved.label, 'disk');
});

test('after `<` in <domain>, completion omits children already present once', async () => {
  const uri = 'file:///domain-children.xml';
  const text = DOMAIN.replace('  <devices>', '  <\n  <devices>');
  await server.client.open(uri, text, 1);
  const items = await server.client.completion(uri, positionOf(text, '  <\n', 3));
  const labels = items.map((i) => i.label);
  assert.ok(labels.includes('os') && labels.includes('cputune'));
  assert.ok(!labels.includes('name') && !labels.includes('memory') && !labels.includes('devices'), labels.join(' '));
  const os = items.find((i) => i.label === 'os')!;
  assert.match(newText(os) ?? '', /^os\$1>\n\t<type\$2>\$\{3\|[^}]*hvm[^}]*\|\}<\/type>\n\t\$0\n<\/os>$/, 'the `<` is typed already');
});

test('in a start tag completion offers the attributes not there yet; in a value, the values the schema lists', async () => {
  const uri = 'file:///attributes.xml';
  const text = DOMAIN.replace("<vcpu placement='static' cpuset='1-2,4,6'>", "<vcpu placement='static' >");
  await server.client.open(uri, text, 1);
  const space = positionOf(text, "placement='static' >", "placement='static' ".length);
  const attributes = await completionAfter(uri, space, ' ');
  assert.deepEqual(attributes.map((i) => i.label).sort(), ['cpuset', 'current']);
  const cpuset = attributes.find((i) => i.label === 'cpuset')!;
  assert.equal(newText(cpuset), "cpuset='$1'", "the document's quotes");
  assert.match(cpuset.detail ?? '', /^attribute · optional · a CPU list/);
  assert.ok((await server.client.resolveCompletion(cpuset)).documentation, "the attribute's text from the docs data, on resolve");
  const values = await completionAfter(uri, positionOf(text, "placement='static'", "placement='st".length), "'");
  assert.deepEqual(values.map((i) => i.label), ['static', 'auto']);
  const edit = values[0].textEdit;
  assert.ok(edit && 'range' in edit);
  assert.deepEqual(edit.range, { start: positionOf(text, "'static'", 1), end: positionOf(text, "'static'", 7) });
  assert.deepEqual(await completionAfter(uri, positionOf(text, 'web01', 2), ' '), [], 'a space typed in text asks nothing');
});

test('typing `</` completes the element that is open, not the closed one around it', async () => {
  const uri = 'file:///close.xml';
  const text = DOMAIN.replace('    </disk>', '    </');
  await server.client.open(uri, text, 1);
  const items = await server.client.completion(uri, positionOf(text, '    </\n', 6));
  assert.deepEqual(items.map((i) => i.label), ['/disk']);
  assert.equal(items[0].textEdit && 'range' in items[0].textEdit ? items[0].textEdit.newText : undefined, '</disk>');
  assert.equal((await server.client.resolveCompletion(items[0])).documentation, undefined, 'nothing to document on a closing tag');
});

test('hover on an element name shows its documentation, in English by default and in Chinese on request', async () => {
  const uri = 'file:///hover.xml';
  await server.client.open(uri, DOMAIN, 1);
  const onVcpu = positionOf(DOMAIN, 'vcpu placement', 1);
  const english = await server.client.hover(uri, onVcpu);
  assert.ok(english && typeof english.contents === 'object' && 'value' in english.contents);
  assert.match(english.contents.value, /<vcpu>/);
  assert.match(english.contents.value, /cpuset/);
  assert.deepEqual(english.range, { start: positionOf(DOMAIN, 'vcpu placement'), end: positionOf(DOMAIN, 'vcpu placement', 4) });
  await server.client.configure({ docs: { language: 'zh' } });
  const chinese = await server.client.hover(uri, onVcpu);
  assert.ok(chinese && typeof chinese.contents === 'object' && 'value' in chinese.contents);
  assert.match(chinese.contents.value, /虚拟 CPU/);
  await server.client.configure({ docs: { language: 'auto' } });
  assert.equal(await server.client.hover(uri, positionOf(DOMAIN, 'web01', 1)), null, 'no hover on text');
});

test('closing a document clears its diagnostics', async () => {
  const uri = 'file:///closing.xml';
  await server.client.open(uri, '<domain>', 1);
  const cleared = server.client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 0);
  await server.client.close(uri);
  assert.equal((await cleared).diagnostics.length, 0);
});

test('libvirtXml/autoCloseTag answers after `>` and `</`', async () => {
  const uri = 'file:///autoclose.xml';
  const text = DOMAIN.replace('    \n', "    <interface type='network'>\n    </\n");
  await server.client.open(uri, text, 1);
  const afterStartTag = positionOf(text, "<interface type='network'>", "<interface type='network'>".length);
  assert.equal(await server.client.connection.sendRequest('libvirtXml/autoCloseTag', { textDocument: { uri, version: 1 }, position: afterStartTag }), '$0</interface>');
  const afterSlash = positionOf(text, '    </\n', 6);
  assert.equal(await server.client.connection.sendRequest('libvirtXml/autoCloseTag', { textDocument: { uri, version: 1 }, position: afterSlash }), 'interface>');
  assert.equal(await server.client.connection.sendRequest('libvirtXml/autoCloseTag', { textDocument: { uri, version: 1 }, position: { line: 0, character: 3 } }), null);
  // A request for a version the server has not seen yet waits for that change.
  const line = afterStartTag.line + 2;
  const answer = server.client.connection.sendRequest('libvirtXml/autoCloseTag', { textDocument: { uri, version: 2 }, position: { line, character: 9 } });
  await server.client.change(uri, 2, [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: '    <rng>\n' }]);
  assert.equal(await answer, '$0</rng>');
});
