/** The Chinese catalogue: the same keys and parameters as the English (en.ts), area by area. */
import type { MessageKey } from './en';
import { CLI_ZH } from './zh/cli';
import { RULES_ZH } from './zh/rules';
import { SERVER_ZH } from './zh/server';
import { SETS_ZH } from './zh/sets';

export const ZH: Record<MessageKey, string> = { ...RULES_ZH, ...SETS_ZH, ...SERVER_ZH, ...CLI_ZH };
