import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ElementDocs } from '../../server/src/docs/elementDocs';
import { hoverAt } from '../../server/src/features/hover';
import { attributeFactsAt, elementFactsAt } from '../../server/src/features/schemaFacts';
import { cursorTarget } from '../../server/src/features/cursor';
import { render } from '../../server/src/messages/words';
import { analysisOf, bundledSchema } from './helpers/documents';

const SCHEMA = bundledSchema();
const NO_DOCS = new ElementDocs([]);

const DOMAIN = `<domain type='kvm'>
  <name>web01</name>
  <memory unit='KiB'>524288</memory>
  <currentMemory>1000</currentMemory>
  <memtune><hard_limit unit='GB'>4</hard_limit></memtune>
  <memoryBacking><hugepages><page size='2048' nodeset='0'/></hugepages></memoryBacking>
  <vcpu placement='static' cpuset='1-2'>2</vcpu>
  <cputune><vcpupin vcpu='0' cpuset='1'/></cputune>
  <os><type arch='x86_64'>hvm</type></os>
  <on_crash>destroy</on_crash>
  <devices>
    <disk type='network' device='disk'>
      <source protocol='rbd' name='pool/image'/>
      <target dev='vda'/>
    </disk>
    <disk type='file' device='disk'>
      <source file='/img'/>
      <target dev='vdb'/>
    </disk>
  </devices>
</domain>`;
const WITHOUT_SCHEMA = analysisOf(DOMAIN);
const WITH_SCHEMA = analysisOf(DOMAIN, SCHEMA);

/** Offset of the `nth` occurrence of `needle`, plus `shift`. */
function offsetOf(needle: string, shift = 0, nth = 0): number {
  let offset = -1;
  for (let i = 0; i <= nth; i++) offset = DOMAIN.indexOf(needle, offset + 1);
  assert.ok(offset >= 0, `${needle} not found`);
  return offset + shift;
}

function hover(needle: string, shift = 1, nth = 0) {
  return hoverAt(WITH_SCHEMA, offsetOf(needle, shift, nth), NO_DOCS, 'en');
}

function elementFacts(needle: string, nth = 0) {
  const target = cursorTarget(WITH_SCHEMA.tree, offsetOf(needle, 1, nth));
  assert.equal(target.kind, 'startTagName');
  return elementFactsAt(SCHEMA, WITH_SCHEMA, target.ancestors, target.element);
}

test('attribute facts: required or optional, and allowed values or the datatype in words', () => {
  const onAttribute = (needle: string) => {
    const target = cursorTarget(WITH_SCHEMA.tree, offsetOf(needle, 1));
    assert.equal(target.kind, 'attributeName');
    return attributeFactsAt(SCHEMA, WITH_SCHEMA, target.ancestors, target.element, target.attribute);
  };
  assert.deepEqual(onAttribute('placement'), { required: false, values: ['static', 'auto'], data: [] });
  const vcpu = onAttribute("vcpu='0'")!;
  assert.equal(vcpu.required, true, '<vcpupin vcpu> is required');
  assert.deepEqual(vcpu.values, []);
  const data = vcpu.data.map((said) => render(said, 'en'));
  assert.ok(data.length > 0 && data.every((words) => /integer/.test(words)), data.join('; '));
});

test('element facts follow the state at the point: a network disk’s <source> takes protocol and name, a file disk’s file', () => {
  const network = elementFacts('<source')!;
  assert.equal(network.required, true);
  assert.ok(network.attributes.get('protocol')?.required, 'protocol is required on a network source');
  assert.ok(network.attributes.has('name'));
  assert.ok(!network.attributes.has('file'), 'no file attribute on a network source');
  const file = elementFacts('<source', 1)!;
  assert.ok(file.attributes.has('file'));
  assert.ok(!file.attributes.has('protocol'));
  const pin = elementFacts('<vcpupin')!;
  assert.deepEqual([pin.required, pin.repeatable], [false, true]);
  assert.deepEqual(
    [...pin.attributes].filter(([, facts]) => facts.required).map(([name]) => name),
    ['vcpu', 'cpuset'],
  );
  assert.match(render(elementFacts('<on_crash')!.text, 'en'), /^destroy \| restart \| /);
});

