/**
 * Well-formedness in the user's language (issue 13), through the server: with
 * `libvirtXml.language: 'zh'`, a document with several well-formedness errors gets Chinese
 * diagnostics with the codes as they are, its quick fixes Chinese titles, and formatting, which it
 * refuses, says why in Chinese.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Diagnostic, ShowMessageParams } from 'vscode-languageserver-protocol';
import { LspClient, serverForTests } from './lspClient';

const BROKEN = `<domain type='kvm'>
  <name>broken</name>
  <devices>
    <disk type='file' device=disk>
      <source file='/a.img'/>
    <interface type='network'/>
  </devices>
  <description>a & b</description>
</domain>
<domain/>
`;
const URI = 'file:///language/broken.xml';

const messageOf = (diagnostic: Diagnostic): string => (typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value);

const server = serverForTests(async () => {
  const client = await LspClient.start({}, ['window/showMessage']);
  await client.configure({ language: 'zh' });
  return client;
});

test("libvirtXml.language 'zh': well-formedness diagnostics and their quick fixes in Chinese, the codes as they are", async () => {
  const published = server.client.waitForDiagnostics(URI, (p) => p.diagnostics.some((d) => d.code === 'unclosed-element' && /未闭合/.test(messageOf(d))));
  await server.client.open(URI, BROKEN);
  const { diagnostics } = await published;
  const said = new Map(diagnostics.map((d) => [String(d.code), d]));
  const expected: [code: string, message: string, fixes: string[]][] = [
    ['unquoted-attribute-value', '`device` 的值必须加引号：`device="disk"`。', ['给 `disk` 加上引号']],
    ['unclosed-element', '`<disk>` 未闭合：请添加 `</disk>`，或用 `/>` 结束开始标签。', ['在此处闭合 `<disk>`']],
    ['bare-ampersand', '字面的 `&` 必须写成 `&amp;`。', ['将 `&` 转义为 `&amp;`']],
    ['extra-root-element', '只允许有一个根元素：`<domain>` 出现在根元素 `<domain>` 结束之后。', []],
  ];
  for (const [code, message, fixes] of expected) {
    const diagnostic = said.get(code);
    assert.ok(diagnostic, `${code} among ${[...said.keys()].join(' ')}`);
    assert.equal(messageOf(diagnostic), message);
    const actions = await server.client.codeActions(URI, diagnostic.range, [diagnostic]);
    const own = actions.filter((action) => action.kind === 'quickfix' && action.diagnostics?.some((d) => d.code === code));
    assert.deepEqual(own.map((action) => action.title), fixes, code);
  }
});

test('formatting a document that is not well-formed says why in Chinese, the finding too', async () => {
  const formatted = await server.client.request<unknown[]>('textDocument/formatting', { textDocument: { uri: URI }, options: { tabSize: 2, insertSpaces: true } });
  assert.deepEqual(formatted, []);
  const shown = await server.client.waitForNotification<ShowMessageParams>('window/showMessage', (params) => params.message.startsWith('未格式化'));
  assert.match(shown.message, /^未格式化（第 4 行）：文档不是格式正确的 XML：`device` 的值必须加引号：`device="disk"`。/);
});
