/**
 * The host family: libvirt's checks against the host a domain is defined or started on, run
 * only when a document is checked against a libvirt connection (runHostRules, rules/index.ts).
 * The host's CPUs and NUMA nodes, for pins and node sets, are the cpuset checks' (features/cpuset),
 * fed the connection's topology instead of the machine the server runs on.
 */
import { hostCpuModeRule, hostCpuModelRule, hostCpuUsableRule } from './cpu';
import {
  hostCryptoRule,
  hostDiskRule,
  hostFilesystemRule,
  hostGraphicsRule,
  hostHostdevRule,
  hostIommuModelRule,
  hostRedirdevRule,
  hostRngRule,
  hostTpmRule,
  hostVideoRule,
} from './devices';
import { hostEmulatorRule } from './emulator';
import { hostFeatureRule } from './features';
import { hostFirmwareRule, hostLoaderRule } from './firmware';
import { hostGuestRule } from './guest';
import { HostRule } from './hostRule';
import { hostHugepagesRule } from './hugepages';
import { hostMachineRule } from './machine';
import { hostVcpusRule } from './vcpus';
import { hostVfioRule } from './vfio';

export const hostRules: readonly HostRule[] = [
  hostGuestRule,
  hostMachineRule,
  hostEmulatorRule,
  hostVcpusRule,
  hostCpuModeRule,
  hostCpuModelRule,
  hostCpuUsableRule,
  hostFirmwareRule,
  hostLoaderRule,
  hostGraphicsRule,
  hostVideoRule,
  hostTpmRule,
  hostRngRule,
  hostRedirdevRule,
  hostHostdevRule,
  hostDiskRule,
  hostFilesystemRule,
  hostCryptoRule,
  hostIommuModelRule,
  hostFeatureRule,
  hostHugepagesRule,
  hostVfioRule,
];
