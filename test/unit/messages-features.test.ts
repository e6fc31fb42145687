/**
 * The editor's features in the user's language (issue 13): the words the outline adds to a
 * document's values, why a rename is refused, and what a completed id or host path is, are
 * catalogue words whose English is what the feature shows in English and whose Chinese is Chinese.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { completeAt } from '../../server/src/features/completion';
import { PathQuery, completePath } from '../../server/src/features/pathCompletion';
import { Refusal, prepareReferenceRename, referenceRenameEdits } from '../../server/src/features/references/rename';
import { DocumentSymbolItem, MAX_DOCUMENT_SYMBOLS, documentSymbols } from '../../server/src/features/symbols';
import { renameTagAt } from '../../server/src/features/tagPairs';
import { Words, render } from '../../server/src/messages/words';
import { SHARED, xmlFilesUnder } from './helpers/corpus';
import { analysisOf, bundledSchema } from './helpers/documents';

const SCHEMA = bundledSchema();
const HAN = /[\u4e00-\u9fff]/;

function flatten(symbols: readonly DocumentSymbolItem[]): DocumentSymbolItem[] {
  return symbols.flatMap((symbol) => [symbol, ...flatten(symbol.children)]);
}

/** Each symbol's name and detail as a Chinese user reads them, after checking the words render the English. */
function inChinese(symbols: readonly DocumentSymbolItem[]): { name: string; detail: string | undefined }[] {
  return flatten(symbols).map((symbol) => {
    if (symbol.nameWords) assert.equal(render(symbol.nameWords, 'en'), symbol.name);
    if (symbol.detailWords) assert.equal(render(symbol.detailWords, 'en'), symbol.detail);
    assert.ok(!symbol.detailWords || symbol.detail !== undefined, `${symbol.name}: words for no detail`);
    return { name: symbol.nameWords ? render(symbol.nameWords, 'zh') : symbol.name, detail: symbol.detailWords ? render(symbol.detailWords, 'zh') : symbol.detail };
  });
}

const DOMAIN = `<domain type='kvm'>
  <name>zh</name>
  <memory unit='KiB'>4194304</memory>
  <vcpu placement='static'>4</vcpu>
  <vcpus>
    <vcpu id='0' enabled='yes'/>
    <vcpu id='1' enabled='no'/>
  </vcpus>
  <iothreads>2</iothreads>
  <memoryBacking>
    <hugepages><page size='2' unit='M' nodeset='0'/></hugepages>
  </memoryBacking>
  <numatune>
    <memory mode='strict' nodeset='0-1'/>
  </numatune>
  <cpu mode='host-passthrough'>
    <topology sockets='1' dies='1' clusters='2' cores='1' threads='2'/>
    <numa>
      <cell cpus='0-3' memory='4194304' unit='KiB'/>
    </numa>
  </cpu>
  <clock offset='utc'>
    <timer name='hpet' present='no'/>
    <timer name='rtc' tickpolicy='catchup'/>
  </clock>
  <os><type>hvm</type></os>
  <devices>
    <controller type='scsi' model='virtio-scsi'/>
    <memory model='dimm'><target><size unit='MiB'>512</size><node>0</node></target></memory>
  </devices>
</domain>
`;

test("the outline's own words in Chinese; names and values from the document as written", () => {
  const names = inChinese(documentSymbols(analysisOf(DOMAIN, SCHEMA))).map((symbol) => symbol.name);
  for (const expected of [
    'vcpu 1 · 已禁用',
    'vcpu 0',
    'page 2 MiB · 节点 0',
    'memory strict · 节点 0-1',
    'topology 1 插槽 · 1 die · 2 簇 · 1 核 · 2 线程',
    'timer hpet · 关闭',
    'timer rtc · catchup',
    'memory dimm · 512 MiB · 节点 0',
    'controller scsi · virtio-scsi',
  ]) {
    assert.ok(names.includes(expected), `"${expected}" not among ${names.join(' | ')}`);
  }
  const english = flatten(documentSymbols(analysisOf(DOMAIN, SCHEMA))).map((symbol) => symbol.name);
  assert.ok(english.includes('topology 1 socket · 1 die · 2 clusters · 1 core · 2 threads'), english.join(' | '));
  assert.ok(english.includes('vcpu 1 · disabled') && english.includes('timer hpet · off'));
});

