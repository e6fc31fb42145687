/**
 * The editor's features for a Chinese user (issue 13): with `libvirtXml.language: 'zh'`, a
 * schema typo's quick fix, a generated value's fix, the outline's own words, a workspace symbol
 * and a refused rename speak Chinese, while names and values from the document stay as written;
 * so does why the user's own schema is not used, in the status item and from domxml.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { DocumentSymbol, SymbolInformation } from 'vscode-languageserver-protocol';
import { SCHEMA_IN_USE_NOTIFICATION, SchemaInUse } from '../../server/src/protocol';
import { runDomxml, withoutLocale } from './domxmlProcess';
import { LspClient, TEST_HOST, serverForTests } from './lspClient';
import { positionOf as positionIn } from './textEdits';

const DOMAIN = `<domain type='kvm'>
  <name>zh-features</name>
  <uuid>not-a-uuid</uuid>
  <memory unit='KiB'>4194304</memory>
  <vcpu placement='static'>4</vcpu>
  <numatune>
    <memory mode='strict' nodeset='0-1'/>
  </numatune>
  <cpu mode='host-passthrough'>
    <topology sockets='1' cores='2' threads='2'/>
    <numa>
      <cell id='0' cpus='0-3' memory='4194304' unit='KiB'/>
    </numa>
  </cpu>
  <os>
    <type arch='x86_64' machine='q35'>hvm</type>
  </os>
  <devices>
    <interfce type='network'>
      <source network='default'/>
    </interfce>
    <memory model='dimm'>
      <target>
        <size unit='MiB'>512</size>
        <node>0</node>
      </target>
    </memory>
  </devices>
</domain>
`;
const URI = 'file:///language/features.xml';

const positionOf = (needle: string, shift = 0) => positionIn(DOMAIN, needle, shift);

const server = serverForTests(() => LspClient.startWith({ language: 'zh', host: TEST_HOST }));

test("a schema typo's quick fix and a generated value's fix have Chinese titles", async () => {
  const { diagnostics } = await server.client.open(URI, DOMAIN);
  const typo = diagnostics.find((d) => d.code === 'unexpected-element');
  assert.ok(typo);
  const [fix] = await server.client.codeActions(URI, typo.range, [typo], ['quickfix']);
  assert.equal(fix.title, '改为 `<interface>`');

  const uuid = diagnostics.find((d) => d.code === 'bad-value' && d.range.start.line === positionOf('not-a-uuid').line);
  assert.ok(uuid, diagnostics.map((d) => d.code).join(' '));
  const uuidFixes = await server.client.codeActions(URI, uuid.range, [uuid], ['quickfix']);
  assert.deepEqual(
    uuidFixes.map((action) => action.title),
    ['替换为新的随机 UUID'],
  );
});

test('the outline says its own words in Chinese, and the values as written', async () => {
  const symbols = await server.client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: URI } });
  const names = (list: DocumentSymbol[]): string[] => list.flatMap((s) => [s.name, ...names(s.children ?? [])]);
  const all = names(symbols);
  assert.ok(all.includes('memory strict · 节点 0-1'), all.join(' | '));
  assert.ok(all.includes('topology 1 插槽 · 2 核 · 2 线程'), all.join(' | '));
  assert.ok(all.includes('memory dimm · 512 MiB · 节点 0'), all.join(' | '));
  assert.ok(all.includes('cell 0 · cpus 0-3 · 4 GiB'), 'names without words of ours are as in English');

  const found = await server.client.request<SymbolInformation[]>('workspace/symbol', { query: 'dimm' });
  assert.deepEqual(
    found.map((symbol) => symbol.name),
    ['memory dimm · 512 MiB · 节点 0'],
  );
});

test('a refused rename says why in Chinese', async () => {
  const position = positionOf("static'>4<", 9);
  await assert.rejects(
    server.client.request('textDocument/prepareRename', { textDocument: { uri: URI }, position }),
    (error: Error) => {
      assert.equal(error.message, 'vCPU 按 `<vcpu>` 的数量从 0 开始编号：没有可重命名的 id');
      return true;
    },
  );
  await assert.rejects(
    server.client.request('textDocument/rename', { textDocument: { uri: URI }, position: positionOf('<numatune>', 1), newName: 'two words' }),
    (error: Error) => {
      assert.match(error.message, /^`two words` 不是 XML 名称：/);
      return true;
    },
  );
  await assert.rejects(
    server.client.request('textDocument/rename', { textDocument: { uri: URI }, position: positionOf("<cell id='0'", 10), newName: 'x' }),
    (error: Error) => {
      assert.equal(error.message, '`x` 不是无符号整数：NUMA 节点的 id 必须是无符号整数');
      return true;
    },
  );
});

test("why the user's schema is not used: the status item in Chinese, the log in English", async () => {
  const client = await LspClient.start({}, [SCHEMA_IN_USE_NOTIFICATION]);
  try {
    const fellBack = client.waitForNotification<SchemaInUse>(SCHEMA_IN_USE_NOTIFICATION, (inUse) => inUse.error !== undefined);
    await client.configure({ language: 'zh', schema: { path: 'schemas' } });
    const inUse = await fellBack;
    assert.equal(inUse.location, 'bundled');
    assert.equal(inUse.error, 'libvirtXml.schema.path 必须是绝对路径的目录，而不是 "schemas"');
    assert.ok(client.logs.some((log) => log.includes('libvirtXml.schema.path must be an absolute directory, not "schemas"')), client.logs.join('\n'));
  } finally {
    await client.stop();
  }
});

test('domxml --schema with a directory it cannot use says why in Chinese', () => {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'domxml-schema-zh-'));
  try {
    const run = runDomxml(['check', '--lang', 'zh', '--schema', 'nowhere', 'a.xml'], { cwd: workDir, env: withoutLocale(process.env) });
    assert.equal(run.status, 2);
    assert.equal(run.stderr.split('\n')[0], `domxml: 无法使用 nowhere 中的 schema：${path.join(fs.realpathSync(workDir), 'nowhere')} 不是目录`);
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
});
