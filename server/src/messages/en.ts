/**
 * The English catalogue: every message users read, by area (one file each under en/, mirrored
 * under zh/). A message key names its area first: `rules.`, `schema.`, `wellFormed.`…
 */
import { RULES_EN } from './en/rules';
import { RULES_CPU_EN } from './en/rulesCpu';
import { RULES_DEVICES_EN } from './en/rulesDevices';
import { RULES_STORAGE_EN } from './en/rulesStorage';

export const EN = {
  ...RULES_EN,
  ...RULES_CPU_EN,
  ...RULES_DEVICES_EN,
  ...RULES_STORAGE_EN,
};

export type MessageKey = keyof typeof EN;
