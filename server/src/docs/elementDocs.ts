/**
 * Hover documentation as data (schemas/docs/<language>.json): the spec's Chinese text and our
 * English text, keyed by element name and the parents under which that text applies.
 */

export type DocsLanguage = 'en' | 'zh';

export interface DocEntry {
  /** Parent element names this entry applies under; empty = any parent. */
  parents: string[];
  section?: string;
  markdown: string;
  example?: string;
  attributes?: Record<string, string>;
}

export interface DocsData {
  language: DocsLanguage;
  source: Record<string, string>;
  elements: Record<string, DocEntry[]>;
}

export class ElementDocs {
  private readonly byLanguage = new Map<DocsLanguage, DocsData>();

  constructor(data: readonly DocsData[]) {
    for (const entry of data) this.byLanguage.set(entry.language, entry);
  }

  /**
   * The entry for `name` under `parent` in `language`, falling back to the other language
   * when that one has nothing for the element.
   */
  lookup(name: string, parent: string | undefined, language: DocsLanguage): { entry: DocEntry; language: DocsLanguage } | undefined {
    const order: DocsLanguage[] = language === 'zh' ? ['zh', 'en'] : ['en', 'zh'];
    for (const candidate of order) {
      const entries = this.byLanguage.get(candidate)?.elements[name];
      if (!entries || entries.length === 0) continue;
      const entry =
        (parent !== undefined ? entries.find((e) => e.parents.includes(parent)) : undefined) ??
        entries.find((e) => e.parents.length === 0) ??
        entries[0];
      return { entry, language: candidate };
    }
    return undefined;
  }
}

/** `auto` follows the editor's display language: Chinese for zh-*, English otherwise. */
export function resolveDocsLanguage(setting: string | undefined, editorLocale: string | undefined): DocsLanguage {
  if (setting === 'en' || setting === 'zh') return setting;
  return editorLocale?.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}
