/** vCPUs, CPU model and cache, guest NUMA, memory, hugepages and memory devices. */
import { Rule } from '../rule';

export const cpuRules: readonly Rule[] = [];
