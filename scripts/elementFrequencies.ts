/**
 * `npm run frequencies -- ../shared/corpus/valid`, by hand when the corpus changes: in how many
 * elements of each name each child element appears, each attribute in how many elements of
 * each name under each parent name (`<disk><driver>` takes other attributes than
 * `<interface><driver>`), over the domain documents under the directory, written to
 * schemas/element-frequencies.json; and each value the bundled schema lists in how many elements
 * of each name its attribute has it, to schemas/value-frequencies.json. Completion ranks its
 * suggestions by these counts (features/likelihood.ts), so `<disk>` comes before `<lease>`, and
 * a fix that adds a missing attribute writes its likeliest value (schema/likelyValues.ts); the
 * values are a file of their own, so that the command line, which completes nothing, loads only them.
 * A document that appears twice (libvirt's tests copy inputs to outputs) counts once.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { xmlFilesUnder } from '../server/src/cli/files';
import { parseDocument } from '../server/src/parser/parse';
import { attributeValue } from '../server/src/parser/nodes';
import { walk } from '../server/src/parser/tree';
import { Frequencies, attributesKey } from '../server/src/features/likelihood';
import { ValueFrequencies, valuesKey } from '../server/src/schema/likelyValues';
import { loadModelFile } from '../server/src/schema/schema';
import { writeFileAtomically } from '../server/src/safeWrite';

const SCHEMAS = path.resolve(__dirname, '..', '..', 'schemas');
const OUTPUT = path.join(SCHEMAS, 'element-frequencies.json');
const VALUES_OUTPUT = path.join(SCHEMAS, 'value-frequencies.json');

/** The values the bundled schema lists anywhere: only those are counted (not paths, names, numbers). */
function listedValues(): Set<string> {
  const model = loadModelFile(path.join(SCHEMAS, 'libvirt-domain.json'));
  const rows = Array.from({ length: model.patternCount }, (_, i) => model.pattern(i));
  return new Set(rows.filter((row) => row[0] === 'value').map((row) => String(row[3])));
}

function count(table: Record<string, Record<string, number>>, owner: string, names: Set<string>): void {
  if (names.size === 0) return;
  const row = (table[owner] ??= {});
  for (const name of names) row[name] = (row[name] ?? 0) + 1;
}

/** Rows and their entries by name, so the file is stable from one run to the next. */
function sorted(table: Record<string, Record<string, number>>): Record<string, Record<string, number>> {
  const byName = <T>(entries: [string, T][]) => entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(byName(Object.entries(table)).map(([owner, row]) => [owner, Object.fromEntries(byName(Object.entries(row)))]));
}

/** The counts over the domain documents under `directory`. */
export function elementFrequencies(directory: string): Frequencies {
  return corpusFrequencies(directory).elements;
}

/** The counts over the domain documents under `directory`: elements and attributes, and values. */
export function corpusFrequencies(directory: string): { elements: Frequencies; values: ValueFrequencies } {
  const listed = listedValues();
  const children: Frequencies['children'] = {};
  const attributes: Frequencies['attributes'] = {};
  const values: ValueFrequencies['values'] = {};
  const seen = new Set<string>();
  let documents = 0;
  for (const file of xmlFilesUnder(directory)) {
    const text = fs.readFileSync(file, 'utf8');
    const digest = createHash('sha256').update(text).digest('hex');
    if (seen.has(digest)) continue;
    seen.add(digest);
    const tree = parseDocument(text);
    if (!tree.children.some((child) => child.kind === 'element' && child.name === 'domain')) continue;
    documents++;
    walk(tree, {
      enter(node, start, parent) {
        if (node.kind !== 'element') return;
        count(attributes, attributesKey(parent.kind === 'element' ? parent.name : undefined, node.name), new Set(node.attributes.map((attribute) => attribute.name)));
        count(children, node.name, new Set(node.children.flatMap((child) => (child.kind === 'element' ? [child.name] : []))));
        for (const attribute of node.attributes) {
          const value = attribute.valueClosed ? attributeValue(text, start, attribute) : undefined;
          if (value !== undefined && listed.has(value)) count(values, valuesKey(node.name, attribute.name), new Set([value]));
        }
      },
    });
  }
  const source = { documents, generatedBy: 'npm run frequencies -- <directory of domain documents>' };
  return { elements: { source, children: sorted(children), attributes: sorted(attributes) }, values: { source, values: sorted(values) } };
}

function main(argv: string[]): void {
  const directory = argv[0];
  if (!directory) {
    console.error('usage: npm run frequencies -- <directory of domain documents>');
    process.exitCode = 2;
    return;
  }
  const frequencies = corpusFrequencies(directory);
  writeFileAtomically(OUTPUT, `${JSON.stringify(frequencies.elements)}\n`);
  writeFileAtomically(VALUES_OUTPUT, `${JSON.stringify(frequencies.values)}\n`);
  for (const file of [OUTPUT, VALUES_OUTPUT]) console.log(`${frequencies.elements.source.documents} documents → ${path.relative(process.cwd(), file)} (${fs.statSync(file).size} bytes)`);
}

if (require.main === module) main(process.argv.slice(2));
