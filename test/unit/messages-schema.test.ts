/**
 * The schema engine in the user's language (issue 13): every validation finding carries words
 * whose English is exactly its message and whose Chinese is Chinese; every data pattern of the
 * bundled schema is said in words, never as a regex, in both languages, and libvirt's id lists
 * are named by what their ids are; hover's schema lines and completion's details follow the
 * language.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { ElementDocs } from '../../server/src/docs/elementDocs';
import { completeAt } from '../../server/src/features/completion';
import { hoverAt } from '../../server/src/features/hover';
import { Finding } from '../../server/src/finding';
import { Language, Words, render } from '../../server/src/messages/words';
import { parseDocument } from '../../server/src/parser/parse';
import { Pattern, plainNames, subpatterns } from '../../server/src/schema/patterns';
import { ValuePlace } from '../../server/src/schema/datatypeWords';
import { validateTree } from '../../server/src/schema/validate';
import { SHARED, xmlFilesUnder } from './helpers/corpus';
import { WEB01, analysisOf, bundledSchema } from './helpers/documents';

const SCHEMA = bundledSchema();
const CHINESE = /[\u4e00-\u9fff]/;
const DOCS = new ElementDocs([]);

/**
 * Regex syntax in words: a negated or ranged class (`[^/]`, `[a-z]`), an escape, a counted
 * repeat (`{1,8}`), `.+` / `.*`, a quantifier after a class or group, an alternation.
 */
const REGEX_SYNTAX = /\[\^|\[[^\]\s`]*[a-zA-Z0-9]-[a-zA-Z0-9][^\]\s`]*\]|\\|\{\d+(,\d*)?\}|\(\?|\.[*+]|[\])][*+?]|\|/;

type DataPattern = Extract<Pattern, { kind: 'data' }>;

/** Every data pattern of the bundled grammar with each place it stands: an element's text or an attribute's value. */
function dataPlaces(): { data: DataPattern; place: ValuePlace }[] {
  const found: { data: DataPattern; place: ValuePlace }[] = [];
  const visit = (p: Pattern, elements: string[], attributes: string[] | undefined, seen: Set<Pattern>): void => {
    if (seen.has(p)) return;
    seen.add(p);
    if (p.kind === 'data') {
      for (const element of elements) {
        if (!attributes) found.push({ data: p, place: { element } });
        else for (const attribute of attributes) found.push({ data: p, place: { element, attribute } });
      }
      return;
    }
    if (p.kind === 'attribute') {
      visit(p.p, elements, plainNames(p.name), new Set());
      return;
    }
    for (const inner of subpatterns(p)) visit(inner, elements, attributes, seen);
  };
  for (const definition of SCHEMA.grammar.elements) visit(definition.content, plainNames(definition.name), undefined, new Set());
  return found;
}

/** `said` in both languages: the English is `english`, the Chinese is Chinese with every parameter filled in. */
function assertSaid(said: Words | undefined, english: string, context: string): void {
  assert.ok(said, `${context}: has words`);
  assert.equal(render(said, 'en'), english, context);
  const chinese = render(said, 'zh');
  assert.doesNotMatch(chinese, /\{\w+\}/, `${context}: every parameter filled in: ${chinese}`);
  assert.match(chinese, CHINESE, `${context}: in Chinese: ${chinese}`);
}

function findings(text: string): Finding[] {
  return validateTree(SCHEMA.derivatives, SCHEMA.datatypes, text, parseDocument(text));
}

