/**
 * `npm run docs:coverage [-- --all] [-- --top N] [-- --spec FILE]`: for each docs language, the
 * share of what the spec covers (elements its examples show, attributes its text describes, and
 * for information the attributes its examples show) and of what the bundled schema allows
 * (element paths from <domain>, their attributes) that has an entry, then the missing ones:
 * the first N (20), shallowest first, or all with --all.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DocsLanguage, ElementDocs, splitKey } from '../server/src/docs/elementDocs';
import { loadDocsData } from '../server/src/docs/loadDocs';
import { ListedValues, schemaPaths, schemaValues } from '../server/src/docs/schemaPaths';
import { loadBundledSchema } from '../server/src/schema/schema';

const ROOT = path.resolve(__dirname, '..', '..');
const IMPORTER = path.join(ROOT, 'scripts', 'import-docs.mjs');
const DEFAULT_SPEC = path.resolve(ROOT, '..', 'shared', 'spec', 'formatdomain.zh.md');

interface SpecInventory {
  elements: Record<string, { shown: string[]; described: string[] }>;
}

interface Tally {
  label: string;
  total: number;
  missing: string[];
}

function specInventory(spec: string): SpecInventory {
  const run = spawnSync(process.execPath, [IMPORTER, spec, '--inventory'], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (run.status !== 0) throw new Error(`${IMPORTER} --inventory failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as SpecInventory;
}

/** Elements first by depth, then by name: the missing ones users meet first lead the list. */
function byDepth(a: string, b: string): number {
  return a.split('/').length - b.split('/').length || (a < b ? -1 : a > b ? 1 : 0);
}

/** Values that only switch their attribute on or off: the attribute's docs say what they mean. */
const TOGGLES = new Set(['yes', 'no', 'on', 'off']);

function tallies(
  docs: ElementDocs,
  language: DocsLanguage,
  spec: SpecInventory | undefined,
  paths: Map<string, Set<string>>,
  values: Map<string, ListedValues>,
): Tally[] {
  const entryAt = (segments: string[]) => docs.lookup(segments, language)?.entry;
  const result: Tally[] = [];
  if (spec) {
    const keys = Object.keys(spec.elements);
    const attributeTally = (label: string, pick: (v: { shown: string[]; described: string[] }) => string[]): Tally => {
      const all = keys.flatMap((key) => pick(spec.elements[key]).map((a) => ({ key, a })));
      return { label, total: all.length, missing: all.filter(({ key, a }) => !entryAt(splitKey(key))?.attributes?.[a]).map(({ key, a }) => `${key} @${a}`) };
    };
    result.push({ label: 'spec elements', total: keys.length, missing: keys.filter((key) => !entryAt(splitKey(key))) });
    result.push(attributeTally('spec attributes (described in its text)', (v) => v.described));
    result.push(attributeTally('spec attributes (shown in its examples)', (v) => v.shown));
  }
  const elementPaths = [...paths.keys()];
  result.push({ label: 'schema elements (paths)', total: elementPaths.length, missing: elementPaths.filter((p) => !entryAt(splitKey(p))) });
  const attributes = elementPaths.flatMap((p) => [...paths.get(p)!].map((a) => ({ p, a })));
  result.push({
    label: 'schema attributes',
    total: attributes.length,
    missing: attributes.filter(({ p, a }) => !entryAt(splitKey(p))?.attributes?.[a]).map(({ p, a }) => `${p} @${a}`),
  });
  // A value is named by the docs key it would be written under (the element's entry), so that
  // one entry shared by several paths counts once.
  const listed = new Map<string, boolean>();
  for (const [p, owners] of values) {
    const found = docs.lookup(splitKey(p), language);
    for (const [owner, set] of owners) {
      const toggle = [...set].every((value) => TOGGLES.has(value));
      for (const value of set) {
        listed.set(`${found?.key ?? p} ${owner ? `@${owner}` : 'text'}=${value}`, toggle);
        if (!found?.entry.values?.[owner]?.[value]) listed.set(`!${found?.key ?? p} ${owner ? `@${owner}` : 'text'}=${value}`, toggle);
      }
    }
  }
  const valueTally = (label: string, counted: (toggle: boolean) => boolean): Tally => {
    const all = [...listed].filter(([name, toggle]) => !name.startsWith('!') && counted(toggle)).map(([name]) => name);
    return { label, total: all.length, missing: all.filter((name) => listed.has(`!${name}`)) };
  };
  result.push(valueTally('schema listed values (not yes/no, on/off)', (toggle) => !toggle));
  result.push(valueTally('schema listed values (all)', () => true));
  return result;
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '-' : `${((100 * part) / whole).toFixed(1)}%`;
}

function main(args: string[]): number {
  const all = args.includes('--all');
  const topAt = args.indexOf('--top');
  const top = topAt >= 0 ? Number(args[topAt + 1]) : 20;
  const specAt = args.indexOf('--spec');
  const specFile = specAt >= 0 ? args[specAt + 1] : DEFAULT_SPEC;
  if (!Number.isInteger(top) || top < 0 || !specFile) {
    console.error('usage: npm run docs:coverage -- [--all] [--top N] [--spec formatdomain.zh.md]');
    return 2;
  }
  const spec = fs.existsSync(specFile) ? specInventory(specFile) : undefined;
  if (!spec) console.log(`${specFile} not found: spec coverage left out\n`);
  const schema = loadBundledSchema(ROOT);
  const paths = schemaPaths(schema.grammar);
  const values = schemaValues(schema.grammar);

  for (const language of ['en', 'zh'] as const) {
    const directory = path.join(ROOT, 'schemas', 'docs');
    // One language at a time (its files laid over each other, as the server reads them): no fallback to the other.
    const data = loadDocsData(directory, language, (message) => console.error(message));
    if (!data) continue;
    const docs = new ElementDocs([data]);
    console.log(`${language} (schemas/docs: ${language === 'zh' ? 'zh.json with zh-authored.json over it' : 'en.json'})`);
    const counted = tallies(docs, language, spec, paths, values);
    for (const { label, total, missing } of counted) {
      const have = total - missing.length;
      console.log(`  ${label.padEnd(42)} ${String(have).padStart(5)}/${String(total).padEnd(5)} ${percent(have, total).padStart(6)}`);
    }
    for (const { label, missing } of counted) {
      if (missing.length === 0) continue;
      const shown = all ? missing.length : Math.min(top, missing.length);
      if (shown === 0) continue;
      console.log(`  missing ${label}${shown < missing.length ? ` (first ${shown} of ${missing.length}; --all for every one)` : ''}:`);
      for (const item of [...missing].sort(byDepth).slice(0, shown)) console.log(`    ${item}`);
    }
    console.log('');
  }
  console.log(`schema: ${schema.describe()}, element paths from <domain> (each definition once per path)`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
