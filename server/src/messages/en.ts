/**
 * The English catalogue: every message users read, by area (one file each under en/, mirrored
 * under zh/). A message key names its area first: `rules.`, `schema.`, `wellFormed.`…
 */
import { CLI_EN } from './en/cli';
import { HOVER_EN } from './en/hover';
import { RULES_EN } from './en/rules';
import { RULES_CPU_EN } from './en/rulesCpu';
import { RULES_DEVICES_EN } from './en/rulesDevices';
import { RULES_STORAGE_EN } from './en/rulesStorage';
import { SCHEMA_EN } from './en/schema';
import { SERVER_EN } from './en/server';
import { SETS_EN } from './en/sets';

export const EN = {
  ...CLI_EN,
  ...HOVER_EN,
  ...RULES_EN,
  ...RULES_CPU_EN,
  ...RULES_DEVICES_EN,
  ...RULES_STORAGE_EN,
  ...SCHEMA_EN,
  ...SERVER_EN,
  ...SETS_EN,
};

export type MessageKey = keyof typeof EN;