test('a section cut short by the outline says so in Chinese', () => {
  const devices = MAX_DOCUMENT_SYMBOLS + 50;
  const symbols = documentSymbols(analysisOf(`<domain><name>big</name><devices>${"<disk type='file'><target dev='vda'/></disk>".repeat(devices)}</devices></domain>`, SCHEMA));
  const section = inChinese(symbols).find((symbol) => symbol.name === 'devices');
  assert.equal(section?.detail, `显示了 ${devices.toLocaleString('en')} 个中的 ${(MAX_DOCUMENT_SYMBOLS - 3).toLocaleString('en')} 个`);
});

test("libvirt's corpus: the outline's words render the English names and details", (t) => {
  const corpus = path.join(SHARED, 'corpus', 'valid');
  if (!fs.existsSync(corpus)) return t.skip('../shared is not here');
  let worded = 0;
  for (const file of xmlFilesUnder(corpus)) {
    const symbols = flatten(documentSymbols(analysisOf(fs.readFileSync(file, 'utf8'), SCHEMA)));
    inChinese(symbols);
    worded += symbols.filter((symbol) => symbol.nameWords || symbol.detailWords).length;
  }
  assert.ok(worded > 100, `${worded} symbols with words`);
});

const REFERENCES = `<domain type='kvm'>
  <name>refs</name>
  <memory unit='KiB'>1048576</memory>
  <vcpu placement='static'>4</vcpu>
  <iothreads>3</iothreads>
  <iothreadids><iothread id='1'/><iothread id='2'/><iothread id='3'/></iothreadids>
  <cputune>
    <vcpupin vcpu='0' cpuset='1'/>
    <iothreadsched iothreads='1-2' scheduler='fifo' priority='1'/>
  </cputune>
  <cpu><numa><cell cpus='0-3' memory='1048576' unit='KiB'/></numa></cpu>
  <os><type>hvm</type></os>
  <devices>
    <controller type='pci' index='0' model='pcie-root'/>
    <controller type='pci' index='1' model='pcie-root-port'/>
    <controller type='usb' model='qemu-xhci'/>
    <interface type='network'><source network='default'/><alias name='ua-net0'/></interface>
  </devices>
</domain>
`;

function at(needle: string, shift: number): number {
  const offset = REFERENCES.indexOf(needle);
  assert.ok(offset >= 0, needle);
  return offset + shift;
}

/** The refusal's Chinese, after checking its words render its English. */
function refusedInChinese(result: unknown): string {
  assert.ok(result && typeof result === 'object' && 'error' in result, JSON.stringify(result));
  const { error, errorWords } = result as Refusal;
  assert.equal(render(errorWords, 'en'), error);
  const chinese = render(errorWords, 'zh');
  assert.match(chinese, HAN, chinese);
  assert.doesNotMatch(chinese, /\{\w+\}/, chinese);
  return chinese;
}

