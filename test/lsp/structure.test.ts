import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import {
  DocumentHighlight,
  FoldingRange,
  InitializeRequest,
  LinkedEditingRanges,
  Range,
  SelectionRange,
  StreamMessageReader,
  StreamMessageWriter,
  WorkspaceEdit,
  createProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { LineIndex } from '../../server/src/parser/lineIndex';
import { serverForTests, SERVER_PATH } from './lspClient';

const DOMAIN = `<domain type='kvm'>
  <name>web01</name>
  <numatune>
    <memory mode='strict' nodeset='0'/>
  </numatune>
  <!-- the disks
       and the network -->
  <devices>
    <interface type='network'
               trustGuestRxFilters='yes'/>
  </devices>
</domain>
`;
const URI = 'file:///structure.xml';
const LINES = new LineIndex(DOMAIN);
const document = { uri: URI };

/** The position `shift` characters into the `nth` occurrence of `needle`. */
function positionOf(needle: string, shift = 0, nth = 0): { line: number; character: number } {
  let offset = -1;
  for (let i = 0; i <= nth; i++) offset = DOMAIN.indexOf(needle, offset + 1);
  assert.ok(offset >= 0, `${needle} not found`);
  return LINES.positionAt(offset + shift, DOMAIN);
}

const textOf = (range: Range) => DOMAIN.slice(LINES.offsetAt(range.start, DOMAIN), LINES.offsetAt(range.end, DOMAIN));

const server = serverForTests(undefined, [[URI, DOMAIN]]);

test('the server offers folding, selection ranges, linked editing, highlight and rename', () => {
  const capabilities = server.client.capabilities?.capabilities;
  assert.equal(capabilities?.foldingRangeProvider, true);
  assert.equal(capabilities?.selectionRangeProvider, true);
  assert.equal(capabilities?.linkedEditingRangeProvider, true);
  assert.equal(capabilities?.documentHighlightProvider, true);
  assert.equal(capabilities?.renameProvider, true, 'this server.client does not say it supports prepareRename');
});

test('a server.client that asks prepareRename first is told the server answers it', async () => {
  const server = spawn(process.execPath, [SERVER_PATH, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
  connection.listen();
  try {
    const result = await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: { textDocument: { rename: { prepareSupport: true } } } });
    assert.deepEqual(result.capabilities.renameProvider, { prepareProvider: true });
  } finally {
    connection.dispose();
    server.kill();
  }
});

test('textDocument/foldingRange: elements to the line before their end tag, the comment, the wrapped attributes', async () => {
  const ranges = await server.client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: document });
  assert.deepEqual(
    ranges.map((range) => [range.startLine, range.endLine, range.kind]),
    [
      [0, 10, undefined],
      [2, 3, undefined],
      [5, 6, 'comment'],
      [7, 9, undefined],
      [8, 9, undefined],
    ],
  );
});

test('textDocument/selectionRange: value, quoted value, attribute, start tag, element, outwards', async () => {
  const [first] = await server.client.request<SelectionRange[]>('textDocument/selectionRange', { textDocument: document, positions: [positionOf("'strict'", 2)] });
  const texts: string[] = [];
  for (let range: SelectionRange | undefined = first; range; range = range.parent) texts.push(textOf(range.range));
  assert.deepEqual(texts.slice(0, 5), ['strict', "'strict'", "mode='strict'", "<memory mode='strict' nodeset='0'/>", "\n    <memory mode='strict' nodeset='0'/>\n  "]);
  assert.equal(texts[texts.length - 1], DOMAIN);
});

test('textDocument/linkedEditingRange: both names of <numatune>, with the pattern of XML names', async () => {
  const linked = await server.client.request<LinkedEditingRanges | null>('textDocument/linkedEditingRange', { textDocument: document, position: positionOf('<numatune', 3) });
  assert.ok(linked);
  assert.deepEqual(linked.ranges, [
    { start: positionOf('numatune'), end: positionOf('numatune', 8) },
    { start: positionOf('numatune', 0, 1), end: positionOf('numatune', 8, 1) },
  ]);
  assert.ok(linked.wordPattern && new RegExp(`^(?:${linked.wordPattern})$`).test('qemu:commandline'));
  assert.equal(await server.client.request('textDocument/linkedEditingRange', { textDocument: document, position: positionOf('<memory', 2) }), null, 'a self-closing tag has no pair');
});

test('textDocument/documentHighlight: the start and end tag names; nothing on a value', async () => {
  const highlights = await server.client.request<DocumentHighlight[] | null>('textDocument/documentHighlight', { textDocument: document, position: positionOf('</devices', 4) });
  assert.deepEqual(highlights?.map((highlight) => [textOf(highlight.range), highlight.range.start.line]), [
    ['devices', 7],
    ['devices', 10],
  ]);
  assert.equal(await server.client.request('textDocument/documentHighlight', { textDocument: document, position: positionOf('web01', 2) }), null);
});

test('textDocument/prepareRename and rename: <numatune> renames its end tag; a bad name is refused with the reason', async () => {
  const prepared = await server.client.request<{ range: Range; placeholder: string } | null>('textDocument/prepareRename', { textDocument: document, position: positionOf('</numatune', 5) });
  assert.deepEqual(prepared, { range: { start: positionOf('numatune', 0, 1), end: positionOf('numatune', 8, 1) }, placeholder: 'numatune' });
  assert.equal(await server.client.request('textDocument/prepareRename', { textDocument: document, position: positionOf('strict', 1) }), null);

  const edit = await server.client.request<WorkspaceEdit>('textDocument/rename', { textDocument: document, position: positionOf('<numatune', 1), newName: 'cputune' });
  assert.deepEqual(
    edit.changes?.[URI]?.map((change) => [textOf(change.range), change.newText, change.range.start.line]),
    [
      ['numatune', 'cputune', 2],
      ['numatune', 'cputune', 4],
    ],
  );
  await assert.rejects(server.client.request('textDocument/rename', { textDocument: document, position: positionOf('<numatune', 1), newName: 'cpu tune' }), /not an XML name/);
  assert.equal(await server.client.request('textDocument/rename', { textDocument: document, position: positionOf('web01', 1), newName: 'x' }), null);
});

test('textDocument/foldingRange answers at most 5000 ranges (VS Code shows no more), the outermost first', async () => {
  const uri = 'file:///many-devices.xml';
  const disks = "    <disk type='file'>\n      <target dev='vda'/>\n    </disk>\n".repeat(6000);
  await server.client.open(uri, `<domain type='kvm'>\n  <devices>\n${disks}  </devices>\n</domain>\n`);
  const ranges = await server.client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri } });
  assert.equal(ranges.length, 5000);
  assert.deepEqual([ranges[0].startLine, ranges[1].startLine, ranges[2].startLine], [0, 1, 2]);
  await server.client.close(uri);
});
