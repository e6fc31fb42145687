/**
 * The English catalogue: every message users read, by area (one file each under en/, mirrored
 * under zh/). A message key names its area first: `rules.`, `schema.`, `wellFormed.`…
 */
import { CLI_EN } from './en/cli';
import { FEATURES_EN } from './en/features';
import { FIXES_EN } from './en/fixes';
import { HOVER_EN } from './en/hover';
import { HOST_EN } from './en/host';
import { LIBVIRT_EN } from './en/libvirt';
import { RULES_EN } from './en/rules';
import { RULES_CPU_EN } from './en/rulesCpu';
import { RULES_DEVICES_EN } from './en/rulesDevices';
import { RULES_STORAGE_EN } from './en/rulesStorage';
import { SCHEMA_EN } from './en/schema';
import { SERVER_EN } from './en/server';
import { SETS_EN } from './en/sets';
import { USER_SCHEMA_EN } from './en/userSchema';
import { WELL_FORMED_EN } from './en/wellFormed';
import { joinAreas } from './areas';

export const EN = joinAreas(
  CLI_EN,
  FEATURES_EN,
  FIXES_EN,
  HOVER_EN,
  HOST_EN,
  LIBVIRT_EN,
  RULES_EN,
  RULES_CPU_EN,
  RULES_DEVICES_EN,
  RULES_STORAGE_EN,
  SCHEMA_EN,
  SERVER_EN,
  SETS_EN,
  USER_SCHEMA_EN,
  WELL_FORMED_EN,
);

export type MessageKey = keyof typeof EN;
