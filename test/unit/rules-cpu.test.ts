import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { cpuCacheRule, cpuFeatureTwiceRule, cpuFeaturesWithoutModelRule, cpuMaxPhysAddrRule, sveDisabledRule } from '../../server/src/rules/cpu/cpuModel';
import { hugepagesBackingRule, hugepagesRule } from '../../server/src/rules/cpu/hugepages';
import { cputuneRangeRule } from '../../server/src/rules/cpu/cputune';
import { currentMemoryLoweredRule, memoryNumaTotalRule, memoryHotplugRule, memorySizeRule, minGuaranteeRule } from '../../server/src/rules/cpu/memory';
import { numaDistanceRule, numaHmatRule } from '../../server/src/rules/cpu/numaDetails';
import { dimmAddressRule, memoryAddressOverlapRule, memoryDeviceModelRule, memoryNodeRequiredRule, memoryTargetNodeRule, virtioMemSizesRule } from '../../server/src/rules/cpu/memoryDevices';
import {
  memnodeAutoPlacementRule,
  numaCellCpusOverlapRule,
  numaCellIdRule,
  numaCpusBeyondVcpusRule,
  numaVcpusUncoveredRule,
  numatuneRestrictiveRule,
  numatuneStaticNodesetRule,
} from '../../server/src/rules/cpu/numa';
import { threadSchedOverlapRule, threadSchedUnknownRule } from '../../server/src/rules/cpu/threadSched';
import { hotplugGranularityRule, manyVcpusRule, topologyMismatchRule, vcpuListRule } from '../../server/src/rules/cpu/vcpus';
import { memoryKiB } from '../../server/src/rules/cpu/facts';
import { expectRule, unmark } from './helpers/wordedRules';
import { Finding } from '../../server/src/finding';

/** The text with the finding's first fix applied. */
function applyFix(marked: string, finding: Finding): string {
  const { text } = unmark(marked);
  const fix = finding.fixes![0];
  return text.slice(0, fix.start) + fix.newText + text.slice(fix.end);
}

/** A QEMU domain with the parts the CPU and memory rules read. */
function domain(options: { type?: string; arch?: string; machine?: string; vcpu?: string; memory?: string; head?: string; cpu?: string; devices?: string } = {}): string {
  const arch = options.arch ?? 'x86_64';
  return `<domain type='${options.type ?? 'kvm'}'>
  <name>test</name>
${options.memory ?? "  <memory unit='KiB'>1048576</memory>"}
${options.vcpu ?? '  <vcpu>2</vcpu>'}
${options.head ?? ''}
  <os>
    <type arch='${arch}' machine='${options.machine ?? 'pc-q35-9.0'}'>hvm</type>
  </os>
${options.cpu ?? ''}
  <devices>
    <emulator>/usr/bin/qemu-system-${arch}</emulator>
${options.devices ?? ''}
  </devices>
</domain>
`;
}

const twoCells = `<cpu><numa>
    <cell id='0' cpus='0' memory='524288' unit='KiB'/>
    <cell id='1' cpus='1' memory='524288' unit='KiB'/>
  </numa></cpu>`;

