import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { helpIn } from '../../server/src/rules';
import { referencesRules } from '../../server/src/rules/references';
import type { MessageKey } from '../../server/src/messages/en';
import { render, words } from '../../server/src/messages/words';
import { iothreadpinUnknownRule } from '../../server/src/rules/references/iothreadpin';
import { memnodeDuplicateRule, memnodeUnknownCellRule } from '../../server/src/rules/references/memnode';
import { vcpuCurrentRule, vcpupinDuplicateRule, vcpupinOutOfRangeRule, vcpusBeyondCountRule } from '../../server/src/rules/references/vcpus';
import { expectInWords } from './helpers/findingWords';
import { expectRule as expectRuleIn } from './helpers/rules';

/** Every finding of these tests says what it says in catalogue words, Chinese included. */
const expectRule: typeof expectRuleIn = (rule, marked) => expectInWords(expectRuleIn(rule, marked));

/** A domain with `head` after <memory>: the parts these rules read. */
const domain = (head: string) => `<domain type='kvm'><name>t</name><memory>1048576</memory>
${head}
<os><type arch='x86_64'>hvm</type></os></domain>`;

const NUMA = "<cpu><numa><cell id='0' cpus='0-1' memory='512' unit='MiB'/><cell id='1' cpus='2-3' memory='512' unit='MiB'/></numa></cpu>";

describe('rules: references', () => {
  it("every reference rule's help is catalogue words, in English and Chinese", () => {
    for (const rule of referencesRules) {
      assert.deepEqual(rule.help, words(`rules.help.${rule.code}` as MessageKey), rule.code);
      assert.ok(helpIn(rule, 'en').length > 80, rule.code);
      assert.match(helpIn(rule, 'zh'), /[\u4e00-\u9fff]/, rule.code);
    }
  });

  it('vcpu-current-too-large: more vCPUs online than the maximum', () => {
    const [finding] = expectRule(vcpuCurrentRule, domain("<vcpu current='⟦2⟧'>1</vcpu>"));
    assert.equal(finding.message, '`current` is 2, more than the 1 vCPU `<vcpu>` allows: libvirt rejects the domain.');
    assert.equal(render(finding.words!, 'zh'), '`current` 为 2，超过了 `<vcpu>` 允许的 1 个 vCPU：libvirt 会拒绝这个域。');
    expectRule(vcpuCurrentRule, domain("<vcpu current='⟦6⟧'>4</vcpu>"));
    expectRule(vcpuCurrentRule, domain("<vcpu current='4'>4</vcpu>"));
  });

  it('vcpupin-duplicate: the second pin of a vCPU, the first linked', () => {
    const [finding] = expectRule(vcpupinDuplicateRule, domain("<vcpu>4</vcpu><cputune><vcpupin vcpu='1' cpuset='0'/><vcpupin vcpu='⟦1⟧' cpuset='1'/></cputune>"));
    assert.equal(finding.related?.[0].message, 'The first `<vcpupin>` of vCPU 1');
    expectRule(vcpupinDuplicateRule, domain("<vcpu>4</vcpu><cputune><vcpupin vcpu='1' cpuset='0'/><vcpupin vcpu='2' cpuset='1'/></cputune>"));
  });

  it('vcpupin-vcpu-out-of-range: a pin beyond the vCPU count is a warning', () => {
    const [finding] = expectRule(vcpupinOutOfRangeRule, domain("<vcpu>2</vcpu><cputune><vcpupin vcpu='⟦2⟧' cpuset='0'/></cputune>"));
    assert.equal(finding.severity, 'warning');
    expectRule(vcpupinOutOfRangeRule, domain("<vcpu>2</vcpu><cputune><vcpupin vcpu='1' cpuset='0'/></cputune>"));
  });

  it('vcpus-beyond-count: cachetune vCPUs libvirt drops, with a safe fix keeping the others', () => {
    const tune = (vcpus: string) => domain(`<vcpu>4</vcpu><cputune><cachetune vcpus='${vcpus}'><cache id='0' level='3' type='both' size='3' unit='MiB'/></cachetune></cputune>`);
    const [finding] = expectRule(vcpusBeyondCountRule, tune('⟦2-6⟧'));
    assert.equal(finding.fixes?.[0].newText, '2-3');
    assert.equal(finding.message, 'The domain has 4 vCPUs: libvirt drops vCPUs 4-6 from this `<cachetune>`.');
    assert.equal(render(finding.words!, 'zh'), '域中有 4 个 vCPU：libvirt 会从这个 `<cachetune>` 中去掉 vCPU 4-6。');
    assert.equal(render(finding.fixes![0].titleWords!, 'zh'), '保留 vCPU 2-3');
    expectRule(vcpusBeyondCountRule, tune('0-3'));
  });

  it('iothreadpin-unknown-iothread: a pin for an IOThread the domain does not define', () => {
    expectRule(iothreadpinUnknownRule, domain("<iothreads>2</iothreads><cputune><iothreadpin iothread='⟦3⟧' cpuset='0'/></cputune>"));
    expectRule(iothreadpinUnknownRule, domain("<iothreads>2</iothreads><cputune><iothreadpin iothread='2' cpuset='0'/></cputune>"));
    expectRule(iothreadpinUnknownRule, domain("<iothreadids><iothread id='7'/></iothreadids><cputune><iothreadpin iothread='7' cpuset='0'/></cputune>"));
  });

  it('memnode-unknown-cell: a memnode for a cell that does not exist', () => {
    expectRule(memnodeUnknownCellRule, domain(`${NUMA}<numatune><memnode cellid='⟦2⟧' mode='strict' nodeset='0'/></numatune>`));
    expectRule(memnodeUnknownCellRule, domain(`${NUMA}<numatune><memnode cellid='1' mode='strict' nodeset='0'/></numatune>`));
  });

  it('memnode-duplicate: a second memnode for one cell, the first linked', () => {
    const [finding] = expectRule(
      memnodeDuplicateRule,
      domain(`${NUMA}<numatune><memnode cellid='0' mode='strict' nodeset='0'/><memnode cellid='⟦0⟧' mode='strict' nodeset='1'/></numatune>`),
    );
    assert.equal(finding.related?.length, 1);
    expectRule(memnodeDuplicateRule, domain(`${NUMA}<numatune><memnode cellid='0' mode='strict' nodeset='0'/><memnode cellid='1' mode='strict' nodeset='1'/></numatune>`));
  });
});
