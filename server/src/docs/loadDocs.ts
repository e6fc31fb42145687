/** Reads the shipped docs data; a missing or broken file costs hover text, never the server. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DocEntry, DocsData, ElementDocs } from './elementDocs';

/**
 * Per language: the files read, later ones laid over earlier ones part by part. Chinese is the
 * spec's text (imported by scripts/import-docs.mjs) under our own, which fills its gaps and
 * replaces what the machine translation damaged.
 */
const FILES: Record<DocsData['language'], string[]> = { en: ['en.json'], zh: ['zh.json', 'zh-authored.json'] };

export function loadElementDocs(directory: string, log: (message: string) => void): ElementDocs {
  const data = (Object.keys(FILES) as DocsData['language'][]).flatMap((language) => loadDocsData(directory, language, log) ?? []);
  return new ElementDocs(data);
}

/** One language's docs: its files read and laid over each other; undefined when none could be read. */
export function loadDocsData(directory: string, language: DocsData['language'], log: (message: string) => void): DocsData | undefined {
  let merged: DocsData | undefined;
  for (const name of FILES[language]) {
    const file = path.join(directory, name);
    try {
      const read = JSON.parse(fs.readFileSync(file, 'utf8')) as DocsData;
      merged = merged ? { ...merged, entries: overlay(merged.entries, read.entries) } : { ...read, language };
    } catch (error) {
      log(`Hover docs ${file} could not be read: ${String(error)}`);
    }
  }
  return merged;
}

/** `over`'s entries laid over `under`'s: each text, attribute and value replaces only its own. */
export function overlay(under: Record<string, DocEntry>, over: Record<string, Partial<DocEntry>>): Record<string, DocEntry> {
  const result: Record<string, DocEntry> = { ...under };
  for (const [key, top] of Object.entries(over)) {
    const base = under[key];
    const entry: DocEntry = { ...base, ...top, markdown: top.markdown ?? base?.markdown ?? '' };
    if (base?.attributes || top.attributes) entry.attributes = { ...base?.attributes, ...top.attributes };
    if (base?.values || top.values) {
      const values: Record<string, Record<string, string>> = { ...base?.values };
      for (const [attribute, texts] of Object.entries(top.values ?? {})) values[attribute] = { ...values[attribute], ...texts };
      entry.values = values;
    }
    result[key] = entry;
  }
  return result;
}
