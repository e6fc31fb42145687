/** The `libvirtXml.*` settings the server honours, read defensively from whatever the client sends. */

export interface ServerSettings {
  docsLanguage: 'auto' | 'en' | 'zh';
  maxProblems: number;
  maxFileSizeMB: number;
}

export const DEFAULT_SETTINGS: ServerSettings = {
  docsLanguage: 'auto',
  maxProblems: 1000,
  maxFileSizeMB: 16,
};

/** Reads the `libvirtXml` section as VS Code sends it (nested objects); bad values fall back. */
export function readSettings(section: unknown): ServerSettings {
  const value = (group: string, key: string): unknown => {
    const inner = isRecord(section) ? section[group] : undefined;
    return isRecord(inner) ? inner[key] : undefined;
  };
  const language = value('docs', 'language');
  const maxProblems = value('diagnostics', 'maxProblems');
  const maxFileSize = value('analysis', 'maxFileSizeMB');
  return {
    docsLanguage: language === 'en' || language === 'zh' || language === 'auto' ? language : DEFAULT_SETTINGS.docsLanguage,
    maxProblems: isPositiveNumber(maxProblems) ? Math.floor(maxProblems) : DEFAULT_SETTINGS.maxProblems,
    maxFileSizeMB: isPositiveNumber(maxFileSize) ? maxFileSize : DEFAULT_SETTINGS.maxFileSizeMB,
  };
}

function isPositiveNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object';
}
