/**
 * The server in the user's language (issue 13): with `libvirtXml.language: 'zh'`, a cpuset
 * diagnostic, its quick fix, the fix-all action, the hover and completion on a set value, a rule's
 * hover and the notification formatting sends are in Chinese; codes stay as they are. Back to
 * English when the setting says so.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CodeAction, Diagnostic, MarkupContent, ShowMessageParams } from 'vscode-languageserver-protocol';
import { LspClient, serverForTests } from './lspClient';

const DOMAIN = `<domain type='kvm'>
  <name>pins</name>
  <memory unit='KiB'>1048576</memory>
  <vcpu placement='static' cpuset='0,3-1'>2</vcpu>
  <cputune>
    <vcpupin vcpu='0' cpuset='1'/>
    <vcpupin vcpu='0' cpuset='2'/>
  </cputune>
  <os><type>hvm</type></os>
  <devices/>
</domain>
`;
const URI = 'file:///language/pins.xml';

function positionOf(text: string, needle: string, shift = 0): { line: number; character: number } {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, `${needle} not found`);
  const before = text.slice(0, offset + shift);
  return { line: before.split('\n').length - 1, character: offset + shift - (before.lastIndexOf('\n') + 1) };
}

const messageOf = (diagnostic: Diagnostic): string => (typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value);

const server = serverForTests(() => LspClient.start({}, ['window/showMessage']));

/** The diagnostics of `uri` once they are in the language `accept` recognises, after a settings change. */
async function reconfigured(language: 'en' | 'zh', accept: (diagnostics: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
  const published = server.client.waitForDiagnostics(URI, (p) => accept(p.diagnostics));
  await server.client.configure({ language, host: { cpus: '0-3', numaNodes: '0' } });
  return (await published).diagnostics;
}

test("libvirtXml.language 'zh': a cpuset diagnostic and its quick fix in Chinese, the code as it is", async () => {
  await server.client.open(URI, DOMAIN);
  const isChinese = (diagnostics: Diagnostic[]) => diagnostics.some((d) => d.code === 'cpuset-reversed-range' && /倒序/.test(messageOf(d)));
  const diagnostics = await reconfigured('zh', isChinese);
  const reversed = diagnostics.find((d) => d.code === 'cpuset-reversed-range');
  assert.ok(reversed);
  assert.equal(messageOf(reversed), '`3-1` 是倒序的：libvirt 要求范围的起点是较小的 CPU，应为 `1-3`。');
  const [fix] = await server.client.codeActions(URI, reversed.range, [reversed]);
  assert.equal(fix.title, '调换为 `1-3`');
  assert.deepEqual(fix.diagnostics, [reversed], 'the Chinese diagnostic is the one it resolves');

  const all: CodeAction[] = await server.client.codeActions(URI, { start: { line: 0, character: 0 }, end: { line: 12, character: 0 } }, [], ['source.fixAll']);
  assert.deepEqual(
    all.map((action) => action.title),
    ['修复所有可安全修复的问题（1 处）'],
  );

  const hover = await server.client.hover(URI, positionOf(DOMAIN, "cpuset='1'", 8));
  assert.match((hover!.contents as MarkupContent).value, /`<vcpupin>` 的 \*\*`cpuset`\*\* · 宿主机 CPU\n\n\*\*1 个 CPU\*\*：1\n\n全部在此宿主机上（宿主机：CPU 0-3）。/);
  const ruleHover = await server.client.hover(URI, positionOf(DOMAIN, "vcpu='0' cpuset='2'", 6));
  assert.match((ruleHover!.contents as MarkupContent).value, /\*\*`vcpupin-duplicate`\*\* · `virsh define` 会拒绝这个域[^]*libvirt 中的检查：`/);

  const items = await server.client.completion(URI, positionOf(DOMAIN, "cpuset='2'", 8));
  assert.ok(items.some((item) => item.label === '0-3' && item.detail === '宿主机全部 4 个在线 CPU'), JSON.stringify(items.map((item) => item.detail)));
  assert.ok(items.some((item) => item.label === '3' && item.detail === '宿主机 CPU 3 · 在线'));
});

test("a notification in the user's language: formatting a document that is not well-formed", async () => {
  const uri = 'file:///language/broken.xml';
  await server.client.configure({ language: 'zh' });
  await server.client.open(uri, DOMAIN.replace('</cputune>', ''));
  const formatted = await server.client.request<unknown[]>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
  assert.deepEqual(formatted, []);
  const shown = await server.client.waitForNotification<ShowMessageParams>('window/showMessage', (params) => params.message.startsWith('未格式化'));
  assert.match(shown.message, /^未格式化（第 \d+ 行）：文档不是格式正确的 XML：/);
});

test("libvirtXml.language 'en' brings the English back", async () => {
  const diagnostics = await reconfigured('en', (list) => list.some((d) => d.code === 'cpuset-reversed-range' && /counts down/.test(messageOf(d))));
  const reversed = diagnostics.find((d) => d.code === 'cpuset-reversed-range')!;
  assert.equal(messageOf(reversed), '`3-1` counts down: libvirt needs the lower CPU first, `1-3`.');
  const [fix] = await server.client.codeActions(URI, reversed.range, [reversed]);
  assert.equal(fix.title, 'Swap to `1-3`');
});
