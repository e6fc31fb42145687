import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CompletionItem, MarkupContent, Range } from 'vscode-languageserver-protocol';
import { LspClient, serverForTests } from './lspClient';
import { positionOf as positionIn } from './textEdits';

const DOMAIN = `<domain type='kvm'>
  <name>pins</name>
  <memory unit='KiB'>1048576</memory>
  <vcpu placement='static' cpuset='1-4,^3,6,4-1'>4</vcpu>
  <cputune>
    <vcpupin vcpu='0' cpuset='1-4,^3,6'/>
    <vcpupin vcpu='3' cpuset='2'/>
    <vcpupin vcpu='2' cpuset='0'/>
    <emulatorpin cpuset='0,'/>
    <vcpusched vcpus='0-1,^1' scheduler='fifo' priority='1'/>
  </cputune>
  <os><type>hvm</type></os>
  <devices/>
</domain>
`;
const URI = 'file:///pins.xml';

/** Line/character of `needle` in DOMAIN plus `shift` characters. */
const positionOf = (needle: string, shift = 0) => positionIn(DOMAIN, needle, shift);

function textOf(range: Range | undefined): string {
  assert.ok(range);
  const lines = DOMAIN.split('\n');
  assert.equal(range.start.line, range.end.line);
  return lines[range.start.line].slice(range.start.character, range.end.character);
}

async function hoverText(needle: string, shift: number): Promise<{ markdown: string; covers: string }> {
  const hover = await server.client.hover(URI, positionOf(needle, shift));
  assert.ok(hover, `a hover at ${needle}`);
  return { markdown: (hover.contents as MarkupContent).value, covers: textOf(hover.range) };
}

function replaced(item: CompletionItem): string {
  assert.ok(item.textEdit && 'range' in item.textEdit);
  return textOf(item.textEdit.range);
}

const server = serverForTests(() => LspClient.startWith({ host: { cpus: '0-3', numaNodes: '0' } }), [[URI, DOMAIN]]);

test('hover on a value libvirt rejects says why, over the value', async () => {
  const { markdown, covers } = await hoverText("cpuset='1-4,^3,6,4-1'", 10);
  assert.equal(covers, '1-4,^3,6,4-1');
  assert.match(markdown, /\*\*`cpuset`\*\* of `<vcpu>`/);
  assert.match(markdown, /libvirt rejects this list: `4-1` counts down: libvirt needs the lower CPU first, `1-4`\./);
});

test('hover on an accepted value lists its CPUs, their number, the canonical form and those the host lacks', async () => {
  const { markdown, covers } = await hoverText("cpuset='1-4,^3,6'/>", 8);
  assert.equal(covers, '1-4,^3,6');
  assert.match(markdown, /\*\*`cpuset`\*\* of `<vcpupin>` · host CPUs/);
  assert.match(markdown, /\*\*4 CPUs\*\*: 1, 2, 4, 6/);
  assert.match(markdown, /libvirt prints it as `1-2,4,6`\./);
  assert.match(markdown, /\*\*Not on this host\*\* \(it has CPUs 0-3\): CPUs 4,6\./);
  const vcpus = await hoverText("vcpus='0-1,^1'", 7);
  assert.match(vcpus.markdown, /guest vCPUs\n\n\*\*1 vCPU\*\*: 0\n\nlibvirt prints it as `0`\.$/);
  const placement = await server.client.hover(URI, positionOf("placement='static'", 12));
  assert.match((placement?.contents as MarkupContent | undefined)?.value ?? '', /^`domain › vcpu @placement`\n\n`static`: one of the allowed values/, 'not a set value: the enumerated value hover');
});

test('completion in a pin offers the host CPUs for the item under the cursor', async () => {
  const items = await server.client.completion(URI, positionOf("<emulatorpin cpuset='0,", "<emulatorpin cpuset='0,".length));
  assert.deepEqual(
    items.map((i) => [i.label, i.detail]),
    [
      ['0-3', 'all 4 host CPUs online'],
      ['1', 'host CPU 1 · online'],
      ['2', 'host CPU 2 · online'],
      ['3', 'host CPU 3 · online'],
    ],
  );
  assert.ok(items.every((i) => replaced(i) === ''), 'inserted after the comma');
});

test("completion in <vcpupin vcpu> offers the guest's vCPUs not pinned by another <vcpupin>", async () => {
  const items = await server.client.completion(URI, positionOf("vcpu='3'", 6));
  assert.deepEqual(
    items.map((i) => [i.label, i.detail]),
    [
      ['1', 'vCPU 1 · not pinned yet'],
      ['3', 'vCPU 3 · not pinned yet'],
    ],
  );
  assert.ok(items.every((i) => replaced(i) === '3'));
});