test('hover on names starts with the path and adds the schema facts', () => {
  const pin = hover("cpuset='1'")!;
  assert.equal(pin.markdown.split('\n')[0], '`domain › cputune › vcpupin @cpuset`');
  assert.match(pin.markdown, /\*\*Schema:\*\* required attribute/);
  assert.equal(DOMAIN.slice(pin.start, pin.end), 'cpuset');
  const placement = hover('placement')!;
  assert.match(placement.markdown, /optional attribute · allowed values: static \| auto/);
  const source = hover('<source', 2)!;
  assert.equal(source.markdown.split('\n')[0], '`domain › devices › disk › source`');
  assert.match(source.markdown, /required element · \d+ attributes allowed; required: `protocol`/);
  assert.match(hover('<vcpupin', 2)!.markdown, /optional, repeatable element · 2 attributes allowed; required: `vcpu`, `cpuset`/);
  assert.match(hover('<on_crash', 2)!.markdown, /text: destroy \| restart/);
});

test('hover on values: memory amounts converted, enumerated values among the others', () => {
  const memory = hover('524288', 2)!;
  assert.equal(memory.markdown, '`domain › memory`\n\n**524288 KiB = 512 MiB (536,870,912 bytes)**');
  assert.equal(DOMAIN.slice(memory.start, memory.end), '524288');
  assert.match(hover('1000</currentMemory>')!.markdown, /1000 KiB \(1,024,000 bytes\); KiB is the default unit/);
  assert.match(hover('4</hard_limit>', 0)!.markdown, /^`domain › memtune › hard_limit`\n\n\*\*4 GB ≈ 3\.73 GiB \(4,000,000,000 bytes\)\*\*$/);
  const page = hover('2048')!;
  assert.match(page.markdown, /^`domain › memoryBacking › hugepages › page @size`\n\n\*\*2048 KiB = 2 MiB/);
  assert.match(page.markdown, /required attribute/);
  const placement = hover("'static'", 2)!;
  assert.match(placement.markdown, /`static`: one of the allowed values \(the other: `auto`\)/);
  assert.equal(DOMAIN.slice(placement.start, placement.end), 'static');
  const crash = hover('destroy')!;
  assert.match(crash.markdown, /^`domain › on_crash`\n\n`destroy`: one of the allowed values \(the others: `restart`, `preserve`/);
  assert.equal(hover('web01'), undefined, 'free text means nothing more than itself');
});

test('without a schema, hover is the docs alone, and names without docs show nothing', () => {
  assert.equal(hoverAt(WITHOUT_SCHEMA, offsetOf('<vcpupin', 2), NO_DOCS, 'en'), undefined);
  assert.equal(hoverAt(WITHOUT_SCHEMA, offsetOf('524288', 2), NO_DOCS, 'en'), undefined);
});

test("a listed value's own doc: for an attribute, and for an element's text, in the chosen language or else the other", () => {
  const docs = new ElementDocs([
    {
      language: 'en',
      source: {},
      entries: {
        'domain/vcpu': { markdown: 'vCPUs', values: { placement: { static: 'Pinned where `cpuset` says.' } } },
        'domain/on_crash': { markdown: 'On a crash', values: { '': { destroy: 'The domain is stopped for good.' } } },
      },
    },
    { language: 'zh', source: {}, entries: { 'domain/vcpu': { markdown: '虚拟CPU' } } },
  ]);
  const at = (needle: string, shift: number, language: 'en' | 'zh') =>
    hoverAt(WITH_SCHEMA, offsetOf(needle, shift), docs, language)?.markdown ?? '';
  assert.match(at("placement='static'", 12, 'en'), /Pinned where `cpuset` says\./);
  assert.match(at("placement='static'", 12, 'zh'), /Pinned where `cpuset` says\./, 'no Chinese for the value: the English one');
  assert.match(at('<on_crash>destroy', 12, 'en'), /`destroy`: one of the allowed values[\s\S]*The domain is stopped for good\./);
});
