/** Rules about devices that are neither disks, PCI plumbing nor USB: video, character devices, TPM, IOMMU, panic, shared memory ... */
import { Rule } from '../rule';
import { channelGuestfwdRule, consoleSclpRule, consoleSerialFirstRule } from './channelTarget';
import { chardevReconnectListenRule, chardevReconnectTimeoutRule, chardevSourceMissingRule, chardevSpiceRule, chardevTcpProtocolRule } from './chardevSource';
import { iommuInterruptsRule, iommuMachineRule, iommuOptionsRule, iommuVirtioRule } from './iommu';
import { netDefinitionRule, netGuestIpRule, netHostIpRule, netMtuRule, netQemuOptionsRule, netQueueSizeRule, netVhostUserRule } from './network';
import { virtioOptionsRule } from './virtioOptions';
import { panicAddressRule, panicModelRule } from './panic';
import { qemuPlatformDevicesRule } from './platformDevices';
import { serialMachineRule, serialTargetRule } from './serialTarget';
import { shmemModelRule, shmemNameRule, shmemServerRule, shmemSizeRule } from './shmem';
import { tpmBackendRule, tpmCountRule, tpmModelArchRule, tpmVersionRule } from './tpm';
import { filesystemQemuRule, filesystemTargetRule } from './filesystem';
import { audioSpiceRule, vsockCidRule } from './vsockAudio';
import { vhostUserSharedMemoryRule } from './vhostUserMemory';
import { videoAttributesRule, videoQemuRule } from './videoModel';
import { videoPrimaryRule } from './videoPrimary';
import { watchdogModelRule, watchdogSetRule } from './watchdog';

export const devicesRules: readonly Rule[] = [
  videoPrimaryRule,
  videoAttributesRule,
  videoQemuRule,
  chardevSourceMissingRule,
  chardevReconnectListenRule,
  chardevReconnectTimeoutRule,
  chardevTcpProtocolRule,
  chardevSpiceRule,
  channelGuestfwdRule,
  consoleSclpRule,
  consoleSerialFirstRule,
  serialTargetRule,
  serialMachineRule,
  tpmCountRule,
  tpmVersionRule,
  tpmBackendRule,
  tpmModelArchRule,
  iommuMachineRule,
  iommuOptionsRule,
  iommuVirtioRule,
  iommuInterruptsRule,
  panicModelRule,
  panicAddressRule,
  shmemSizeRule,
  shmemNameRule,
  shmemModelRule,
  shmemServerRule,
  vhostUserSharedMemoryRule,
  filesystemQemuRule,
  filesystemTargetRule,
  netQueueSizeRule,
  netVhostUserRule,
  netQemuOptionsRule,
  netDefinitionRule,
  netGuestIpRule,
  netHostIpRule,
  netMtuRule,
  virtioOptionsRule,
  watchdogModelRule,
  watchdogSetRule,
  qemuPlatformDevicesRule,
  audioSpiceRule,
  vsockCidRule,
];
