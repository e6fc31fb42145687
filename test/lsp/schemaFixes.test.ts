/** The schema's quick fixes through the server, as an editor uses them: each one's edit removes its diagnostic. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CodeAction, Diagnostic, SnippetTextEdit, TextDocumentEdit } from 'vscode-languageserver-protocol';
import { LspClient, TEST_HOST, serverForTests } from './lspClient';
import { applyTextEdits } from './textEdits';

const DOMAIN = `<domain type='kvm'>
  <name>fixes</name>
  <memory unit='KiB'>1048576</memory>
  <vcpu placement='static'>2</vcpu>
  <os>
    <type arch='x86_64' machine='q35'>hvm</type>
  </os>
  <on_poweroff>destroy</on_poweroff>
  <devices>
    <disk type='file' device='disk'>
      <source file='/var/lib/libvirt/images/fixes.qcow2'/>
      <target dev='vda' bus='virtio'/>
    </disk>
    <interface type='network'>
      <source network='default'/>
    </interface>
  </devices>
  <launchSecurity type='sev-snp'>
    <cbitpos>47</cbitpos>
    <reducedPhysBits>1</reducedPhysBits>
    <policy>0x00030000</policy>
  </launchSecurity>
</domain>
`;

function broken(from: string, to: string): string {
  assert.ok(DOMAIN.includes(from), from);
  return DOMAIN.replace(from, to);
}

const server = serverForTests();

const marked = (text: string, d: Diagnostic) => text.split('\n')[d.range.start.line].slice(d.range.start.character, d.range.end.character);

interface Case {
  text: string;
  code: string;
  /** What the diagnostic underlines. */
  marked: string;
  title: string;
}

const CASES: Case[] = [
  { text: broken('<interface type=\'network\'>\n      <source network=\'default\'/>\n    </interface>', "<interfce type='network'>\n      <source network='default'/>\n    </interfce>"), code: 'unexpected-element', marked: 'interfce', title: 'Change to `<interface>`' },
  { text: broken("placement='static'", "placment='static'"), code: 'unexpected-attribute', marked: 'placment', title: 'Change to `placement`' },
  { text: broken("placement='static'", "placement='stat'"), code: 'bad-attribute-value', marked: "'stat'", title: 'Change to `static`' },
  { text: broken('>destroy<', '>destroi<'), code: 'bad-value', marked: 'destroi', title: 'Change to `destroy`' },
  { text: broken("<source network='default'/>", '<source/>'), code: 'missing-attribute', marked: 'source', title: 'Add `network`' },
  { text: broken("      <target dev='vda' bus='virtio'/>\n", ''), code: 'missing-content', marked: 'disk', title: 'Add `<target>`' },
  { text: broken('  <on_poweroff>destroy</on_poweroff>\n', '  <on_poweroff>destroy</on_poweroff>\n  <on_poweroff>restart</on_poweroff>\n'), code: 'unexpected-element', marked: 'on_poweroff', title: 'Remove this `<on_poweroff>`' },
  {
    text: broken('    <cbitpos>47</cbitpos>\n    <reducedPhysBits>1</reducedPhysBits>\n', '    <reducedPhysBits>1</reducedPhysBits>\n    <cbitpos>47</cbitpos>\n'),
    code: 'unexpected-element',
    marked: 'cbitpos',
    title: 'Move `<cbitpos>` before `<reducedPhysBits>`',
  },
];

test('the test domain is clean of schema errors', async () => {
  const uri = 'file:///schema-fixes-clean.xml';
  const { diagnostics } = await server.client.open(uri, DOMAIN);
  assert.deepEqual(diagnostics.filter((d) => CASES.some((c) => c.code === d.code)), []);
  await server.client.close(uri);
});

CASES.forEach((c, index) => {
  test(`${c.code} on \`${c.marked}\`: "${c.title}" removes it`, async () => {
    const uri = `file:///schema-fix-${index}.xml`;
    const { diagnostics } = await server.client.open(uri, c.text);
    const diagnostic = diagnostics.find((d) => d.code === c.code);
    assert.ok(diagnostic, diagnostics.map((d) => d.code).join(' '));
    assert.equal(marked(c.text, diagnostic), c.marked);
    const actions = await server.client.codeActions(uri, diagnostic.range, [diagnostic], ['quickfix']);
    const action = actions.find((a) => a.title === c.title);
    assert.ok(action, actions.map((a) => a.title).join(' | '));
    assert.equal(action.isPreferred, true, 'the only fix: the one a keystroke applies');
    const fixed = applyTextEdits(c.text, action.edit!.changes![uri]);
    const after = await server.client.change(uri, 2, [{ text: fixed }]);
    assert.deepEqual(
      after.diagnostics.filter((d) => d.code === c.code).map((d) => d.message),
      [],
      fixed,
    );
    await server.client.close(uri);
  });
});

test('"fix all" applies the safe schema fixes (typos) and leaves the guesses', async () => {
  const uri = 'file:///schema-fix-all.xml';
  const text = broken("placement='static'", "placment='static'")
    .replace('>destroy<', '>destroi<')
    .replace("<source network='default'/>", '<source/>')
    .replace("<interface type='network'>", "<interfce type='network'>")
    .replace('</interface>', '</interfce>')
    .replace("bus='virtio'", "bus='virtoi'");
  await server.client.open(uri, text);
  const whole = { start: { line: 0, character: 0 }, end: { line: text.split('\n').length, character: 0 } };
  const [fixAll] = await server.client.codeActions(uri, whole, [], ['source.fixAll']);
  assert.ok(fixAll);
  const fixed = applyTextEdits(text, fixAll.edit!.changes![uri]);
  assert.equal(fixed, DOMAIN.replace("<source network='default'/>", '<source/>'), 'every typo fixed (the element with its end tag), the missing attribute left to the user');
  await server.client.close(uri);
});

test('where the client takes snippet edits, a missing attribute comes with its allowed values to choose from', async () => {
  const client = await LspClient.start({}, [], undefined, { workspace: { workspaceEdit: { documentChanges: true, snippetEditSupport: true } } });
  try {
    await client.configure({ host: TEST_HOST });
    const uri = 'file:///schema-fix-snippet.xml';
    const text = broken('  </devices>', "    <disk type='network' device='disk'>\n      <source name='pool/vol'/>\n      <target dev='vdb'/>\n    </disk>\n  </devices>");
    const { diagnostics } = await client.open(uri, text);
    const missing = diagnostics.find((d) => d.code === 'missing-attribute');
    assert.ok(missing);
    const [action] = (await client.codeActions(uri, missing.range, [missing], ['quickfix'])) as CodeAction[];
    assert.equal(action.title, 'Add `protocol`');
    const [change] = action.edit!.documentChanges as TextDocumentEdit[];
    const [edit] = change.edits as SnippetTextEdit[];
    assert.equal(edit.snippet.value, " protocol='${1|iscsi,rbd,nbd,https,http,nfs,ftps,ftp,gluster,ssh,sheepdog,tftp,vxhs|}'");
    assert.deepEqual(edit.range.start, edit.range.end, 'inserted after the last attribute');
    assert.equal(text.split('\n')[edit.range.start.line].slice(0, edit.range.start.character), "      <source name='pool/vol'");
  } finally {
    await client.stop();
  }
});
