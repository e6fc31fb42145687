import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { iothreadpinUnknownRule } from '../../server/src/rules/references/iothreadpin';
import { memnodeDuplicateRule, memnodeUnknownCellRule } from '../../server/src/rules/references/memnode';
import { vcpuCurrentRule, vcpupinDuplicateRule, vcpupinOutOfRangeRule, vcpusBeyondCountRule } from '../../server/src/rules/references/vcpus';
import { expectRule } from './helpers/rules';

/** A domain with `head` after <memory>: the parts these rules read. */
const domain = (head: string) => `<domain type='kvm'><name>t</name><memory>1048576</memory>
${head}
<os><type arch='x86_64'>hvm</type></os></domain>`;

const NUMA = "<cpu><numa><cell id='0' cpus='0-1' memory='512' unit='MiB'/><cell id='1' cpus='2-3' memory='512' unit='MiB'/></numa></cpu>";

describe('rules: references', () => {
  it('vcpu-current-too-large: more vCPUs online than the maximum', () => {
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
