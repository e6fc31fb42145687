import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DocumentSymbol, SymbolInformation, SymbolKind } from 'vscode-languageserver-protocol';
import { LineIndex } from '../../server/src/parser/lineIndex';
import { WEB01 } from '../unit/helpers/documents';
import { serverForTests } from './lspClient';

const DOMAIN = WEB01;
const OTHER = `<domain type='kvm'><name>db02</name><devices><disk type='block'><source dev='/dev/vg/db'/><target dev='vda'/></disk></devices></domain>`;
const URI = 'file:///web01.xml';
const OTHER_URI = 'file:///db02.xml';
const LINES = new LineIndex(DOMAIN);

const server = serverForTests(undefined, [[URI, DOMAIN], [OTHER_URI, OTHER]]);

test('the server offers document and workspace symbols', () => {
  assert.ok(server.client.capabilities?.capabilities.documentSymbolProvider);
  assert.ok(server.client.capabilities?.capabilities.workspaceSymbolProvider);
});

test('textDocument/documentSymbol answers the hierarchy, with kinds and ranges', async () => {
  const symbols = await server.client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: URI } });
  // SymbolKind holds numbers: named back for a readable comparison.
  const kindName = new Map(Object.entries(SymbolKind).map(([name, value]) => [value, name]));
  const lines = (list: DocumentSymbol[], depth = 0): string[] => list.flatMap((s) => [`${'  '.repeat(depth)}${kindName.get(s.kind)} ${s.name}`, ...lines(s.children ?? [], depth + 1)]);
  assert.deepEqual(
    lines(symbols),
    [
      'Module domain web01',
      '  Property name web01',
      '  Number memory 1 GiB',
      '  Number vcpu 2',
      '  Namespace cputune',
      '    Key vcpupin 0 → 1',
      '  Namespace os',
      '    Property type hvm · x86_64 · pc-q35-8.2',
      '    Property boot hd',
      '  Property on_poweroff destroy',
      '  Namespace devices',
      '    Class disk vda · file web01.qcow2',
      '    Class interface network=default · 52:54:00:12:34:56',
      '    Class graphics vnc autoport',
      '  Namespace qemu:commandline',
      '    Property qemu:arg -S',
    ],
  );
  const disk = symbols[0].children!.find((s) => s.name === 'devices')!.children![0];
  const start = DOMAIN.indexOf("<disk type='file'");
  assert.deepEqual(disk.range, { start: LINES.positionAt(start, DOMAIN), end: LINES.positionAt(DOMAIN.indexOf('</disk>') + 7, DOMAIN) });
  assert.deepEqual(disk.selectionRange, { start: LINES.positionAt(start + 1, DOMAIN), end: LINES.positionAt(start + 5, DOMAIN) });
  assert.equal(disk.detail, 'virtio');
});

test('textDocument/documentSymbol follows the edits, and a half-typed element gets a symbol', async () => {
  const uri = 'file:///typing.xml';
  await server.client.open(uri, '<domain>\n  <devices>\n  </devices>\n</domain>\n', 1);
  await server.client.change(uri, 2, [{ range: { start: { line: 1, character: 11 }, end: { line: 1, character: 11 } }, text: "\n    <disk type='file'><target dev='vdb'" }]);
  const symbols = await server.client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
  assert.equal(symbols[0].children![0].children![0].name, 'disk vdb');
  await server.client.close(uri);
});

test('textDocument/documentSymbol on a document that is not open answers null', async () => {
  assert.equal(await server.client.request('textDocument/documentSymbol', { textDocument: { uri: 'file:///closed.xml' } }), null);
});

test('workspace/symbol finds a domain by its guest name, and devices across open documents', async () => {
  const guests = await server.client.request<SymbolInformation[]>('workspace/symbol', { query: 'db02' });
  assert.deepEqual([guests[0].name, guests[0].kind, guests[0].location.uri], ['db02', SymbolKind.Module, OTHER_URI]);
  const disks = await server.client.request<SymbolInformation[]>('workspace/symbol', { query: 'disk vda' });
  assert.deepEqual(
    disks.map((s) => [s.name, s.containerName, s.location.uri]),
    [
      ['disk vda · file web01.qcow2', 'web01', URI],
      ['disk vda · block db', 'db02', OTHER_URI],
    ],
  );
  const start = DOMAIN.indexOf('<disk') + 1;
  assert.deepEqual(disks[0].location.range, { start: LINES.positionAt(start, DOMAIN), end: LINES.positionAt(start + 4, DOMAIN) });
});