test('every refused rename says why in English and in Chinese', () => {
  const analysis = analysisOf(REFERENCES, SCHEMA);
  const rename = (offset: number, value: string) => referenceRenameEdits(analysis, offset, value);
  const iothread = at("<iothread id='3'", 14);
  const cases: [unknown, string][] = [
    [prepareReferenceRename(analysis, at("vcpu='0'", 6)), 'vCPU 0 不能在此处重命名：vCPU 按 `<vcpu>` 的数量从 0 开始编号：没有可重命名的 id'],
    [prepareReferenceRename(analysis, at("<cell cpus", 1)), '这个节点没有 `id`：libvirt 按它的位置编号。写上 `id` 才能重命名'],
    [prepareReferenceRename(analysis, at("<controller type='usb'", 1)), '这个控制器的 index 由 libvirt 分配：写上 `index` 才能重命名'],
    [prepareReferenceRename(analysis, at("iothreads='1-2'", 11)), '`<iothreadsched iothreads>` 中的 `1-2` 是一个范围：请先把它改写为单个 id'],
    [prepareReferenceRename(analysis, iothread), ''],
    [rename(iothread, '1'), '已经有 IOThread 1：把 3 重命名为它会把两者合而为一'],
    [rename(iothread, 'two'), '`two` 不是无符号整数：IOThread 的 id 必须是无符号整数'],
    [rename(iothread, '0'), 'IOThread 的 id 从 1 开始：libvirt 不接受 0'],
    [rename(at("index='1'", 7), '300'), 'PCI 控制器的 index 就是它提供的总线号：最大为 255，不能是 300'],
    [rename(at("index='1'", 7), 'x'), '`x` 不是无符号整数：pci 控制器的 index 必须是无符号整数'],
    [rename(at("name='ua-net0'", 6), 'net0'), '`net0` 不是用户别名：libvirt 只保留以 `ua-` 开头、后接字母、数字、`_`、`-` 或 `.` 的别名'],
    [renameTagAt(analysis, at('<numa>', 1), ''), '元素需要名称。'],
    [renameTagAt(analysis, at('<numa>', 1), 'a:b:c'), '`a:b:c` 不是有效的元素名称：`:` 只能用来分隔命名空间前缀和名称，如 `qemu:commandline`。'],
  ];
  for (const [result, chinese] of cases) {
    if (chinese === '') {
      assert.ok(result && typeof result === 'object' && 'placeholder' in result, 'a written id may be renamed');
      continue;
    }
    assert.equal(refusedInChinese(result), chinese);
  }
});

test('a rename blocked by a use that is not a single id names the id and the reason', () => {
  const analysis = analysisOf(REFERENCES, SCHEMA);
  const result = referenceRenameEdits(analysis, at("<iothread id='1'", 14), '5');
  assert.equal(refusedInChinese(result), 'IOThread 1 不能在此处重命名：`<iothreadsched iothreads>` 中的 `1-2` 是一个范围：请先把它改写为单个 id');
  assert.equal((result as Refusal).error, 'IOThread 1 cannot be renamed here: `1-2` in `<iothreadsched iothreads>` is a range: rewrite it as single ids first');
  const said: Words = (result as Refusal).errorWords;
  assert.equal(said.key, 'rename.blocked');
});

test('what a completed id is, in English and in Chinese', () => {
  const detailsAt = (needle: string, shift: number) => {
    const text = REFERENCES.replace("<interface type='network'>", `<disk type='file'><driver name='qemu' iothread=''/><target dev='vda'/></disk>\n    <interface type='network'><teaming type='transient' persistent=''/>`);
    const offset = text.indexOf(needle) + shift;
    return completeAt(analysisOf(text, SCHEMA), offset)
      .filter((item) => item.detailWords)
      .map((item) => {
        assert.equal(render(item.detailWords!, 'en'), item.detail);
        return `${item.label}: ${render(item.detailWords!, 'zh')}`;
      });
  };
  assert.deepEqual(detailsAt("iothread=''", 10), ['1: IOThread 1', '2: IOThread 2', '3: IOThread 3']);
  assert.deepEqual(detailsAt("persistent=''", 12), ['ua-net0: <interface> 的别名']);
});

test('what a completed host path is, in English and in Chinese', async () => {
  const query: PathQuery = {
    directory: '/var/lib/libvirt/images',
    partial: '',
    typedDirectory: '',
    insertDirectory: '',
    replaceStart: 0,
    replaceEnd: 0,
    quote: "'",
    slashFollows: false,
  };
  const entries = [
    { name: 'web01.qcow2', kind: 'file' as const },
    { name: 'old', kind: 'directory' as const },
    { name: 'latest.qcow2', kind: 'symlink' as const },
  ];
  const { suggestions } = await completePath(query, async () => ({ entries, complete: true }));
  assert.deepEqual(
    suggestions.map((s) => [s.detail, render(s.detailWords, 'zh')]),
    [
      ['folder in /var/lib/libvirt/images/', '/var/lib/libvirt/images/ 中的文件夹'],
      ['symbolic link in /var/lib/libvirt/images/', '/var/lib/libvirt/images/ 中的符号链接'],
      ['file in /var/lib/libvirt/images/', '/var/lib/libvirt/images/ 中的文件'],
    ],
  );
});