test('every data pattern of the bundled schema is said in words, not as a regex, in both languages', () => {
  const places = dataPlaces();
  assert.ok(places.length > 500, `${places.length} places`);
  const patterned = new Set<DataPattern>();
  const failures: string[] = [];
  for (const { data, place } of places) {
    const said = SCHEMA.datatypes.describe(data, place);
    const pattern = data.params.find((param) => param.name === 'pattern')?.value;
    if (pattern) patterned.add(data);
    for (const language of ['en', 'zh'] as Language[]) {
      const text = render(said, language);
      const where = `${place.element}${place.attribute ? `@${place.attribute}` : ''} (${data.define ?? data.type} ${pattern ?? ''}) in ${language}: ${text}`;
      if (REGEX_SYNTAX.test(text) || (pattern && pattern.length > 2 && text.includes(pattern))) failures.push(where);
      if (language === 'zh' && !CHINESE.test(text) && /[a-z]{3}/.test(text.replace(/`[^`]*`/g, '').replace(/\b(?:USB|NUMA|vCPU|CPU|IOThread|UUID|MAC|IPv[46]|URI|WWPN|NVMe)\b/g, ''))) {
        failures.push(`${where}: not Chinese`);
      }
    }
  }
  assert.ok(patterned.size > 60, `${patterned.size} data patterns with a pattern`);
  assert.deepEqual(failures, []);
});

test("libvirt's id lists are named by what their ids are, not all CPU lists", () => {
  const said = (xml: string, needle: string, language: Language = 'en') => {
    const [finding] = findings(xml).filter((f) => f.code === 'bad-attribute-value' && xml.slice(f.start, f.end) === `'${needle}'`);
    assert.ok(finding?.words, `a finding on ${needle}`);
    return render(finding.words, language);
  };
  const domain = (inner: string) => `<domain type='kvm'><name>a</name><memory>1</memory>${inner}<os><type>hvm</type></os></domain>`;
  assert.equal(said(domain("<numatune><memory nodeset='x'/></numatune>"), 'x'), '`nodeset` must be a NUMA node list like 0-1.');
  assert.equal(said(domain("<numatune><memory nodeset='x'/></numatune>"), 'x', 'zh'), '`nodeset` 必须是 NUMA 节点列表，如 0-1。');
  assert.equal(said(domain("<numatune><memnode cellid='0' mode='strict' nodeset='y'/></numatune>"), 'y'), '`nodeset` must be a NUMA node list like 0-1.');
  assert.equal(said(domain("<vcpu>2</vcpu><cputune><vcpupin vcpu='0' cpuset='z'/></cputune>"), 'z'), '`cpuset` must be a CPU list like 0-3,^2.');
  assert.equal(said(domain("<vcpu>2</vcpu><cputune><vcpusched vcpus='w' scheduler='fifo' priority='1'/></cputune>"), 'w'), '`vcpus` must be a vCPU list like 0-3,^2.');
  assert.equal(said(domain("<vcpu>2</vcpu><cputune><iothreadsched iothreads='v' scheduler='batch'/></cputune>"), 'v'), '`iothreads` must be an IOThread list like 1-2.');
  assert.equal(said(domain("<vcpu>2</vcpu><cpu><numa><cell id='0' cpus='u' memory='1'/></numa></cpu>"), 'u'), '`cpus` must be a vCPU list like 0-3,^2.');
  const hugepages = said(domain("<memoryBacking><hugepages><page size='2048' nodeset='t'/></hugepages></memoryBacking>"), 't');
  assert.equal(hugepages, '`nodeset` must be a NUMA node list like 0-1.');
});

test('patterns are said by what the value is: paths, bridges, MACs, addresses of devices', () => {
  const place = (element: string, attribute: string | undefined, define: string) => {
    const entry = dataPlaces().find((p) => p.place.element === element && p.place.attribute === attribute && p.data.define === define);
    assert.ok(entry, `${element}@${attribute} ${define}`);
    return [render(SCHEMA.datatypes.describe(entry.data, entry.place), 'en'), render(SCHEMA.datatypes.describe(entry.data, entry.place), 'zh')];
  };
  assert.deepEqual(place('source', 'bridge', 'interface-bridge-attributes'), ['a bridge device name like virbr0', '网桥设备名，如 virbr0']);
  assert.deepEqual(place('source', 'file', 'vmwarePath'), ['a VMware datastore path like [datastore1] vm/vm.vmdk', 'VMware 数据存储路径，如 [datastore1] vm/vm.vmdk']);
  assert.deepEqual(place('source', 'file', 'absFilePath'), ['an absolute path like /var/lib/libvirt/images/vm.qcow2', '绝对路径，如 /var/lib/libvirt/images/vm.qcow2']);
  assert.deepEqual(place('address', 'slot', 'pciSlot'), ['a PCI slot number from 0x00 to 0x1f', '0x00 到 0x1f 的 PCI 插槽号']);
  assert.deepEqual(place('mac', 'address', 'uniMacAddr'), ['a unicast MAC address like 52:54:00:12:34:56', '单播 MAC 地址，如 52:54:00:12:34:56']);
  assert.deepEqual(place('audio', 'runtimeDir', 'filePath'), ['a file path', '文件路径']);
  assert.deepEqual(place('quota', undefined, 'cpuquota'), [
    'an integer from -1 to 17592186044415 written as digits with an optional leading minus sign',
    '-1 到 17592186044415 的整数（只能写数字，可带前导负号）',
  ]);
});

test('every kind of validation finding carries words: English exactly the message, Chinese in Chinese', () => {
  const broken = [
    WEB01.replace("type='kvm'", "type='kvn'"),
    WEB01.replace("placement='static'", "placment='static'"),
    WEB01.replace("placement='static'", "placement='statik'"),
    WEB01.replace('>2</vcpu>', '>two</vcpu>'),
    WEB01.replace('<on_poweroff>destroy', '<on_poweroff>destory'),
    WEB01.replace("<vcpupin vcpu='0' cpuset='1'/>", "<vcpupin cpuset='1'/>"),
    WEB01.replace("<mac address='52:54:00:12:34:56'/>", "<mac address='53:54:00:12:34:56'/>"),
    WEB01.replace('<name>web01</name>', '<name>web01</name><name>b</name>'),
    WEB01.replace('<disk type', '<dsk/><disk type'),
    WEB01.replace('<devices>', '<devices>text'),
    WEB01.replace("<target dev='vda' bus='virtio'/>", ''),
    WEB01.replace("<graphics type='vnc' port='-1'/>", "<graphics type='vnc' port='-1'/><panic model='isa'><address type='isa' iobase='x'/></panic>"),
    WEB01.replace('<devices>', "<devices><interface type='bridge'><source bridge='a|b'/></interface>"),
    WEB01.replace("<source file='/var/lib/libvirt/images/web01.qcow2'/>", "<source file='relative.qcow2'/>"),
  ];
  const codes = new Set<string>();
  for (const text of broken) {
    const found = findings(text);
    assert.ok(found.length > 0, text);
    for (const finding of found) {
      codes.add(finding.code);
      assertSaid(finding.words, finding.message, `${finding.code}: ${finding.message}`);
      assert.doesNotMatch(render(finding.words!, 'zh'), /\b(?:must be|is not allowed|needs|did you mean)\b/i, finding.message);
    }
  }
  assert.deepEqual([...codes].sort(), ['bad-attribute-value', 'bad-value', 'missing-attribute', 'missing-content', 'unexpected-attribute', 'unexpected-element', 'unexpected-text']);
});

test('a few findings as a Chinese user reads them', () => {
  const zh = (text: string) => findings(text).map((f) => render(f.words!, 'zh'));
  assert.deepEqual(zh(WEB01.replace('<disk type', '<dsk/><disk type')), [
    '在 `<devices>` 中不允许 `<dsk>`。是不是要写 `<disk>`？',
  ]);
  assert.deepEqual(zh(WEB01.replace("placement='static'", "placment='static'")), ['`<vcpu>` 没有属性 `placment`；它可用的属性有：`placement`、`cpuset`、`current`。是不是要写 `placement`？']);
  assert.deepEqual(zh(WEB01.replace('<on_poweroff>destroy', '<on_poweroff>destory')), ['`<on_poweroff>` 必须是 `destroy`、`restart`、`preserve` 或 `rename-restart`：是不是要写 `destroy`？']);
});

test("every finding on libvirt's invalid corpus carries words that say its message", (t) => {
  const corpus = path.join(SHARED, 'corpus', 'invalid');
  if (!fs.existsSync(corpus)) return t.skip('../shared is not here');
  let count = 0;
  for (const file of xmlFilesUnder(corpus)) {
    for (const finding of findings(fs.readFileSync(file, 'utf8'))) {
      count++;
      assert.ok(finding.words, `${file}: ${finding.message}`);
      assert.equal(render(finding.words, 'en'), finding.message, file);
      assert.doesNotMatch(render(finding.words, 'zh'), /\{\w+\}/, file);
    }
  }
  assert.ok(count > 0);
});

test("hover's schema lines and completion's details in the user's language", () => {
  const analysis = analysisOf(WEB01, SCHEMA);
  const at = (needle: string, shift = 1) => WEB01.indexOf(needle) + shift;
  const pin = (language: Language) => hoverAt(analysis, at("vcpu='0'"), DOCS, language)!.markdown;
  assert.match(pin('en'), /\*\*Schema:\*\* required attribute · an integer from 0 to 65535 written as digits only/);
  assert.match(pin('zh'), /\*\*Schema：\*\* 必需属性 · 0 到 65535 的整数（只能写数字）/);
  const vcpupin = (language: Language) => hoverAt(analysis, at('<vcpupin'), DOCS, language)!.markdown;
  assert.match(vcpupin('en'), /\*\*Schema:\*\* optional, repeatable element · 2 attributes allowed; required: `vcpu`, `cpuset`/);
  assert.match(vcpupin('zh'), /\*\*Schema：\*\* 可选元素，可重复 · 可有 2 个属性；必需：`vcpu`、`cpuset`/);
  const placement = hoverAt(analysis, at("'static'"), DOCS, 'zh')!.markdown;
  assert.match(placement, /`static`：允许的值之一（另一个是 `auto`）。/);
  assert.match(placement, /\*\*Schema：\*\* 可选属性 · 允许的值：static \| auto/);
  const memory = hoverAt(analysis, at('1048576'), DOCS, 'zh')!.markdown;
  assert.match(memory, /\*\*1048576 KiB = 1 GiB（1,073,741,824 字节）\*\*/);

  const items = completeAt(analysisOf("<domain type='kvm'><</domain>", SCHEMA), "<domain type='kvm'><".length);
  const name = items.find((item) => item.label === 'name')!;
  assertSaid(name.detailWords, name.detail, 'element detail');
  assert.equal(render(name.detailWords!, 'zh'), '元素 · 必需 · 非空的单行文本');
  const vcpu = items.find((item) => item.label === 'vcpu')!;
  assert.equal(render(vcpu.detailWords!, 'zh'), '元素 · 可选 · 1 到 65535 的整数（只能写数字）');
  for (const item of items) assert.equal(render(item.detailWords!, 'en'), item.detail, item.label);
  const attributes = completeAt(analysisOf("<domain type='kvm'><vcpu ></vcpu></domain>", SCHEMA), "<domain type='kvm'><vcpu ".length);
  const cpuset = attributes.find((item) => item.label === 'cpuset')!;
  assert.equal(cpuset.detail, 'attribute · optional · a CPU list like 0-3,^2');
  assert.equal(render(cpuset.detailWords!, 'zh'), '属性 · 可选 · CPU 列表，如 0-3,^2');
});
