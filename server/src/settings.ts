/** The `libvirtXml.*` settings the server honours, read defensively from whatever the client sends. */

export interface ServerSettings {
  docsLanguage: 'auto' | 'en' | 'zh';
  maxProblems: number;
  maxFileSizeMB: number;
  /** A directory holding domain.rng to validate against instead of the bundled schema ('' for none). */
  schemaPath: string;
  /** With no schemaPath: use /usr/share/libvirt/schemas when it has domain.rng. */
  useSystemSchemas: boolean;
}

export const DEFAULT_SETTINGS: ServerSettings = {
  docsLanguage: 'auto',
  maxProblems: 1000,
  maxFileSizeMB: 16,
  schemaPath: '',
  useSystemSchemas: false,
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
  const schemaPath = value('schema', 'path');
  const useSystemSchemas = value('schema', 'useSystemSchemas');
  return {
    docsLanguage: language === 'en' || language === 'zh' || language === 'auto' ? language : DEFAULT_SETTINGS.docsLanguage,
    maxProblems: isPositiveNumber(maxProblems) ? Math.floor(maxProblems) : DEFAULT_SETTINGS.maxProblems,
    maxFileSizeMB: isPositiveNumber(maxFileSize) ? maxFileSize : DEFAULT_SETTINGS.maxFileSizeMB,
    schemaPath: typeof schemaPath === 'string' ? schemaPath.trim() : DEFAULT_SETTINGS.schemaPath,
    useSystemSchemas: typeof useSystemSchemas === 'boolean' ? useSystemSchemas : DEFAULT_SETTINGS.useSystemSchemas,
  };
}

function isPositiveNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object';
}
