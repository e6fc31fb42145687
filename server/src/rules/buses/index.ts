/** The pci family of libvirt's rules. */
import { Rule } from '../rule';

export const busesRules: readonly Rule[] = [];