describe('rules: cpu', () => {
  it('memoryKiB reads units as virScaleInteger does and rounds up to KiB', () => {
    assert.equal(memoryKiB('1', 'GiB'), 1048576n);
    assert.equal(memoryKiB('1', 'GB'), 976563n);
    assert.equal(memoryKiB('1500', 'b'), 2n);
    assert.equal(memoryKiB('512', undefined), 512n);
    assert.equal(memoryKiB('1', 'parsec'), undefined);
    assert.equal(memoryKiB('9007199254740992', 'KiB'), undefined);
  });

  it('cpu-feature-twice: a second feature of the same name, the first linked', () => {
    const [finding] = expectRule(cpuFeatureTwiceRule, domain({ cpu: `<cpu mode='host-model'><feature policy='require' name='vmx'/><feature policy='disable' name='⟦vmx⟧'/></cpu>` }));
    assert.equal(finding.related?.length, 1);
  });
  it('cpu-feature-twice near miss: two different features', () => {
    expectRule(cpuFeatureTwiceRule, domain({ cpu: `<cpu mode='host-model'><feature name='vmx'/><feature name='svm'/></cpu>` }));
  });

  it('cpu-custom-without-model: features on a custom CPU without a model', () => {
    expectRule(cpuFeaturesWithoutModelRule, domain({ cpu: `<cpu><⟦feature⟧ name='vmx'/></cpu>` }));
  });
  it('cpu-custom-without-model near miss: features on a host-model CPU, or with a model', () => {
    expectRule(cpuFeaturesWithoutModelRule, domain({ cpu: `<cpu mode='host-model'><feature name='vmx'/></cpu>` }));
    expectRule(cpuFeaturesWithoutModelRule, domain({ cpu: `<cpu><model>qemu64</model><feature name='vmx'/></cpu>` }));
  });

  it('cpu-sve-disabled-with-lengths: sve disabled while sve128 is required', () => {
    const [finding] = expectRule(
      sveDisabledRule,
      domain({ arch: 'aarch64', machine: 'virt', cpu: `<cpu mode='host-passthrough'><feature policy='⟦disable⟧' name='sve'/><feature policy='require' name='sve128'/></cpu>` }),
    );
    assert.equal(finding.related?.length, 1);
  });
  it('cpu-sve-disabled-with-lengths near miss: sve required with lengths, or disabled without', () => {
    expectRule(sveDisabledRule, domain({ arch: 'aarch64', machine: 'virt', cpu: `<cpu mode='host-passthrough'><feature policy='require' name='sve'/><feature policy='require' name='sve128'/></cpu>` }));
    expectRule(sveDisabledRule, domain({ arch: 'aarch64', machine: 'virt', cpu: `<cpu mode='host-passthrough'><feature policy='disable' name='sve'/></cpu>` }));
  });

  it('cpu-cache-mode: emulate below level 3, passthrough on host-model, a level with disable, any cache off x86', () => {
    const emulate = domain({ cpu: `<cpu mode='host-model'><cache level='⟦2⟧' mode='emulate'/></cpu>` });
    const [emulateFinding] = expectRule(cpuCacheRule, emulate);
    assert.match(applyFix(emulate, emulateFinding), /<cache level='3' mode='emulate'\/>/);
    const [finding] = expectRule(cpuCacheRule, domain({ cpu: `<cpu mode='host-model'><cache mode='⟦passthrough⟧'/></cpu>` }));
    assert.equal(finding.related?.length, 1);
    const disable = domain({ cpu: `<cpu mode='host-passthrough'><cache level='⟦3⟧' mode='disable'/></cpu>` });
    const [levelFinding] = expectRule(cpuCacheRule, disable);
    assert.match(applyFix(disable, levelFinding), /<cache mode='disable'\/>/);
    expectRule(cpuCacheRule, domain({ arch: 'aarch64', machine: 'virt', cpu: `<cpu mode='host-passthrough'><⟦cache⟧ mode='passthrough'/></cpu>` }));
  });
  it('cpu-cache-mode near miss: emulate at level 3, passthrough on host-passthrough', () => {
    expectRule(cpuCacheRule, domain({ cpu: `<cpu mode='host-model'><cache level='3' mode='emulate'/></cpu>` }));
    expectRule(cpuCacheRule, domain({ cpu: `<cpu mode='host-passthrough'><cache mode='passthrough'/></cpu>` }));
  });

  it('cpu-maxphysaddr: bits with passthrough', () => {
    const marked = domain({ cpu: `<cpu mode='host-passthrough'><maxphysaddr mode='passthrough' bits='⟦42⟧'/></cpu>` });
    const [finding] = expectRule(cpuMaxPhysAddrRule, marked);
    assert.match(applyFix(marked, finding), /<maxphysaddr mode='passthrough'\/>/);
  });
  it('cpu-maxphysaddr near miss: bits with emulate', () => {
    expectRule(cpuMaxPhysAddrRule, domain({ cpu: `<cpu mode='host-passthrough'><maxphysaddr mode='emulate' bits='42'/></cpu>` }));
  });

  it('vcpu-topology-mismatch: 2 sockets × 2 cores for 2 vCPUs, the count linked', () => {
    const [finding] = expectRule(topologyMismatchRule, domain({ cpu: `<cpu><⟦topology⟧ sockets='2' cores='2' threads='1'/></cpu>` }));
    assert.equal(finding.related?.length, 1);
  });
  it('vcpu-topology-mismatch near miss: dies and clusters default to 1', () => {
    expectRule(topologyMismatchRule, domain({ cpu: `<cpu><topology sockets='1' cores='2' threads='1'/></cpu>` }));
  });

  it('vcpu-hotplug-granularity: 2 of 8 vCPUs online on pSeries with 4 threads per core', () => {
    expectRule(
      hotplugGranularityRule,
      domain({ arch: 'ppc64', machine: 'pseries', vcpu: `  <vcpu current='⟦2⟧'>8</vcpu>`, cpu: `<cpu><topology sockets='1' cores='2' threads='4'/></cpu>` }),
    );
  });
  it('vcpu-hotplug-granularity near miss: 4 online, or the same on x86', () => {
    expectRule(hotplugGranularityRule, domain({ arch: 'ppc64', machine: 'pseries', vcpu: `  <vcpu current='4'>8</vcpu>`, cpu: `<cpu><topology sockets='1' cores='2' threads='4'/></cpu>` }));
    expectRule(hotplugGranularityRule, domain({ vcpu: `  <vcpu current='2'>8</vcpu>`, cpu: `<cpu><topology sockets='1' cores='2' threads='4'/></cpu>` }));
  });

  it('vcpu-over-255-needs-q35-eim: 288 vCPUs on i440fx, and on q35 without eim', () => {
    expectRule(manyVcpusRule, domain({ machine: 'pc', vcpu: '  <vcpu>⟦288⟧</vcpu>' }));
    expectRule(manyVcpusRule, domain({ vcpu: '  <vcpu>⟦288⟧</vcpu>', devices: `<iommu model='intel'><driver intremap='on'/></iommu>` }));
  });
  it('vcpu-over-255-needs-q35-eim near miss: q35 with eim on', () => {
    expectRule(manyVcpusRule, domain({ vcpu: '  <vcpu>288</vcpu>', devices: `<iommu model='intel'><driver intremap='on' eim='on'/></iommu>` }));
  });

  it('thread-sched-overlap: vCPU 1 in two vcpusched, the first linked', () => {
    const [finding] = expectRule(
      threadSchedOverlapRule,
      domain({ vcpu: '  <vcpu>4</vcpu>', head: `<cputune><vcpusched vcpus='0-1' scheduler='fifo' priority='1'/><vcpusched vcpus='⟦1-2⟧' scheduler='fifo' priority='1'/></cputune>` }),
    );
    assert.equal(finding.related?.length, 1);
  });
  it('thread-sched-overlap near miss: disjoint vcpusched', () => {
    expectRule(threadSchedOverlapRule, domain({ vcpu: '  <vcpu>4</vcpu>', head: `<cputune><vcpusched vcpus='0-1' scheduler='fifo' priority='1'/><vcpusched vcpus='2-3' scheduler='rr' priority='1'/></cputune>` }));
  });

  it('thread-sched-unknown-thread: vCPU 2 of 2, IOThread 2 of 1; the fix keeps the vCPUs that exist', () => {
    const [vcpus] = expectRule(
      threadSchedUnknownRule,
      domain({ head: `<iothreads>1</iothreads><cputune><vcpusched vcpus='⟦1-2⟧' scheduler='batch'/><iothreadsched iothreads='⟦2⟧' scheduler='batch'/></cputune>` }),
    );
    assert.equal(vcpus.fixes?.[0].newText, '1');
  });
  it('thread-sched-unknown-thread near miss: iothreadids topped up to the iothreads count', () => {
    expectRule(threadSchedUnknownRule, domain({ head: `<iothreads>3</iothreads><iothreadids><iothread id='5'/></iothreadids><cputune><iothreadsched iothreads='1-2,5' scheduler='batch'/></cputune>` }));
  });

  it('numa-cell-id: ids 1 and 2 for two cells, then a duplicate', () => {
    expectRule(numaCellIdRule, domain({ cpu: `<cpu><numa><cell id='0' cpus='0' memory='512'/><cell id='⟦2⟧' cpus='1' memory='512'/></numa></cpu>` }));
    const [finding] = expectRule(numaCellIdRule, domain({ cpu: `<cpu><numa><cell id='1' cpus='0' memory='512'/><cell id='⟦1⟧' cpus='1' memory='512'/></numa></cpu>` }));
    assert.equal(finding.related?.length, 1);
  });
  it('numa-cell-id near miss: cells without ids take their position', () => {
    expectRule(numaCellIdRule, domain({ cpu: `<cpu><numa><cell cpus='0' memory='512'/><cell id='1' cpus='1' memory='512'/></numa></cpu>` }));
  });

  it('numa-cell-cpus-overlap: vCPU 1 in two cells', () => {
    expectRule(numaCellCpusOverlapRule, domain({ vcpu: '  <vcpu>3</vcpu>', cpu: `<cpu><numa><cell id='0' cpus='0-1' memory='512'/><cell id='1' cpus='⟦1-2⟧' memory='512'/></numa></cpu>` }));
  });
  it('numa-cell-cpus-overlap near miss', () => {
    expectRule(numaCellCpusOverlapRule, domain({ cpu: twoCells }));
  });

  it('numa-cpus-beyond-vcpus: vCPU 2 of 2, and more vCPUs than the count', () => {
    expectRule(numaCpusBeyondVcpusRule, domain({ cpu: `<cpu><numa><cell id='0' cpus='0' memory='512'/><cell id='1' cpus='⟦2⟧' memory='512'/></numa></cpu>` }));
    expectRule(numaCpusBeyondVcpusRule, domain({ cpu: `<cpu><numa><cell id='0' cpus='0-1' memory='512'/><cell id='1' cpus='⟦2⟧' memory='512'/></numa></cpu>` }));
  });
  it('numa-cpus-beyond-vcpus near miss', () => {
    expectRule(numaCpusBeyondVcpusRule, domain({ cpu: twoCells }));
  });

  it('numatune-memnode-auto-placement: memnode with placement auto', () => {
    expectRule(memnodeAutoPlacementRule, domain({ cpu: twoCells, head: `<numatune><memory placement='auto'/><⟦memnode⟧ cellid='0' mode='strict' nodeset='3'/></numatune>` }));
    expectRule(memnodeAutoPlacementRule, domain({ cpu: twoCells, vcpu: `  <vcpu placement='auto'>2</vcpu>`, head: `<numatune><⟦memnode⟧ cellid='0' nodeset='3'/></numatune>` }));
  });
  it('numatune-memnode-auto-placement near miss: static placement', () => {
    expectRule(memnodeAutoPlacementRule, domain({ cpu: twoCells, head: `<numatune><memory nodeset='0-1'/><memnode cellid='0' mode='strict' nodeset='1'/></numatune>` }));
  });

  it('numatune-static-without-nodeset: a mode with static vCPU placement and no nodeset', () => {
    expectRule(numatuneStaticNodesetRule, domain({ head: `<numatune><memory mode='⟦interleave⟧'/></numatune>` }));
    expectRule(numatuneStaticNodesetRule, domain({ vcpu: `  <vcpu placement='auto'>2</vcpu>`, head: `<numatune><memory placement='⟦static⟧'/></numatune>` }));
  });
  it('numatune-static-without-nodeset near miss: auto vCPU placement, or a nodeset', () => {
    expectRule(numatuneStaticNodesetRule, domain({ vcpu: `  <vcpu placement='auto'>2</vcpu>`, head: `<numatune><memory mode='interleave'/></numatune>` }));
    expectRule(numatuneStaticNodesetRule, domain({ head: `<numatune><memory mode='strict' nodeset='0'/></numatune>` }));
  });

  it('numatune-restrictive-mismatch: both directions', () => {
    expectRule(numatuneRestrictiveRule, domain({ cpu: twoCells, head: `<numatune><memory mode='restrictive' nodeset='0'/><memnode cellid='0' mode='⟦strict⟧' nodeset='0'/></numatune>` }));
    expectRule(numatuneRestrictiveRule, domain({ cpu: twoCells, head: `<numatune><memory mode='strict' nodeset='0'/><memnode cellid='0' mode='⟦restrictive⟧' nodeset='0'/></numatune>` }));
  });
  it('numatune-restrictive-mismatch near miss: restrictive on both', () => {
    expectRule(numatuneRestrictiveRule, domain({ cpu: twoCells, head: `<numatune><memory mode='restrictive' nodeset='0'/><memnode cellid='0' mode='restrictive' nodeset='0'/></numatune>` }));
  });

  it('hugepages-nodeset: node 4 of 2 cells, overlapping nodesets, two default page sizes', () => {
    expectRule(hugepagesRule, domain({ cpu: twoCells, head: `<memoryBacking><hugepages><page size='2048' nodeset='⟦1,4⟧'/></hugepages></memoryBacking>` }));
    const [finding] = expectRule(hugepagesRule, domain({ cpu: twoCells, head: `<memoryBacking><hugepages><page size='2048' nodeset='0-1'/><page size='1' unit='G' nodeset='⟦1⟧'/></hugepages></memoryBacking>` }));
    assert.equal(finding.related?.length, 1);
    expectRule(hugepagesRule, domain({ head: `<memoryBacking><hugepages><page size='1' unit='G'/><⟦page⟧ size='2048'/></hugepages></memoryBacking>` }));
  });
  it('hugepages-nodeset near miss: nodeset 0 without NUMA is the default page; one default beside nodesets', () => {
    expectRule(hugepagesRule, domain({ head: `<memoryBacking><hugepages><page size='2048' nodeset='0'/></hugepages></memoryBacking>` }));
    expectRule(hugepagesRule, domain({ cpu: twoCells, head: `<memoryBacking><hugepages><page size='1' unit='G'/><page size='2048' nodeset='1'/></hugepages></memoryBacking>` }));
  });

  it('memory-size: no memory at all, devices beyond <memory>, slots without maxMemory, maxMemory below the total', () => {
    expectRule(memorySizeRule, domain({ memory: '' }).replace('<domain', '<⟦domain⟧'));
    expectRule(memorySizeRule, domain({ memory: `<memory unit='KiB'>⟦262144⟧</memory>`, devices: `<memory model='dimm'><target><size unit='KiB'>524288</size><node>0</node></target></memory>` }));
    expectRule(memorySizeRule, domain({ head: `<maxMemory slots='⟦4⟧' unit='KiB'>0</maxMemory>` }));
    const [finding] = expectRule(memorySizeRule, domain({ head: `<maxMemory slots='4' unit='KiB'>⟦524288⟧</maxMemory>` }));
    assert.equal(finding.related?.length, 1);
  });
  it('memory-size near miss: NUMA cells give the size; devices within <memory>', () => {
    expectRule(memorySizeRule, domain({ memory: '', cpu: twoCells }));
    expectRule(memorySizeRule, domain({ head: `<maxMemory slots='4' unit='GiB'>4</maxMemory>`, devices: `<memory model='dimm'><target><size unit='KiB'>524288</size><node>0</node></target></memory>` }));
  });

  it('memory-hotplug: maxMemory without NUMA, a device without maxMemory, too few slots, too little space', () => {
    expectRule(memoryHotplugRule, domain({ head: `<⟦maxMemory⟧ slots='4' unit='GiB'>4</maxMemory>` }));
    expectRule(memoryHotplugRule, domain({ cpu: twoCells, devices: `<⟦memory⟧ model='dimm'><target><size unit='KiB'>524288</size><node>0</node></target></memory>` }));
    const dimm = `<memory model='dimm'><target><size unit='KiB'>524288</size><node>0</node></target></memory>`;
    expectRule(memoryHotplugRule, domain({ cpu: twoCells, head: `<maxMemory slots='⟦1⟧' unit='GiB'>4</maxMemory>`, devices: dimm + dimm }));
    expectRule(memoryHotplugRule, domain({ cpu: twoCells, head: `<maxMemory slots='4' unit='KiB'>⟦1572864⟧</maxMemory>`, devices: dimm + dimm }));
  });
  it('memory-hotplug near miss: NUMA, enough slots and space; virtio-mem takes no slot', () => {
    const dimm = `<memory model='dimm'><target><size unit='KiB'>524288</size><node>0</node></target></memory>`;
    const virtioMem = `<memory model='virtio-mem'><target><size unit='KiB'>524288</size><node>0</node><block unit='KiB'>2048</block></target></memory>`;
    expectRule(memoryHotplugRule, domain({ cpu: twoCells, head: `<maxMemory slots='1' unit='GiB'>4</maxMemory>`, devices: dimm + virtioMem }));
  });

  it('memory-device-node: node 1 of 1 cell, a node without NUMA, a node on virtio-pmem', () => {
    const oneCell = `<cpu><numa><cell id='0' cpus='0-1' memory='524288'/></numa></cpu>`;
    expectRule(memoryTargetNodeRule, domain({ cpu: oneCell, devices: `<memory model='dimm'><target><size unit='KiB'>524288</size><node>⟦1⟧</node></target></memory>` }));
    expectRule(memoryTargetNodeRule, domain({ devices: `<memory model='dimm'><target><size unit='KiB'>524288</size><node>⟦0⟧</node></target></memory>` }));
    expectRule(memoryTargetNodeRule, domain({ cpu: oneCell, devices: `<memory model='virtio-pmem' access='shared'><source><path>/tmp/p</path></source><target><size unit='KiB'>524288</size><node>⟦0⟧</node></target></memory>` }));
  });
  it('memory-device-node near miss', () => {
    expectRule(memoryTargetNodeRule, domain({ cpu: twoCells, devices: `<memory model='dimm'><target><size unit='KiB'>524288</size><node>1</node></target></memory>` }));
  });

  it('memory-device-node-missing: a dimm without node in a NUMA guest with hotplug', () => {
    expectRule(memoryNodeRequiredRule, domain({ cpu: twoCells, head: `<maxMemory slots='4' unit='GiB'>4</maxMemory>`, devices: `<memory model='dimm'><⟦target⟧><size unit='KiB'>524288</size></target></memory>` }));
  });
  it('memory-device-node-missing near miss: virtio-pmem needs none', () => {
    expectRule(memoryNodeRequiredRule, domain({ cpu: twoCells, head: `<maxMemory slots='4' unit='GiB'>4</maxMemory>`, devices: `<memory model='virtio-pmem' access='shared'><source><path>/tmp/p</path></source><target><size unit='KiB'>524288</size></target></memory>` }));
  });

  it('virtio-mem-sizes: requested above size, a block not a power of two, requested not whole blocks, address off the block', () => {
    const mem = (target: string) => `<memory model='virtio-mem'><target>${target}</target></memory>`;
    expectRule(virtioMemSizesRule, domain({ devices: mem(`<size unit='KiB'>1048576</size><node>0</node><block unit='KiB'>2048</block><requested unit='KiB'>⟦2097152⟧</requested>`) }));
    expectRule(virtioMemSizesRule, domain({ devices: mem(`<size unit='KiB'>1048576</size><block unit='KiB'>⟦3072⟧</block>`) }));
    expectRule(virtioMemSizesRule, domain({ devices: mem(`<size unit='KiB'>1048576</size><block unit='KiB'>2048</block><requested unit='KiB'>⟦1024⟧</requested>`) }));
    expectRule(virtioMemSizesRule, domain({ devices: mem(`<size unit='KiB'>1048576</size><block unit='KiB'>2048</block><address base='⟦0x140100000⟧'/>`) }));
  });
  it('virtio-mem-sizes near miss', () => {
    expectRule(virtioMemSizesRule, domain({ devices: `<memory model='virtio-mem'><target><size unit='KiB'>1048576</size><block unit='KiB'>2048</block><requested unit='KiB'>524288</requested><address base='0x140000000'/></target></memory>` }));
  });

  it('memory-device-address-overlap: a range running into the next device, the other linked', () => {
    const mem = (size: string, base: string, slot: string) =>
      `<memory model='virtio-mem'><target><size unit='KiB'>${size}</size><block unit='KiB'>2048</block><address base='${base}'/></target><address type='pci' bus='0x00' slot='${slot}'/></memory>`;
    const [finding] = expectRule(memoryAddressOverlapRule, domain({ devices: mem('1048576', '⟦0x140000000⟧', '0x02') + mem('2097152', '0x170000000', '0x03') }));
    assert.equal(finding.related?.length, 1);
  });
  it('memory-device-address-overlap near miss: adjacent ranges', () => {
    const mem = (size: string, base: string) => `<memory model='virtio-mem'><target><size unit='KiB'>${size}</size><block unit='KiB'>2048</block><address base='${base}'/></target></memory>`;
    expectRule(memoryAddressOverlapRule, domain({ devices: mem('1048576', '0x140000000') + mem('1048576', '0x180000000') }));
  });

  it('dimm-address: a slot beyond the slots, a slot used twice', () => {
    const dimm = (slot: string) => `<memory model='dimm'><target><size unit='KiB'>524288</size><node>0</node></target><address type='dimm' slot='${slot}'/></memory>`;
    const head = `<maxMemory slots='2' unit='GiB'>4</maxMemory>`;
    expectRule(dimmAddressRule, domain({ cpu: twoCells, head, devices: dimm('⟦2⟧') }));
    const [finding] = expectRule(dimmAddressRule, domain({ cpu: twoCells, head, devices: dimm('0') + dimm('⟦0⟧') }));
    assert.equal(finding.related?.length, 1);
  });
  it('dimm-address near miss', () => {
    const dimm = (slot: string) => `<memory model='dimm'><target><size unit='KiB'>524288</size><node>0</node></target><address type='dimm' slot='${slot}'/></memory>`;
    expectRule(dimmAddressRule, domain({ cpu: twoCells, head: `<maxMemory slots='2' unit='GiB'>4</maxMemory>`, devices: dimm('0') + dimm('1') }));
  });
  it('cputune-range: shares of 1 and a quota of 500 µs', () => {
    expectRule(cputuneRangeRule, domain({ head: `<cputune><shares>⟦1⟧</shares><quota>⟦500⟧</quota></cputune>` }));
  });
  it('cputune-range near miss: a quota of -1, shares of 2048', () => {
    expectRule(cputuneRangeRule, domain({ head: `<cputune><shares>2048</shares><quota>-1</quota><emulator_quota>0</emulator_quota></cputune>` }));
  });

  it('numa-distance: a sibling beyond the cells, 20 to itself, 10 to another', () => {
    expectRule(
      numaDistanceRule,
      domain({
        cpu: `<cpu><numa>
    <cell id='0' cpus='0' memory='512'><distances><sibling id='0' value='⟦20⟧'/><sibling id='⟦2⟧' value='20'/></distances></cell>
    <cell id='1' cpus='1' memory='512'><distances><sibling id='0' value='⟦10⟧'/><sibling id='1' value='10'/></distances></cell>
  </numa></cpu>`,
      }),
    );
  });
  it('numa-distance near miss', () => {
    expectRule(
      numaDistanceRule,
      domain({ cpu: `<cpu><numa><cell id='0' cpus='0' memory='512'><distances><sibling id='0' value='10'/><sibling id='1' value='21'/></distances></cell><cell id='1' cpus='1' memory='512'/></numa></cpu>` }),
    );
  });

  it('numa-hmat: a level 4 cache, an initiator without vCPUs, a missing cache level, a link given both ways', () => {
    const cells = `<cell id='0' cpus='0-1' memory='512'><cache level='1' associativity='direct' policy='writeback'><size value='10' unit='KiB'/><line value='8' unit='B'/></cache></cell>
    <cell id='1' memory='512'><cache level='⟦4⟧' associativity='direct' policy='writeback'><size value='10' unit='KiB'/><line value='8' unit='B'/></cache></cell>`;
    const [, , , finding] = expectRule(
      numaHmatRule,
      domain({
        cpu: `<cpu><numa>${cells}
    <interconnects>
      <latency initiator='⟦1⟧' target='0' type='access' value='5'/>
      <latency initiator='0' target='1' cache='⟦2⟧' type='access' value='5'/>
      <latency initiator='0' target='1' type='access' value='5'/>
      <⟦latency⟧ initiator='0' target='1' type='access' value='6'/>
    </interconnects>
  </numa></cpu>`,
      }),
    );
    assert.equal(finding.related?.length, 1);
  });
  it('numa-hmat near miss', () => {
    expectRule(
      numaHmatRule,
      domain({
        cpu: `<cpu><numa><cell id='0' cpus='0-1' memory='512'/><cell id='1' memory='512'><cache level='1' associativity='direct' policy='writeback'><size value='10' unit='KiB'/><line value='8' unit='B'/></cache></cell>
    <interconnects><latency initiator='0' target='1' cache='1' type='access' value='5'/><bandwidth initiator='0' target='1' type='access' value='204800' unit='KiB'/></interconnects></numa></cpu>`,
      }),
    );
  });

  it('memory-numa-total: <memory> other than the cells (a warning)', () => {
    const [finding] = expectRule(memoryNumaTotalRule, domain({ memory: `<memory unit='KiB'>⟦2097152⟧</memory>`, cpu: twoCells }));
    assert.equal(finding.severity, 'warning');
  });
  it('memory-numa-total near miss: <memory> is the cells plus the devices', () => {
    expectRule(memoryNumaTotalRule, domain({ memory: `<memory unit='KiB'>1572864</memory>`, cpu: twoCells, devices: `<memory model='dimm'><target><size unit='KiB'>524288</size><node>0</node></target></memory>` }));
  });

  it('current-memory-lowered: <currentMemory> above the cells\' total (a warning)', () => {
    const [finding] = expectRule(currentMemoryLoweredRule, domain({ memory: `<memory unit='KiB'>2097152</memory><currentMemory unit='KiB'>⟦2097152⟧</currentMemory>`, cpu: twoCells }));
    assert.equal(finding.severity, 'warning');
    assert.equal(finding.fixes?.[0].newText, '1048576');
  });
  it('current-memory-lowered near miss: at most the total', () => {
    expectRule(currentMemoryLoweredRule, domain({ memory: `<memory unit='KiB'>1048576</memory><currentMemory unit='KiB'>1048576</currentMemory>`, cpu: twoCells }));
  });

  it('memory-device-model: nvdimm without path, virtio-pmem not shared, an nvdimm label too small, a uuid off ppc64, sgx-epc with an address', () => {
    expectRule(memoryDeviceModelRule, domain({ devices: `<memory model='nvdimm'><⟦source⟧><alignsize unit='KiB'>2048</alignsize></source><target><size unit='KiB'>524288</size></target></memory>` }));
    expectRule(memoryDeviceModelRule, domain({ devices: `<⟦memory⟧ model='virtio-pmem'><source><path>/tmp/p</path></source><target><size unit='KiB'>524288</size></target></memory>` }));
    expectRule(
      memoryDeviceModelRule,
      domain({ devices: `<memory model='nvdimm'><source><path>/tmp/n</path></source><target><size unit='KiB'>524288</size><label><size unit='KiB'>⟦64⟧</size></label></target></memory>` }),
    );
    expectRule(
      memoryDeviceModelRule,
      domain({ devices: `<memory model='nvdimm'><⟦uuid⟧>9f4b6512-e73a-4a25-93e8-5307802821ce</uuid><source><path>/tmp/n</path></source><target><size unit='KiB'>524288</size></target></memory>` }),
    );
    expectRule(memoryDeviceModelRule, domain({ devices: `<memory model='sgx-epc'><target><size unit='KiB'>16384</size></target><⟦address⟧ type='pci' bus='0x00' slot='0x05'/></memory>` }));
  });
  it('memory-device-model near miss: nvdimm with path and label on ppc64, shared virtio-pmem', () => {
    expectRule(
      memoryDeviceModelRule,
      domain({
        arch: 'ppc64',
        machine: 'pseries',
        devices: `<memory model='nvdimm'><uuid>9f4b6512-e73a-4a25-93e8-5307802821ce</uuid><source><path>/tmp/n</path></source><target><size unit='KiB'>524288</size><label><size unit='KiB'>128</size></label></target></memory>
    <memory model='virtio-pmem' access='shared'><source><path>/tmp/p</path></source><target><size unit='KiB'>524288</size></target></memory>`,
      }),
    );
  });

  it('hugepages-backing: hugepages with on-demand allocation, with anonymous memory', () => {
    expectRule(hugepagesBackingRule, domain({ head: `<memoryBacking><hugepages/><allocation mode='⟦ondemand⟧'/></memoryBacking>` }));
    const [finding] = expectRule(hugepagesBackingRule, domain({ head: `<memoryBacking><hugepages/><source type='⟦anonymous⟧'/></memoryBacking>` }));
    assert.equal(finding.related?.length, 1);
  });
  it('hugepages-backing near miss: hugepages with memfd, immediate allocation', () => {
    expectRule(hugepagesBackingRule, domain({ head: `<memoryBacking><hugepages/><source type='memfd'/><allocation mode='immediate'/></memoryBacking>` }));
  });

  it('memtune-min-guarantee: refused by QEMU', () => {
    expectRule(minGuaranteeRule, domain({ head: `<memtune><⟦min_guarantee⟧ unit='KiB'>65536</min_guarantee></memtune>` }));
  });
  it('memtune-min-guarantee near miss: other drivers, other tunables', () => {
    expectRule(minGuaranteeRule, domain({ type: 'vmware', head: `<memtune><min_guarantee unit='KiB'>65536</min_guarantee></memtune>` }));
    expectRule(minGuaranteeRule, domain({ head: `<memtune><hard_limit unit='KiB'>65536</hard_limit></memtune>` }));
  });
  it('numa-vcpus-uncovered: vCPUs 2-3 in no cell go to cell 0 (a warning, with the fix)', () => {
    const [finding] = expectRule(numaVcpusUncoveredRule, domain({ vcpu: '  <vcpu>4</vcpu>', cpu: `<cpu><numa><cell id='1' cpus='1' memory='512'/><cell id='0' cpus='⟦0⟧' memory='512'/></numa></cpu>` }));
    assert.equal(finding.severity, 'warning');
    assert.equal(finding.fixes?.[0].newText, '0,2-3');
  });
  it('numa-vcpus-uncovered near miss: every vCPU in a cell', () => {
    expectRule(numaVcpusUncoveredRule, domain({ cpu: twoCells }));
  });
  it('vcpus-list: an id beyond the count, an offline vCPU that cannot be plugged', () => {
    expectRule(
      vcpuListRule,
      domain({ head: `<vcpus><vcpu id='0' enabled='yes' hotpluggable='no'/><vcpu id='1' enabled='no' hotpluggable='⟦no⟧'/><vcpu id='⟦2⟧' enabled='yes'/></vcpus>` }),
    );
  });
  it('vcpus-list near miss: offline and hotpluggable', () => {
    expectRule(vcpuListRule, domain({ head: `<vcpus><vcpu id='0' enabled='yes' hotpluggable='no'/><vcpu id='1' enabled='no' hotpluggable='yes'/></vcpus>` }));
  });
});
