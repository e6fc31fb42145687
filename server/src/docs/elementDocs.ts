/**
 * Hover documentation as data (schemas/docs/<language>.json): the spec's Chinese text and our
 * English text, keyed by element path (`domain/cputune/vcpupin`), attributes inside the entry.
 * A key may be a path suffix (`vcpupin`, `disk/source`): it applies wherever the element's
 * path ends that way, and the most specific matching key wins.
 */

export type DocsLanguage = 'en' | 'zh';

export interface DocEntry {
  section?: string;
  /** The matching section of libvirt's online documentation. */
  link?: string;
  markdown: string;
  example?: string;
  attributes?: Record<string, string>;
  /** What each listed value means, per attribute; under `""`, the values of the element's own text. */
  values?: Record<string, Record<string, string>>;
}

export interface DocsData {
  language: DocsLanguage;
  source: Record<string, string>;
  /** Keyed by element path: names from the root, or a suffix of such a path, joined by `/`. */
  entries: Record<string, DocEntry>;
}

/** A docs text and its language: the one asked for, or the other where that one has none. */
export interface DocText {
  text: string;
  language: DocsLanguage;
}

/** An element's docs, each part in the language asked for where it has that part, else in the other. */
export interface ElementDoc {
  section?: DocText;
  markdown?: DocText;
  example?: string;
  link?: string;
  /** Per attribute, in the order the entries list them. */
  attributes: Map<string, DocText>;
}

export interface FoundDoc {
  entry: DocEntry;
  /** The key that matched. */
  key: string;
  language: DocsLanguage;
}

/**
 * The id libvirt's site (docutils) gives a section heading: lowercase, each run of anything
 * else as one `-` ("CPU Allocation" → cpu-allocation). scripts/import-docs.mjs builds links the same way.
 */
export function sectionAnchor(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export function splitKey(key: string): string[] {
  return key.split('/');
}

interface Keyed {
  segments: string[];
  key: string;
  entry: DocEntry;
}

/**
 * How well `key` fits `path`: the number of trailing names they share when the shorter one is
 * a suffix of the other, else 0. A key longer than the path fits a path known only in part
 * (completion knows the parent, not the whole ancestry).
 */
export function keyScore(segments: readonly string[], path: readonly string[]): number {
  const overlap = Math.min(segments.length, path.length);
  for (let i = 1; i <= overlap; i++) {
    if (segments[segments.length - i] !== path[path.length - i]) return 0;
  }
  return overlap;
}

export class ElementDocs {
  /** Per language, the entries by their element's own name (the key's last segment). */
  private readonly byLanguage = new Map<DocsLanguage, Map<string, Keyed[]>>();

  constructor(data: readonly DocsData[]) {
    for (const docs of data) {
      const byName = new Map<string, Keyed[]>();
      for (const [key, entry] of Object.entries(docs.entries ?? {})) {
        const segments = splitKey(key);
        const name = segments[segments.length - 1];
        const list = byName.get(name) ?? [];
        list.push({ segments, key, entry });
        byName.set(name, list);
      }
      this.byLanguage.set(docs.language, byName);
    }
  }

  /**
   * The entry for the element at `path` (element names from the root down to it, or as much
   * of that as the caller knows) in `language`, falling back to the other language when that
   * one has nothing for the element. The key sharing the most trailing names wins; between
   * equals, the shorter key (the one that is a suffix of the path).
   */
  lookup(path: readonly string[], language: DocsLanguage): FoundDoc | undefined {
    if (path.length === 0) return undefined;
    for (const candidate of languageOrder(language)) {
      const best = this.bestIn(candidate, path);
      if (best) return { entry: best.entry, key: best.key, language: candidate };
    }
    return undefined;
  }

  /**
   * The docs of the element at `path`, part by part: its section, text and each attribute in
   * `language` where that language's entry has them, else in the other's. A text that only
   * repeats the section title (elements the spec shows only in an example) counts as none.
   */
  elementDoc(path: readonly string[], language: DocsLanguage): ElementDoc | undefined {
    if (path.length === 0) return undefined;
    const found = languageOrder(language).flatMap((candidate) => {
      const best = this.bestIn(candidate, path);
      return best ? [{ entry: best.entry, language: candidate }] : [];
    });
    if (found.length === 0) return undefined;
    const part = (read: (entry: DocEntry) => string | undefined): DocText | undefined => {
      for (const { entry, language: candidate } of found) {
        const text = read(entry);
        if (text) return { text, language: candidate };
      }
      return undefined;
    };
    const attributes = new Map<string, DocText>();
    for (const { entry } of found) {
      for (const name of Object.keys(entry.attributes ?? {})) {
        if (!attributes.has(name)) attributes.set(name, part((e) => e.attributes?.[name])!);
      }
    }
    return {
      section: part((entry) => entry.section),
      markdown: part((entry) => (entry.markdown && entry.markdown !== `**${entry.section}**` ? entry.markdown : undefined)),
      example: found.find(({ entry }) => entry.example)?.entry.example,
      link: found.find(({ entry }) => entry.link)?.entry.link,
      attributes,
    };
  }

  /** The docs of `attribute` of the element at `path`, in `language` or else the other one. */
  attributeDoc(path: readonly string[], attribute: string, language: DocsLanguage): DocText | undefined {
    return this.firstIn(language, path, (entry) => entry.attributes?.[attribute]);
  }

  /**
   * What `value` means for `attribute` of the element at `path` (`''`: the element's text), in
   * `language` or else the other one.
   */
  valueDoc(path: readonly string[], attribute: string, value: string, language: DocsLanguage): DocText | undefined {
    return this.firstIn(language, path, (entry) => entry.values?.[attribute]?.[value]);
  }

  private firstIn(language: DocsLanguage, path: readonly string[], read: (entry: DocEntry) => string | undefined): DocText | undefined {
    if (path.length === 0) return undefined;
    for (const candidate of languageOrder(language)) {
      const best = this.bestIn(candidate, path);
      const text = best && read(best.entry);
      if (text) return { text, language: candidate };
    }
    return undefined;
  }

  private bestIn(language: DocsLanguage, path: readonly string[]): Keyed | undefined {
    const candidates = this.byLanguage.get(language)?.get(path[path.length - 1]);
    let best: Keyed | undefined;
    let bestScore = 0;
    for (const keyed of candidates ?? []) {
      const score = keyScore(keyed.segments, path);
      if (score > bestScore || (score === bestScore && score > 0 && best && keyed.segments.length < best.segments.length)) {
        best = keyed;
        bestScore = score;
      }
    }
    return best;
  }
}

/** Put before a text shown in the other language because the one asked for has none. */
const OTHER_LANGUAGE_MARK: Record<DocsLanguage, string> = { en: '*(Chinese only)* ', zh: '*（暂无中文，以下为英文）* ' };

/** `doc`'s text, marked when it is not in `language`. */
export function inLanguage(doc: DocText, language: DocsLanguage): string {
  return doc.language === language ? doc.text : OTHER_LANGUAGE_MARK[language] + doc.text;
}

function languageOrder(language: DocsLanguage): DocsLanguage[] {
  return language === 'zh' ? ['zh', 'en'] : ['en', 'zh'];
}

/** `auto` follows the editor's display language: Chinese for zh-*, English otherwise. */
export function resolveDocsLanguage(setting: string | undefined, editorLocale: string | undefined): DocsLanguage {
  if (setting === 'en' || setting === 'zh') return setting;
  return editorLocale?.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}
