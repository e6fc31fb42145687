/** The cpu family of libvirt's rules. */
import { Rule } from '../rule';

export const cpuRules: readonly Rule[] = [];
