import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LineIndex } from '../../server/src/parser/lineIndex';
import { serverForTests } from './lspClient';

const DOMAIN = `<domain type='kvm'>
  <name>facts</name>
  <memory unit='KiB'>524288</memory>
  <vcpu placement='static'>2</vcpu>
  <cputune>
    <vcpupin vcpu='0' cpuset='1'/>
  </cputune>
  <os><type>hvm</type></os>
  <on_crash>coredump-destroy</on_crash>
  <devices>
    <disk type='network' device='disk'>
      <source protocol='rbd' name='pool/image'/>
      <target dev='vda'/>
    </disk>
  </devices>
</domain>
`;
const URI = 'file:///facts.xml';
const LINES = new LineIndex(DOMAIN);

/** The hover's markdown with the cursor `shift` characters into `needle`, and the text it covers. */
async function hoverOn(needle: string, shift: number): Promise<{ markdown: string; covers: string }> {
  const offset = DOMAIN.indexOf(needle);
  assert.ok(offset >= 0, `${needle} not found`);
  const hover = await server.client.hover(URI, LINES.positionAt(offset + shift, DOMAIN));
  assert.ok(hover && typeof hover.contents === 'object' && 'value' in hover.contents && hover.range, `a hover on ${needle}`);
  const covers = DOMAIN.slice(LINES.offsetAt(hover.range.start, DOMAIN), LINES.offsetAt(hover.range.end, DOMAIN));
  return { markdown: hover.contents.value, covers };
}

const server = serverForTests(undefined, [[URI, DOMAIN]]);

test('hover on <vcpupin cpuset> starts with the path and says the attribute is required', async () => {
  const { markdown, covers } = await hoverOn("cpuset='1'", 2);
  assert.equal(covers, 'cpuset');
  assert.equal(markdown.split('\n')[0], '`domain › cputune › vcpupin @cpuset`');
  assert.match(markdown, /\*\*Schema:\*\* required attribute/);
});

test('hover on placement lists its allowed values; on its value, the others', async () => {
  assert.match((await hoverOn('placement', 3)).markdown, /optional attribute · allowed values: static \| auto/);
  const value = await hoverOn("'static'", 3);
  assert.equal(value.covers, 'static');
  assert.match(value.markdown, /`static`: one of the allowed values \(the other: `auto`\)/);
});

test("hover on a listed value says what it means, from the docs data", async () => {
  const { markdown, covers } = await hoverOn('coredump-destroy', 3);
  assert.equal(covers, 'coredump-destroy');
  assert.match(markdown, /`coredump-destroy`: one of the allowed values[\s\S]*core dump/);
});

test('hover on a memory amount converts its unit', async () => {
  const { markdown, covers } = await hoverOn('524288', 3);
  assert.equal(covers, '524288');
  assert.match(markdown, /^`domain › memory`\n\n\*\*524288 KiB = 512 MiB \(536,870,912 bytes\)\*\*/);
});

test('facts follow the state: a network disk’s <source> requires protocol', async () => {
  const { markdown } = await hoverOn('<source', 2);
  assert.equal(markdown.split('\n')[0], '`domain › devices › disk › source`');
  assert.match(markdown, /required element · \d+ attributes allowed; required: `protocol`/);
});
