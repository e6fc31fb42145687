/** The Chinese catalogue: the same keys and parameters as the English (en.ts), area by area. */
import type { MessageKey } from './en';
import { CLI_ZH } from './zh/cli';
import { HOVER_ZH } from './zh/hover';
import { RULES_ZH } from './zh/rules';
import { RULES_CPU_ZH } from './zh/rulesCpu';
import { RULES_DEVICES_ZH } from './zh/rulesDevices';
import { RULES_STORAGE_ZH } from './zh/rulesStorage';
import { SCHEMA_ZH } from './zh/schema';
import { SERVER_ZH } from './zh/server';
import { SETS_ZH } from './zh/sets';

export const ZH: Record<MessageKey, string> = {
  ...CLI_ZH,
  ...HOVER_ZH,
  ...RULES_ZH,
  ...RULES_CPU_ZH,
  ...RULES_DEVICES_ZH,
  ...RULES_STORAGE_ZH,
  ...SCHEMA_ZH,
  ...SERVER_ZH,
  ...SETS_ZH,
};
