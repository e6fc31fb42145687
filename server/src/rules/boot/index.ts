/** The boot family of libvirt's rules. */
import { Rule } from '../rule';

export const bootRules: readonly Rule[] = [];
