/** Quick fixes and "fix all" for cpuset/nodeset lists, through the server as an editor uses them. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { serverForTests } from './lspClient';
import { applyTextEdits } from './textEdits';

const DOMAIN = `<domain type='kvm'>
  <name>pins</name>
  <memory unit='KiB'>1048576</memory>
  <vcpu placement='static' cpuset='1-4,^3,6,4-1'>4</vcpu>
  <cputune>
    <vcpupin vcpu='0' cpuset='1, 2'/>
    <emulatorpin cpuset='40-47'/>
  </cputune>
  <os><type>hvm</type></os>
  <devices/>
</domain>
`;

const server = serverForTests();

const marked = (text: string, d: Diagnostic) => text.split('\n')[d.range.start.line].slice(d.range.start.character, d.range.end.character);

test('`4-1` is an error on exactly those characters, and its quick fix writes `1-4`', async () => {
  const uri = 'file:///pins.xml';
  const { diagnostics } = await server.client.open(uri, DOMAIN);
  const reversed = diagnostics.find((d) => d.code === 'cpuset-reversed-range');
  assert.ok(reversed, diagnostics.map((d) => d.code).join(' '));
  assert.equal(marked(DOMAIN, reversed), '4-1');
  assert.equal(reversed.severity, 1);
  const beyond = diagnostics.find((d) => d.code === 'cpuset-beyond-host');
  assert.equal(beyond && marked(DOMAIN, beyond), '40-47', 'the host is the configured one (0-15)');

  const actions = await server.client.codeActions(uri, reversed.range, [reversed]);
  const swap = actions.find((a) => a.kind === 'quickfix' && a.diagnostics?.some((d) => d.code === 'cpuset-reversed-range'));
  assert.ok(swap, actions.map((a) => a.title).join(' | '));
  assert.equal(swap.isPreferred, true);
  assert.ok(!actions.some((a) => a.kind?.startsWith('source')), 'the lightbulb (no `only`) gets no fix-all: it is for the Source Action menu and saving');
  const fixed = applyTextEdits(DOMAIN, swap.edit!.changes![uri]);
  assert.match(fixed, /cpuset='1-4,\^3,6,1-4'/);
  const after = await server.client.change(uri, 2, [{ text: fixed }]);
  assert.ok(!after.diagnostics.some((d) => d.code === 'cpuset-reversed-range'), 'the error is gone');
  await server.client.close(uri);
});

test('the space in `1, 2` gets its own fix; "fix all" repairs every value it safely can', async () => {
  const uri = 'file:///pins-all.xml';
  const { diagnostics } = await server.client.open(uri, DOMAIN);
  const space = diagnostics.find((d) => d.code === 'cpuset-space');
  assert.ok(space);
  assert.equal(marked(DOMAIN, space), ' ');
  assert.ok(!diagnostics.some((d) => d.code === 'bad-attribute-value'), 'the schema does not say it again');
  const [removeSpace] = await server.client.codeActions(uri, space.range, [space], ['quickfix']);
  assert.match(removeSpace.title, /space/i);

  const whole = { start: { line: 0, character: 0 }, end: { line: 11, character: 0 } };
  const [fixAll, ...others] = await server.client.codeActions(uri, whole, [], ['source.fixAll']);
  assert.equal(others.length, 0);
  assert.equal(fixAll.kind, 'source.fixAll.libvirt-xml');
  const fixed = applyTextEdits(DOMAIN, fixAll.edit!.changes![uri]);
  assert.match(fixed, /cpuset='1-4,\^3,6,1-4'/);
  assert.match(fixed, /<vcpupin vcpu='0' cpuset='1,2'\/>/);
  assert.match(fixed, /<emulatorpin cpuset='40-47'\/>/, 'leaving the host is not a safe fix: a judgement call');
  const after = await server.client.change(uri, 2, [{ text: fixed }]);
  assert.deepEqual(after.diagnostics.filter((d) => d.severity === 1).map((d) => d.code), []);
  assert.deepEqual(await server.client.codeActions(uri, whole, [], ['source.fixAll']).then((a: CodeAction[]) => a.length), 0, 'nothing left to fix');
  await server.client.close(uri);
});
