/** vCPUs, CPU model and cache, guest NUMA, memory, hugepages and memory devices. */
import { Rule } from '../rule';
import { cpuCacheRule, cpuFeatureTwiceRule, cpuFeaturesWithoutModelRule, cpuMaxPhysAddrRule, sveDisabledRule } from './cpuModel';
import { hugepagesBackingRule, hugepagesRule } from './hugepages';
import { cputuneRangeRule } from './cputune';
import { currentMemoryLoweredRule, memoryHotplugRule, memoryNumaTotalRule, memorySizeRule, minGuaranteeRule } from './memory';
import { dimmAddressRule, memoryAddressOverlapRule, memoryDeviceModelRule, memoryNodeRequiredRule, memoryTargetNodeRule, virtioMemSizesRule } from './memoryDevices';
import { memnodeAutoPlacementRule, numaCellCpusOverlapRule, numaCellIdRule, numaCpusBeyondVcpusRule, numatuneRestrictiveRule, numatuneStaticNodesetRule, numaVcpusUncoveredRule } from './numa';
import { numaDistanceRule, numaHmatRule } from './numaDetails';
import { threadSchedOverlapRule, threadSchedUnknownRule } from './threadSched';
import { hotplugGranularityRule, manyVcpusRule, topologyMismatchRule, vcpuListRule } from './vcpus';

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
  memoryNumaTotalRule,
  minGuaranteeRule,
  memoryTargetNodeRule,
  memoryNodeRequiredRule,
  virtioMemSizesRule,
  memoryDeviceModelRule,
  memoryAddressOverlapRule,
  dimmAddressRule,
];
