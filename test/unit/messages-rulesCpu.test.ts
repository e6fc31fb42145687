/**
 * The rules of rules/cpu, rules/boot and rules/buses in the user's language (issue 13): each
 * rule's help and every finding, related place and fix title are catalogue words, the English
 * exactly as before and the Chinese a translation that keeps the English code spans.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { RULES_CPU_EN } from '../../server/src/messages/en/rulesCpu';
import { RULES_CPU_ZH } from '../../server/src/messages/zh/rulesCpu';
import { render } from '../../server/src/messages/words';
import { ParsedDocument } from '../../server/src/parser/parsedDocument';
import { helpIn, runRules } from '../../server/src/rules';
import { bootRules } from '../../server/src/rules/boot';
import { featureMachineRule } from '../../server/src/rules/boot/features';
import { busesRules } from '../../server/src/rules/buses';
import { pciAddressDoubleUseRule } from '../../server/src/rules/buses/pciAddresses';
import { cpuRules } from '../../server/src/rules/cpu';
import { memoryHotplugRule } from '../../server/src/rules/cpu/memory';
import { numaVcpusUncoveredRule } from '../../server/src/rules/cpu/numa';
import { Domain } from '../../server/src/rules/domain';
import { SHARED, xmlFilesUnder } from './helpers/corpus';
import { assertWorded, kvmDomain, ruleFindings } from './helpers/wordedRules';

const RULES = [...cpuRules, ...bootRules, ...busesRules];
const CODES = new Set(RULES.map((rule) => rule.code));
const CJK = /[\u4e00-\u9fff]/;

test('every rule of rules/cpu, rules/boot and rules/buses has its help as catalogue words, in English and in Chinese', () => {
  for (const rule of RULES) {
    assert.equal(typeof rule.help, 'object', `${rule.code}: help is catalogue words`);
    assert.match(helpIn(rule, 'zh'), CJK, `${rule.code}: help in Chinese`);
    assert.notEqual(helpIn(rule, 'zh'), helpIn(rule, 'en'), rule.code);
  }
});

test("the catalogue's keys belong to these rules, and the Chinese keeps the English code spans", () => {
  const codeSpans = (text: string) => (text.match(/`[^`]*`/g) ?? []).sort();
  for (const [key, english] of Object.entries(RULES_CPU_EN)) {
    const code = /^rules\.(?:help\.)?([a-z0-9-]+)/.exec(key)?.[1];
    assert.ok(code && CODES.has(code), `${key} names a rule of these families`);
    const chinese = RULES_CPU_ZH[key as keyof typeof RULES_CPU_EN];
    assert.deepEqual(codeSpans(chinese), codeSpans(english), `${key}: the same code spans as the English`);
    // What is not code, a parameter or a `name='value'` is prose, which the Chinese says in Chinese.
    const prose = english.replace(/`[^`]*`|\{\w+\}|\w+='[^']*'/g, '');
    if (/[a-z]{2,}/i.test(prose)) assert.match(chinese, CJK, `${key}: "${chinese}" is Chinese`);
  }
  for (const rule of RULES) assert.ok(`rules.help.${rule.code}` in RULES_CPU_EN, `${rule.code} has its help in the catalogue`);
});

test('a PCI address taken twice, in Chinese: the finding, the device that holds it and both fixes', () => {
  const text = kvmDomain(
    `<rng model='virtio'>
      <backend model='random'/>
      <address type='pci' bus='0' slot='5'/>
    </rng>
    <memballoon model='virtio'>
      <address type='pci' bus='0' slot='5'/>
    </memballoon>`,
    { machine: 'pc-i440fx-9.0' },
  );
  const [finding] = ruleFindings(pciAddressDoubleUseRule, text);
  assert.equal(finding.message, 'PCI address 0000:00:05.0 is already taken by `<rng>`: libvirt rejects the domain.');
  assert.equal(render(finding.words!, 'zh'), 'PCI 地址 0000:00:05.0 已被 `<rng>` 占用：libvirt 会拒绝这个域。');
  assert.deepEqual(
    finding.related?.map((related) => render(related.words!, 'zh')),
    ['`<rng>` 是 PCI 地址 0000:00:05.0 上的第一个设备'],
  );
  assert.deepEqual(
    finding.fixes?.map((fix) => [fix.title, render(fix.titleWords!, 'zh')]),
    [
      ['Move to the free slot `0000:00:06.0`', '移到空闲插槽 `0000:00:06.0`'],
      ['Remove this address (libvirt picks a free slot)', '删除这个地址（由 libvirt 选择空闲插槽）'],
    ],
  );
});

test('words inside words: the platform a feature is missing on, and counted devices and slots', () => {
  const gic = ruleFindings(featureMachineRule, kvmDomain('', { arch: 'aarch64', machine: 'versatilepb', head: '  <features>\n    <gic/>\n  </features>\n' }));
  assert.equal(gic[0].message, "The `<gic>` feature exists only on ARM `virt` machines, not on arch 'aarch64' and machine type 'versatilepb': libvirt rejects the domain.");
  assert.equal(render(gic[0].words!, 'zh'), "`<gic>` 特性只在 ARM `virt` 机器上提供，不适用于架构 'aarch64'、机器类型 'versatilepb'：libvirt 会拒绝这个域。");

  const dimm = `<memory model='dimm'><target><size unit='KiB'>524288</size><node>0</node></target></memory>`;
  const numa = "  <maxMemory slots='1' unit='GiB'>4</maxMemory>\n  <cpu><numa><cell id='0' cpus='0-1' memory='1048576' unit='KiB'/></numa></cpu>\n";
  const [slots] = ruleFindings(memoryHotplugRule, kvmDomain(dimm + dimm, { head: numa }));
  assert.equal(slots.message, '2 dimm/nvdimm devices need more than the 1 memory slot of `<maxMemory>`: libvirt rejects the domain.');
  assert.equal(render(slots.words!, 'zh'), '2 个 dimm/nvdimm 设备所需的插槽超过了 `<maxMemory>` 的 1 个内存插槽：libvirt 会拒绝这个域。');
});

test('a warning in Chinese: vCPUs libvirt adds to cell 0, with the fix that writes them there', () => {
  const head = "  <cpu><numa><cell id='0' cpus='0' memory='1048576' unit='KiB'/></numa></cpu>\n";
  const [finding] = ruleFindings(numaVcpusUncoveredRule, kvmDomain('', { head }));
  assert.equal(finding.message, 'vCPU 1 is in no NUMA cell: libvirt adds it to cell 0.');
  assert.equal(render(finding.words!, 'zh'), 'vCPU 1 不在任何 NUMA 节点中：libvirt 会把它加入节点 0。');
  assert.equal(render(finding.fixes![0].titleWords!, 'zh'), '把 vCPU 1 放入节点 0');
});

test("on libvirt's test documents, every finding of these rules is in words", (t) => {
  const corpus = path.join(SHARED, 'corpus');
  if (!fs.existsSync(corpus)) return t.skip(`${corpus} is not here`);
  let findings = 0;
  for (const file of xmlFilesUnder(corpus)) {
    const text = fs.readFileSync(file, 'utf8');
    const domain = Domain.of(text, ParsedDocument.parse(text).tree);
    if (!domain) continue;
    const found = runRules(domain, RULES);
    assertWorded(found);
    findings += found.length;
  }
  assert.ok(findings > 0, 'the corpus gives these rules something to find');
});
