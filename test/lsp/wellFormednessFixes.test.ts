/** Quick fixes and "fix all" for well-formedness findings, through the server as an editor uses them. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { serverForTests } from './lspClient';
import { applyTextEdits } from './textEdits';

const server = serverForTests();

const WELL_FORMEDNESS_CODES = new Set([
  'unclosed-element',
  'mismatched-end-tag',
  'missing-end-tag-name',
  'unclosed-attribute-value',
  'unquoted-attribute-value',
  'missing-equals',
  'missing-space-before-attribute',
  'bare-ampersand',
  'bare-less-than',
  'cdata-end-in-text',
  'duplicate-attribute',
  'text-outside-root',
  'double-hyphen-in-comment',
  'unclosed-comment',
  'unterminated-start-tag',
  'unterminated-end-tag',
  'unexpected-character-in-tag',
]);

const wellFormedness = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => WELL_FORMEDNESS_CODES.has(String(d.code)));

/** The quick fixes of `diagnostic`, the preferred one first. */
async function fixesOf(uri: string, diagnostic: Diagnostic): Promise<CodeAction[]> {
  const actions = await server.client.codeActions(uri, diagnostic.range, [diagnostic]);
  const fixes = actions.filter((a) => a.kind === 'quickfix' && a.diagnostics?.some((d) => d.code === diagnostic.code));
  return [...fixes.filter((a) => a.isPreferred), ...fixes.filter((a) => !a.isPreferred)];
}

/** Ctrl+. on `diagnostic`: the fix the editor would apply, applied, and the diagnostics of the new text. */
async function quickFix(uri: string, text: string, version: number, diagnostic: Diagnostic) {
  const [chosen] = await fixesOf(uri, diagnostic);
  assert.ok(chosen, `a fix for ${diagnostic.code}`);
  const fixed = applyTextEdits(text, chosen.edit!.changes![uri]);
  const { diagnostics } = await server.client.change(uri, version, [{ text: fixed }]);
  return { action: chosen, fixed, diagnostics };
}

test('Ctrl+. on an unclosed element closes it where the indentation says, and the diagnostic goes', async () => {
  const uri = 'file:///unclosed.xml';
  const text = "<domain type='kvm'>\n  <devices>\n    <disk type='file' device='disk'>\n      <source file='/a.img'/>\n      <target dev='vda'/>\n    <interface type='network'/>\n  </devices>\n</domain>\n";
  const { diagnostics } = await server.client.open(uri, text);
  const unclosed = diagnostics.find((d) => d.code === 'unclosed-element');
  assert.ok(unclosed, diagnostics.map((d) => d.code).join(' '));
  const { action, fixed, diagnostics: after } = await quickFix(uri, text, 2, unclosed);
  assert.equal(action.title, 'Close `<disk>` here');
  assert.equal(action.isPreferred, true);
  assert.match(fixed, /<target dev='vda'\/>\n {4}<\/disk>\n {4}<interface/);
  assert.deepEqual(wellFormedness(after), []);
  await server.client.close(uri);
});

test('Ctrl+. on a mistyped end tag renames it to the open element, and both diagnostics go', async () => {
  const uri = 'file:///clok.xml';
  const text = "<domain type='kvm'>\n  <clock offset='utc'>\n    <timer name='rtc' tickpolicy='catchup'/>\n  </clok>\n</domain>\n";
  const { diagnostics } = await server.client.open(uri, text);
  assert.deepEqual(wellFormedness(diagnostics).map((d) => d.code), ['unclosed-element', 'mismatched-end-tag']);
  const mismatched = diagnostics.find((d) => d.code === 'mismatched-end-tag')!;
  const { action, fixed, diagnostics: after } = await quickFix(uri, text, 2, mismatched);
  assert.equal(action.title, 'Change to `</clock>`');
  assert.equal(fixed, text.replace('</clok>', '</clock>'));
  assert.deepEqual(wellFormedness(after), []);
  await server.client.close(uri);
});

