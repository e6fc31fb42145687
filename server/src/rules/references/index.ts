/** References between the domain's parts: vCPU and IOThread pins, NUMA cell ids. */
import { Rule } from '../rule';

export const referencesRules: readonly Rule[] = [];
