/** The references family of libvirt's rules. */
import { Rule } from '../rule';

export const referencesRules: readonly Rule[] = [];
