/** Disks and host devices: targets, drive addresses, formats, encryption, sources and duplicates. */
import { Rule } from '../rule';

export const storageRules: readonly Rule[] = [];