test('each kind of well-formedness fix removes its diagnostic', async () => {
  const documents = [
    "<domain type='kvm>\n  <name>demo</name>\n</domain>\n",
    "<domain type='kvm'>\n  <disk type='file device='disk'>\n    <source file='/a.img'/>\n  </disk>\n</domain>\n",
    "<domain type=kvm>\n  <name>demo</name>\n</domain>\n",
    "<domain type 'kvm'>\n  <name>demo</name>\n</domain>\n",
    "<domain type='kvm'id='1'>\n  <name>demo</name>\n</domain>\n",
    "<domain type='kvm'>\n  <description>AT&T < 3 ]]></description>\n</domain>\n",
    "<domain type='kvm' type='kvm'>\n  <name>demo</name>\n</domain>\n",
    "<domain type='kvm' type='qemu'>\n  <name>demo</name>\n</domain>\n",
    "<domain type='kvm'>\n  <name>demo</name>\n</domain>\nleft over\n",
    "<domain type='kvm'>\n  <!-- use --force -->\n</domain>\n<!-- trailing note\n",
    "<domain type='kvm'\n  <name>demo</name\n  <memory>1</memory x>\n</domain>\n",
    "<domain type='kvm'>\n  <name>demo</>\n</domain>\n",
  ];
  let version = 1;
  for (const [k, original] of documents.entries()) {
    const uri = `file:///kinds-${k}.xml`;
    let text = original;
    let { diagnostics } = await server.client.open(uri, text, version);
    for (let round = 0; wellFormedness(diagnostics).length > 0; round++) {
      assert.ok(round < 6, `${JSON.stringify(original)} keeps ${wellFormedness(diagnostics).map((d) => d.code)}`);
      // The first with a fix (the start tag's `>` waits for the quote of its value).
      let first: Diagnostic | undefined;
      for (const diagnostic of wellFormedness(diagnostics)) if (!first && (await fixesOf(uri, diagnostic)).length > 0) first = diagnostic;
      assert.ok(first, `no fix for ${wellFormedness(diagnostics).map((d) => d.code)} in ${JSON.stringify(text)}`);
      const result = await quickFix(uri, text, ++version, first);
      const fixedOne = first;
      const same = (d: Diagnostic) => d.code === fixedOne.code && d.range.start.line === fixedOne.range.start.line && d.range.start.character === fixedOne.range.start.character;
      assert.ok(!result.diagnostics.some(same), `${fixedOne.code} stays after "${result.action.title}" in ${JSON.stringify(result.fixed)}`);
      ({ fixed: text, diagnostics } = result);
    }
    await server.client.close(uri);
  }
});

test('"Fix all" repairs a stray `&` and a `</clok>` typo at once', async () => {
  const uri = 'file:///fix-all.xml';
  const text = "<domain type='kvm'>\n  <description>Q&A</description>\n  <clock offset='utc'>\n    <timer name='rtc'/>\n  </clok>\n</domain>\n";
  const { diagnostics } = await server.client.open(uri, text);
  assert.deepEqual(wellFormedness(diagnostics).map((d) => d.code), ['bare-ampersand', 'unclosed-element', 'mismatched-end-tag']);
  const whole = { start: { line: 0, character: 0 }, end: { line: 6, character: 0 } };
  const actions: CodeAction[] = await server.client.codeActions(uri, whole, [], ['source.fixAll.libvirt-xml']);
  assert.equal(actions.length, 1);
  assert.equal(actions[0].kind, 'source.fixAll.libvirt-xml');
  const fixed = applyTextEdits(text, actions[0].edit!.changes![uri]);
  assert.equal(fixed, text.replace('Q&A', 'Q&amp;A').replace('</clok>', '</clock>'));
  const after = await server.client.change(uri, 2, [{ text: fixed }]);
  assert.deepEqual(wellFormedness(after.diagnostics), []);
  await server.client.close(uri);
});
