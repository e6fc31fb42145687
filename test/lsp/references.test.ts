import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LineIndex } from '../../server/src/parser/lineIndex';
import { serverForTests } from './lspClient';

const DOMAIN = `<domain type='kvm'>
  <name>refs</name>
  <memory unit='KiB'>1048576</memory>
  <iothreads>2</iothreads>
  <iothreadids>
    <iothread id='1'/>
    <iothread id='2'/>
  </iothreadids>
  <cputune>
    <iothreadpin iothread='2' cpuset='1'/>
  </cputune>
  <os><type arch='x86_64' machine='q35'>hvm</type></os>
  <devices>
    <controller type='pci' index='0' model='pcie-root'/>
    <controller type='pci' index='1' model='pcie-root-port'/>
    <interface type='network'>
      <source network='default'/>
      <address type='pci' domain='0x0000' bus='0x01' slot='0x00' function='0x0'/>
    </interface>
  </devices>
</domain>
`;
const URI = 'file:///references.xml';
const LINES = new LineIndex(DOMAIN);

interface Location {
  uri: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

const positionOf = (needle: string, shift: number) => LINES.positionAt(DOMAIN.indexOf(needle) + shift, DOMAIN);
const textOf = (range: Location['range']) => DOMAIN.slice(LINES.offsetAt(range.start, DOMAIN), LINES.offsetAt(range.end, DOMAIN));
const lineOf = (range: Location['range']) => DOMAIN.split('\n')[range.start.line].trim();

const server = serverForTests(undefined, [[URI, DOMAIN]]);

test('textDocument/definition on iothreadpin iothread goes to <iothread id>', async () => {
  const locations = await server.client.request<Location[]>('textDocument/definition', { textDocument: { uri: URI }, position: positionOf("iothread='2'", 10) });
  assert.equal(locations.length, 1);
  assert.equal(locations[0].uri, URI);
  assert.equal(lineOf(locations[0].range), "<iothread id='2'/>");
  assert.equal(textOf(locations[0].range), '2');
});

test('textDocument/references on a controller index lists the addresses on it', async () => {
  const params = { textDocument: { uri: URI }, position: positionOf("index='1'", 7), context: { includeDeclaration: false } };
  const locations = await server.client.request<Location[]>('textDocument/references', params);
  assert.deepEqual(locations.map((l) => textOf(l.range)), ['0x01']);
  const withDeclaration = await server.client.request<Location[]>('textDocument/references', { ...params, context: { includeDeclaration: true } });
  assert.equal(withDeclaration.length, 2);
});

test('textDocument/documentHighlight marks the definition as written and the uses as read', async () => {
  const highlights = await server.client.request<{ kind: number }[]>('textDocument/documentHighlight', { textDocument: { uri: URI }, position: positionOf("<iothread id='2'", 14) });
  assert.deepEqual(highlights.map((h) => h.kind), [3, 2]);
});

test('textDocument/rename of a controller index rewrites the bus in hex; a bad value is refused', async () => {
  const position = positionOf("index='1'", 7);
  const prepared = await server.client.request<{ placeholder: string }>('textDocument/prepareRename', { textDocument: { uri: URI }, position });
  assert.equal(prepared.placeholder, '1');
  const edit = await server.client.request<{ changes: Record<string, { range: Location['range']; newText: string }[]> }>('textDocument/rename', { textDocument: { uri: URI }, position, newName: '4' });
  assert.deepEqual(edit.changes[URI].map((e) => `${textOf(e.range)}→${e.newText}`), ['1→4', '0x01→0x04']);
  await assert.rejects(server.client.request('textDocument/rename', { textDocument: { uri: URI }, position, newName: 'four' }), /not an unsigned integer/);
  const nothing = await server.client.request('textDocument/prepareRename', { textDocument: { uri: URI }, position: positionOf('<name>', 7) });
  assert.equal(nothing, null);
});
