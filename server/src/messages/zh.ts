/** The Chinese catalogue: the same keys and parameters as the English (en.ts), area by area. */
import type { MessageKey } from './en';
import { CLI_ZH } from './zh/cli';
import { FEATURES_ZH } from './zh/features';
import { FIXES_ZH } from './zh/fixes';
import { HOVER_ZH } from './zh/hover';
import { HOST_ZH } from './zh/host';
import { LIBVIRT_ZH } from './zh/libvirt';
import { RULES_ZH } from './zh/rules';
import { RULES_CPU_ZH } from './zh/rulesCpu';
import { RULES_DEVICES_ZH } from './zh/rulesDevices';
import { RULES_STORAGE_ZH } from './zh/rulesStorage';
import { SCHEMA_ZH } from './zh/schema';
import { SERVER_ZH } from './zh/server';
import { SETS_ZH } from './zh/sets';
import { USER_SCHEMA_ZH } from './zh/userSchema';
import { WELL_FORMED_ZH } from './zh/wellFormed';
import { joinAreas } from './areas';

export const ZH: Record<MessageKey, string> = joinAreas(
  CLI_ZH,
  FEATURES_ZH,
  FIXES_ZH,
  HOVER_ZH,
  HOST_ZH,
  LIBVIRT_ZH,
  RULES_ZH,
  RULES_CPU_ZH,
  RULES_DEVICES_ZH,
  RULES_STORAGE_ZH,
  SCHEMA_ZH,
  SERVER_ZH,
  SETS_ZH,
  USER_SCHEMA_ZH,
  WELL_FORMED_ZH,
);
