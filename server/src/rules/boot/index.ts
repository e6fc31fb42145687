/** Boot order, firmware, loader and NVRAM, hypervisor features, arch and machine compatibility, clock timers, security labels. */
import { Rule } from '../rule';

export const bootRules: readonly Rule[] = [];
