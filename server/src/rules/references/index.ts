/** References between the domain's parts: vCPU and IOThread pins, NUMA cell ids. */
import { Rule } from '../rule';
import { iothreadpinUnknownRule } from './iothreadpin';
import { memnodeDuplicateRule, memnodeUnknownCellRule } from './memnode';
import { vcpuCurrentRule, vcpupinDuplicateRule, vcpupinOutOfRangeRule, vcpusBeyondCountRule } from './vcpus';

export const referencesRules: readonly Rule[] = [
  vcpuCurrentRule,
  vcpupinDuplicateRule,
  vcpupinOutOfRangeRule,
  vcpusBeyondCountRule,
  iothreadpinUnknownRule,
  memnodeUnknownCellRule,
  memnodeDuplicateRule,
];
