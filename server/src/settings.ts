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

/** Reads the `libvirtXml` section (as nested objects or dotted keys); bad values fall back. */
export function readSettings(section: unknown): ServerSettings {
  const value = (path: string[]): unknown => {
    let current: unknown = section;
    for (const key of path) {
      if (current === null || typeof current !== 'object') return undefined;
      const record = current as Record<string, unknown>;
      current = key in record ? record[key] : record[path.slice(path.indexOf(key)).join('.')];
      if (!(key in record)) return current;
    }
    return current;
  };
  const language = value(['docs', 'language']);
  const maxProblems = value(['diagnostics', 'maxProblems']);
  const maxFileSize = value(['analysis', 'maxFileSizeMB']);
  return {
    docsLanguage: language === 'en' || language === 'zh' || language === 'auto' ? language : DEFAULT_SETTINGS.docsLanguage,
    maxProblems: isPositiveNumber(maxProblems) ? Math.floor(maxProblems) : DEFAULT_SETTINGS.maxProblems,
    maxFileSizeMB: isPositiveNumber(maxFileSize) ? maxFileSize : DEFAULT_SETTINGS.maxFileSizeMB,
  };
}

function isPositiveNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}
