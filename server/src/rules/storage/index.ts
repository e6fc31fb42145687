/** The storage family of libvirt's rules. */
import { Rule } from '../rule';

export const storageRules: readonly Rule[] = [];
