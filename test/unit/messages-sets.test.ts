/**
 * cpuset/nodeset lists in the user's language (issue 13): every finding and fix title the checks
 * make carries words whose English is exactly the message, and whose Chinese is Chinese; the
 * hover and completion say the same in either language.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ElementDocs } from '../../server/src/docs/elementDocs';
import { CompletionSuggestion, completeAt } from '../../server/src/features/completion';
import { SetNoun, checkSet } from '../../server/src/features/cpuset/checkSet';
import { describeSet } from '../../server/src/features/cpuset/describeSet';
import { HostTopology, checkDocumentSets, setSafeFixEdits } from '../../server/src/features/cpuset/documentSets';
import { setAttributeKeysOf } from '../../server/src/features/cpuset/setAttributes';
import { hoverAt } from '../../server/src/features/hover';
import { Finding } from '../../server/src/finding';
import { Language, Words, render } from '../../server/src/messages/words';
import { ParsedDocument } from '../../server/src/parser/parsedDocument';
import { analysisOf, bundledSchema } from './helpers/documents';

const SCHEMA = bundledSchema();
const HOST: HostTopology = { cpus: [[0, 15]], nodes: [[0, 1]] };
const NOUNS: SetNoun[] = ['CPU', 'vCPU', 'node', 'iothread', 'id'];
const CHINESE = /[\u4e00-\u9fff]/;

/** `said` in both languages: the English is `english`, the Chinese is Chinese and has every parameter filled in. */
function assertSaid(said: Words | undefined, english: string, context: string): void {
  assert.ok(said, `${context}: has words`);
  assert.equal(render(said, 'en'), english, context);
  const chinese = render(said, 'zh');
  assert.doesNotMatch(chinese, /\{\w+\}/, `${context}: every parameter filled in: ${chinese}`);
  // Said in Chinese, unless there is nothing to translate (`vCPU 0`: names, numbers and code).
  const neutral = english.replace(/`[^`]*`/g, '').replace(/\b(?:v?CPUs?|NUMA|IOThreads?|libvirt)\b/g, '');
  if (/[a-z]/.test(neutral)) assert.match(chinese, CHINESE, `${context}: in Chinese: ${chinese}`);
}

function assertFindingsSaid(findings: readonly (Finding & { fix?: { title: string; titleWords?: Words } })[], context: string): void {
  for (const finding of findings) {
    assertSaid(finding.words, finding.message, `${context} ${finding.code}`);
    for (const fix of [...(finding.fixes ?? []), ...(finding.fix ? [finding.fix] : [])]) assertSaid(fix.titleWords, fix.title, `${context} ${finding.code} fix`);
  }
}

/** Every list of up to `length` characters from `alphabet`. */
function* lists(alphabet: string, length: number): Generator<string> {
  if (length === 0) {
    yield '';
    return;
  }
  for (const shorter of lists(alphabet, length - 1)) {
    yield shorter;
    if (shorter.length === length - 1) for (const c of alphabet) yield shorter + c;
  }
}

test('every finding and fix of the set checks has words: English exactly the message, Chinese in Chinese', () => {
  const codes = new Set<string>();
  const values = new Set([...lists('019-^, a', 4), '4-1', '^2-3', '^1-99', '16384', '1-3,^2,2', '^3,1-4', '0-31', '20-23', '1,0', '0-3,2', '0-3,2-5']);
  for (const value of values) {
    for (const noun of NOUNS) {
      for (const host of [undefined, [[0, 15]] as const, [] as const]) {
        const findings = checkSet(value, { noun, host });
        for (const finding of findings) codes.add(finding.code);
        assertFindingsSaid(findings, `${JSON.stringify(value)} (${noun})`);
      }
    }
  }
  // Every code of the table in checkSet.ts was met.
  assert.deepEqual([...codes].sort(), [
    'cpuset-bad-item',
    'cpuset-beyond-host',
    'cpuset-duplicate',
    'cpuset-empty-item',
    'cpuset-empty-set',
    'cpuset-empty-value',
    'cpuset-id-too-large',
    'cpuset-negated-range',
    'cpuset-negation-before-range',
    'cpuset-noop-negation',
    'cpuset-not-canonical',
    'cpuset-overlap',
    'cpuset-reversed-range',
    'cpuset-space',
  ]);
});

test('representative set findings in Chinese', () => {
  const said = (value: string, code: string, options: Parameters<typeof checkSet>[1] = {}, language: Language = 'zh') => {
    const finding = checkSet(value, options).find((f) => f.code === code);
    assert.ok(finding?.words, `${value}: ${code}`);
    return { message: render(finding.words, language), title: finding.fix && render(finding.fix.titleWords, language) };
  };
  assert.deepEqual(said('0,4-1', 'cpuset-reversed-range'), { message: '`4-1` 是倒序的：libvirt 要求范围的起点是较小的 CPU，应为 `1-4`。', title: '调换为 `1-4`' });
  assert.deepEqual(said('1, 2', 'cpuset-space'), { message: '此列表中不允许有空格。', title: '删除空格' });
  assert.equal(said('0-1,x', 'cpuset-bad-item', { noun: 'node' }).message, '`x` 既不是 NUMA 节点编号，也不是 `2-5` 这样的范围或 `^3` 这样的排除项。');
  assert.equal(said('16384', 'cpuset-id-too-large').message, '`16384` 太大：libvirt 只接受 0 到 16383 的 CPU 编号。');
  assert.deepEqual(said('0-31', 'cpuset-beyond-host', { host: [[0, 15]] }), {
    message: '此宿主机上没有 CPU 16-31（宿主机：CPU 0-15）：虚拟机无法在此启动。',
    title: '删除此宿主机上没有的 CPU',
  });
  assert.equal(said('0-31', 'cpuset-beyond-host', { host: [[0, 15]] }, 'en').message, 'CPUs 16-31 are not on this host (it has CPUs 0-15): the guest will not start here.');
  assert.equal(said('2', 'cpuset-beyond-host', { host: [] }).message, '此宿主机上没有 CPU 2（宿主机：没有 CPU）：虚拟机无法在此启动。');
});

test("the document's set findings and the safe fix-all edits carry words", () => {
  const text = `<domain type='kvm'><name>a</name><memory>1</memory><vcpu cpuset='1, 2,4-3,'>4</vcpu><cputune><vcpupin vcpu='0' cpuset='0-31,^40'/></cputune><numatune><memory nodeset='0-3'/></numatune><os><type>hvm</type></os></domain>`;
  const document = ParsedDocument.parse(text, Number.POSITIVE_INFINITY);
  const keys = setAttributeKeysOf(SCHEMA);
  const findings = checkDocumentSets(document.source, document.tree, keys, HOST);
  assert.ok(findings.length >= 5);
  assertFindingsSaid(findings, 'document');
  const edits = setSafeFixEdits(text, document.tree, keys, HOST);
  assert.ok(edits.length >= 2);
  for (const edit of edits) assertSaid(edit.titleWords, edit.title, 'fix-all edit');
  assert.equal(render(edits[0].titleWords!, 'zh'), '`cpuset`：1,2,3-4');
});

test('describeSet: the summary in words, in either language', () => {
  for (const [value, options] of [['1-4,^3,6', { host: [[0, 3]] }], ['0-7', { noun: 'node', host: [[0, 7]] }], ['5', {}], ['0,4-1', {}], ['7', { host: [] }]] as const) {
    const described = describeSet(value, options);
    assertSaid(described.summaryWords, described.summary, value);
  }
  assert.equal(render(describeSet('1-4,^3,6', { host: [[0, 3]] }).summaryWords, 'zh'), '4 个 CPU：1, 2, 4, 6。不在此宿主机上（宿主机：CPU 0-3）：CPU 4,6。');
  assert.equal(render(describeSet('0,4-1').summaryWords, 'zh'), 'libvirt 不接受此列表：`4-1` 是倒序的：libvirt 要求范围的起点是较小的 CPU，应为 `1-4`。');
});

const domain = (inside: string) => `<domain type='kvm'><name>a</name><memory>1</memory><vcpu>4</vcpu>${inside}<os><type>hvm</type></os><devices/></domain>`;

test("the hover on a set value in the user's language", () => {
  const docs = new ElementDocs([]);
  const at = (xml: string, needle: string, language: Language, host: HostTopology | undefined = HOST) =>
    hoverAt(analysisOf(xml, SCHEMA, host), xml.indexOf(needle), docs, language)!.markdown;
  const pinned = domain("<cputune><vcpupin vcpu='0' cpuset='1-4,^3,6,20'/></cputune>");
  const english = at(pinned, '1-4,^3', 'en');
  assert.match(english, /\*\*`cpuset`\*\* of `<vcpupin>` · host CPUs/);
  assert.match(english, /\*\*Not on this host\*\* \(it has CPUs 0-15\): CPU 20\./);
  const chinese = at(pinned, '1-4,^3', 'zh');
  assert.match(chinese, /`<vcpupin>` 的 \*\*`cpuset`\*\* · 宿主机 CPU/);
  assert.match(chinese, /\*\*5 个 CPU\*\*：1, 2, 4, 6, 20/);
  assert.match(chinese, /libvirt 输出为 `1-2,4,6,20`。/);
  assert.match(chinese, /\*\*不在此宿主机上\*\*（宿主机：CPU 0-15）：CPU 20。/);
  const rejected = at(domain("<numatune><memory nodeset='1, 0'/></numatune>"), '1, 0', 'zh');
  assert.match(rejected, /宿主机 NUMA 节点\n\nlibvirt 不接受此列表：此列表中不允许有空格。/);
  assert.match(at(domain("<numatune><memory nodeset='0-1'/></numatune>"), '0-1', 'zh'), /全部在此宿主机上（宿主机：NUMA 节点 0-1）。/);
});

test('completion details of set values have words: English exactly the detail, Chinese in Chinese', () => {
  const complete = (marked: string, trigger?: string): CompletionSuggestion[] => {
    const offset = marked.indexOf('|');
    const text = marked.slice(0, offset) + marked.slice(offset + 1);
    return completeAt(analysisOf(text, SCHEMA, HOST), offset, trigger).filter((s) => s.detailWords);
  };
  const cases = [
    domain("<cputune><vcpupin vcpu='0' cpuset='|'/></cputune>"),
    domain("<cputune><vcpupin vcpu='0' cpuset='0-3,^|'/></cputune>"),
    domain("<cputune><vcpupin vcpu='0' cpuset='12-|'/></cputune>"),
    domain("<numatune><memory nodeset='|'/></numatune>"),
    domain("<cputune><vcpupin vcpu='|' cpuset='0'/></cputune>"),
    domain("<cputune><cachetune vcpus='|'><cache id='0' level='3' type='both' size='3' unit='MiB'/></cachetune></cputune>"),
  ];
  const details = new Map<string, string>();
  for (const marked of cases) {
    const suggestions = complete(marked);
    assert.ok(suggestions.length > 0, marked);
    for (const suggestion of suggestions) {
      assertSaid(suggestion.detailWords, suggestion.detail, `${marked}: ${suggestion.label}`);
      details.set(suggestion.detail, render(suggestion.detailWords!, 'zh'));
    }
  }
  assert.equal(details.get('all 16 host CPUs online'), '宿主机全部 16 个在线 CPU');
  assert.equal(details.get('host CPU 3 · online'), '宿主机 CPU 3 · 在线');
  assert.equal(details.get('leaves out host CPU 2'), '宿主机 CPU 2 · 排除');
  assert.equal(details.get('host CPUs 12-15 (4)'), '宿主机 CPU 12-15（4 个）');
  assert.equal(details.get('all 2 host NUMA nodes online'), '宿主机全部 2 个在线 NUMA 节点');
  assert.equal(details.get('vCPU 1 · not pinned yet'), 'vCPU 1 · 尚未绑定');
  assert.equal(details.get('all 4 vCPUs of the guest'), '虚拟机的全部 4 个 vCPU');
});
