/** Rules about devices that are neither disks, PCI plumbing nor USB: video, character devices, TPM, IOMMU, panic, shared memory ... */
import { Rule } from '../rule';
import { videoPrimaryRule } from './videoPrimary';

export const devicesRules: readonly Rule[] = [videoPrimaryRule];
