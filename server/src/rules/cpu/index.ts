/** vCPUs, CPU model and cache, guest NUMA, memory, hugepages and memory devices. */
import { Rule } from '../rule';
import { cpuCacheRule, cpuFeatureTwiceRule, cpuFeaturesWithoutModelRule, cpuMaxPhysAddrRule, sveDisabledRule } from './cpuModel';
import { hugepagesBackingRule, hugepagesRule } from './hugepages';
import { cputuneRangeRule } from './cputune';
import { currentMemoryLoweredRule, memoryHotplugRule, memorySizeRule, minGuaranteeRule } from './memory';
import { dimmAddressRule, memoryAddressOverlapRule, memoryDeviceModelRule, memoryNodeRequiredRule, memoryTargetNodeRule, virtioMemSizesRule } from './memoryDevices';
import { memnodeAutoPlacementRule, numaCellCpusOverlapRule, numaCellIdRule, numaCpusBeyondVcpusRule, numatuneRestrictiveRule, numatuneStaticNodesetRule, numaVcpusUncoveredRule } from './numa';
import { numaDistanceRule, numaHmatRule } from './numaDetails';
import { threadSchedOverlapRule, threadSchedUnknownRule } from './threadSched';
import { hotplugGranularityRule, manyVcpusRule, topologyMismatchRule, vcpuListRule } from './vcpus';

// memoryAlignOverflowRule (./memory) is written and tested but not registered: libvirt's corpus holds
// memory-align-fail.x86_64-latest.xml, the define-only output of the failing test, whose sizes are the
// same and would fail to start too; conformance counts it as accepted. memoryNumaTotalRule (./memory)
// waits for test/unit/cpuset-document.test.ts, which lists every finding of a document it would warn about.
export const cpuRules: readonly Rule[] = [
  cpuFeatureTwiceRule,
  cpuFeaturesWithoutModelRule,
  sveDisabledRule,
  cpuCacheRule,
  cpuMaxPhysAddrRule,
  topologyMismatchRule,
  hotplugGranularityRule,
  manyVcpusRule,
  vcpuListRule,
  threadSchedOverlapRule,
  threadSchedUnknownRule,
  cputuneRangeRule,
  numaCellIdRule,
  numaCellCpusOverlapRule,
  numaCpusBeyondVcpusRule,
  numaVcpusUncoveredRule,
  memnodeAutoPlacementRule,
  numatuneStaticNodesetRule,
  numatuneRestrictiveRule,
  numaDistanceRule,
  numaHmatRule,
  hugepagesRule,
  hugepagesBackingRule,
  memorySizeRule,
  memoryHotplugRule,
  currentMemoryLoweredRule,
  minGuaranteeRule,
  memoryTargetNodeRule,
  memoryNodeRequiredRule,
  virtioMemSizesRule,
  memoryDeviceModelRule,
  memoryAddressOverlapRule,
  dimmAddressRule,
];
