/**
 * The mutation test of issue 12: does the one fix a user would take give the document back?
 * `npm run fix-mutations -- ../shared/corpus/valid [--documents N] [--seed S]` prints the table;
 * test/unit/fixMutations.test.ts holds it to floors.
 *
 * Each sampled valid domain document (one with no error or warning of its own) is broken once by
 * each kind of mutation, at a place chosen by the seed: a typo in an element name (both tags) or
 * an attribute name, a near-miss value of an attribute whose schema lists its values, a required
 * attribute deleted, an end tag deleted (with its line when it stands alone on one), an attribute
 * written twice. The broken text is analysed as the server does; of the errors and warnings the
 * mutation caused, the one a user would pick (see pickFinding) gets its preferred fix applied. Per kind it counts the
 * documents broken, those that got a preferred fix, those the fix made valid (no error), and
 * those it gave back exactly.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyEdits } from '../server/src/cli/fix';
import { xmlFilesUnder } from '../server/src/cli/files';
import { Analysis } from '../server/src/features/analysis';
import { documentFindings } from '../server/src/features/diagnostics';
import { attributeFactsAt } from '../server/src/features/schemaFacts';
import { WELL_FORMEDNESS_CODES } from '../server/src/features/wellFormednessCodes';
import { Finding, Fix, editsOf } from '../server/src/finding';
import { Attribute, ElementNode, Quote } from '../server/src/parser/nodes';
import { Located, walk } from '../server/src/parser/tree';
import { Schema, loadBundledSchema } from '../server/src/schema/schema';

export const MUTATION_KINDS = [
  'typo in an element name',
  'typo in an attribute name',
  'near-miss value',
  'deleted required attribute',
  'deleted end tag',
  'doubled attribute',
] as const;
export type MutationKind = (typeof MUTATION_KINDS)[number];

/** The kinds whose preferred fix must give back exactly the original, not just a valid document. */
export const EXACT_KINDS: readonly MutationKind[] = ['typo in an element name', 'typo in an attribute name', 'deleted end tag', 'doubled attribute'];

export interface Mutant {
  kind: MutationKind;
  text: string;
  /** Where the mutant is broken, [start, end) in its text: the finding there is the one to fix. */
  site: { start: number; end: number };
}

export interface Outcome {
  /** The mutation caused an error or a warning. */
  broken: boolean;
  /** A finding it caused has a preferred fix. */
  preferredFix: boolean;
  /** That fix leaves no error. */
  valid: boolean;
  /** That fix gives back the original text. */
  exact: boolean;
}

export type KindCounts = { [K in keyof Outcome]: number };
export type MutationTable = Record<MutationKind, KindCounts>;

/** A seeded generator of whole numbers below `n`, the same sequence for the same seed on every machine. */
export function seededRandom(seed: number): (n: number) => number {
  let state = seed >>> 0 || 1;
  return (n) => {
    // xorshift32
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state % n;
  };
}

const LIMITS = { maxProblems: Number.POSITIVE_INFINITY, maxFileSizeMB: Number.POSITIVE_INFINITY };

export function analysisOf(text: string, schema: Schema): Analysis {
  return Analysis.ofText(text, { schema, host: undefined, limits: LIMITS });
}

const needsPerson = (finding: Finding): boolean => finding.severity === 'error' || finding.severity === 'warning';

/** An element with where it stands and its ancestors (for the schema's facts about it). */
interface Placed {
  element: Located<ElementNode>;
  ancestors: Located<ElementNode>[];
}

function elementsOf(analysis: Analysis): Placed[] {
  const placed: Placed[] = [];
  const chain: Located<ElementNode>[] = [];
  walk(analysis.tree, {
    enter(node, start, parent) {
      if (node.kind !== 'element') return false;
      // The walk is depth-first: drop the ancestors it has left.
      while (chain.length > 0 && chain[chain.length - 1].node !== parent) chain.pop();
      const element = { node, start };
      placed.push({ element, ancestors: [...chain] });
      chain.push(element);
    },
  });
  return placed;
}

const splice = (text: string, start: number, end: number, inserted: string): string => text.slice(0, start) + inserted + text.slice(end);

/** A plain attribute: not a namespace declaration, with a quoted value. */
const plainAttribute = (attribute: Attribute): boolean =>
  attribute.valueOffset >= 0 && attribute.quote !== Quote.None && attribute.valueClosed && attribute.name !== 'xmlns' && !attribute.name.startsWith('xmlns:');

/**
 * `word` with one slip of the keyboard: a letter dropped, doubled, or swapped with the one before;
 * the first letter stays (a name must start with one). Undefined when the word is too short.
 */
function typo(word: string, random: (n: number) => number): string | undefined {
  if (word.length < 3) return undefined;
  const slip = random(3);
  if (slip === 2) {
    const at = 2 + random(word.length - 2);
    // Two same letters swap to themselves: drop one instead.
    if (word[at - 1] !== word[at]) return word.slice(0, at - 1) + word[at] + word[at - 1] + word.slice(at + 1);
  }
  const at = 1 + random(word.length - 1);
  return slip === 1 ? word.slice(0, at) + word[at] + word.slice(at) : word.slice(0, at) + word.slice(at + 1);
}

/** The items in a seeded order. */
function shuffled<T>(items: readonly T[], random: (n: number) => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = random(i + 1);
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

/** At most this many places are tried per kind, where the schema must be asked whether one fits. */
const TRIES = 24;

interface PlacedAttribute extends Placed {
  attribute: Attribute;
}

/** One mutant of each kind that has a place in `text` (a valid document), chosen by `random`. */
export function mutantsOf(text: string, analysis: Analysis, schema: Schema, random: (n: number) => number): Mutant[] {
  const elements = elementsOf(analysis);
  const attributes: PlacedAttribute[] = elements.flatMap((placed) => placed.element.node.attributes.filter(plainAttribute).map((attribute) => ({ ...placed, attribute })));
  const facts = (at: PlacedAttribute) => attributeFactsAt(schema, analysis, at.ancestors, at.element, at.attribute);
  const valueOf = (at: PlacedAttribute) => {
    const start = at.element.start + at.attribute.valueOffset + 1;
    return { start, end: start + at.attribute.valueLength - 2, value: text.slice(start, start + at.attribute.valueLength - 2) };
  };
  const attributeEnd = (at: PlacedAttribute) => at.element.start + at.attribute.valueOffset + at.attribute.valueLength;
  const first = <T>(items: readonly T[], make: (item: T) => Mutant | undefined, tries = Number.POSITIVE_INFINITY): Mutant | undefined => {
    let tried = 0;
    for (const item of shuffled(items, random)) {
      if (tried++ >= tries) return undefined;
      const mutant = make(item);
      if (mutant) return mutant;
    }
    return undefined;
  };

  const made: (Mutant | undefined)[] = [
    first(
      elements.filter((placed) => placed.ancestors.length > 0 && !placed.element.node.name.includes(':')),
      ({ element }) => {
        const { node, start } = element;
        const name = typo(node.name, random);
        if (!name) return undefined;
        // The end tag first, so the start tag's offsets hold.
        const ended = node.endTagOffset >= 0 ? splice(text, start + node.endTagOffset + 2, start + node.endTagOffset + 2 + node.name.length, name) : text;
        return { kind: 'typo in an element name', text: splice(ended, start + 1, start + 1 + node.name.length, name), site: { start: start + 1, end: start + 1 + name.length } };
      },
    ),
    first(
      attributes.filter((at) => !at.attribute.name.includes(':')),
      (at) => {
        const name = typo(at.attribute.name, random);
        const start = at.element.start + at.attribute.nameOffset;
        return name ? { kind: 'typo in an attribute name', text: splice(text, start, start + at.attribute.name.length, name), site: { start, end: start + name.length } } : undefined;
      },
    ),
    first(
      attributes,
      (at) => {
        const allowed = facts(at)?.values ?? [];
        const { start, end, value } = valueOf(at);
        if (allowed.length < 2 || !allowed.includes(value)) return undefined;
        const nearMiss = typo(value, random);
        if (nearMiss === undefined || allowed.includes(nearMiss)) return undefined;
        return { kind: 'near-miss value', text: splice(text, start, end, nearMiss), site: { start, end: start + nearMiss.length } };
      },
      TRIES,
    ),
    first(
      attributes,
      (at) => {
        if (!facts(at)?.required) return undefined;
        let start = at.element.start + at.attribute.nameOffset;
        while (/\s/.test(text[start - 1])) start--;
        const mutated = splice(text, start, attributeEnd(at), '');
        const tagEnd = at.element.start + at.element.node.startTagLength - (attributeEnd(at) - start);
        return { kind: 'deleted required attribute', text: mutated, site: { start: at.element.start, end: tagEnd } };
      },
      TRIES,
    ),
    first(
      elements.filter((placed) => placed.element.node.endTagOffset >= 0),
      ({ element }) => {
        let start = element.start + element.node.endTagOffset;
        let end = element.start + element.node.length;
        // An end tag alone on its line goes with its line.
        const lineStart = text.lastIndexOf('\n', start - 1) + 1;
        const lineEnd = text.indexOf('\n', end);
        if (text.slice(lineStart, start).trim() === '' && text.slice(end, lineEnd < 0 ? text.length : lineEnd).trim() === '') {
          start = lineStart;
          end = lineEnd < 0 ? text.length : lineEnd + 1;
        }
        return { kind: 'deleted end tag', text: splice(text, start, end, ''), site: { start: element.start, end: start } };
      },
    ),
    first(attributes, (at) => {
      const start = at.element.start + at.attribute.nameOffset;
      const end = attributeEnd(at);
      const copy = ` ${text.slice(start, end)}`;
      return { kind: 'doubled attribute', text: splice(text, end, end, copy), site: { start, end: end + copy.length } };
    }),
  ];
  return made.filter((mutant): mutant is Mutant => mutant !== undefined);
}

/** The fix applied with one keystroke: a lone fix, or the one marked preferred. */
export function preferredFix(finding: Finding): Fix | undefined {
  const fixes = finding.fixes ?? [];
  return fixes.length === 1 ? fixes[0] : fixes.find((fix) => fix.preferred);
}

/**
 * The finding a user would fix: one on the broken spot, else one of well-formedness (a broken
 * tag may be reported where the parser noticed it), with a preferred fix; well-formedness first,
 * then the first in the document. What the break set off elsewhere (a rule's finding on a
 * sibling) is not the mutation's finding.
 */
function pickFinding(findings: readonly Finding[], site: Mutant['site']): Finding | undefined {
  const onSite = (finding: Finding): boolean => finding.start <= site.end && finding.end >= site.start;
  const wellFormedness = (finding: Finding): boolean => WELL_FORMEDNESS_CODES.has(finding.code);
  const candidates = findings.filter((finding) => (onSite(finding) || wellFormedness(finding)) && preferredFix(finding) !== undefined);
  return candidates.find(wellFormedness) ?? candidates[0];
}

/** What the preferred fix of `mutant` (of the valid `original`) does. */
export function tryMutant(original: string, mutant: Mutant, schema: Schema): Outcome {
  const caused = documentFindings(analysisOf(mutant.text, schema)).filter(needsPerson);
  const none: Outcome = { broken: caused.length > 0, preferredFix: false, valid: false, exact: false };
  const finding = pickFinding(caused, mutant.site);
  const fix = finding && preferredFix(finding);
  if (!fix) return none;
  const fixed = applyEdits(mutant.text, editsOf(fix));
  const valid = !documentFindings(analysisOf(fixed, schema)).some((f) => f.severity === 'error');
  return { broken: true, preferredFix: true, valid, exact: fixed === original };
}

export function emptyTable(): MutationTable {
  return Object.fromEntries(MUTATION_KINDS.map((kind) => [kind, { broken: 0, preferredFix: 0, valid: 0, exact: 0 }])) as MutationTable;
}

export interface MutationRun {
  table: MutationTable;
  /** The valid documents mutated. */
  documents: number;
}

/**
 * Mutates up to `documents` of `files` (a seeded sample of those that are valid domain documents)
 * and counts per kind what the preferred fix gives back.
 */
export function runFixMutations(files: readonly string[], options: { schema: Schema; documents: number; seed: number }): MutationRun {
  const random = seededRandom(options.seed);
  const table = emptyTable();
  let documents = 0;
  for (const file of shuffled(files, random)) {
    if (documents >= options.documents) break;
    const text = fs.readFileSync(file, 'utf8');
    const analysis = analysisOf(text, options.schema);
    if (documentFindings(analysis).some(needsPerson)) continue;
    documents++;
    for (const mutant of mutantsOf(text, analysis, options.schema, random)) {
      const outcome = tryMutant(text, mutant, options.schema);
      const counts = table[mutant.kind];
      for (const column of Object.keys(counts) as (keyof Outcome)[]) if (outcome[column]) counts[column]++;
    }
  }
  return { table, documents };
}

/** The table as text, one row per kind, for the closing note. */
export function formatMutationTable({ table, documents }: MutationRun): string {
  const header = ['mutation', 'broken', 'preferred fix', 'restored valid', 'restored exactly'];
  const rows = MUTATION_KINDS.map((kind) => {
    const counts = table[kind];
    return [kind, String(counts.broken), String(counts.preferredFix), String(counts.valid), EXACT_KINDS.includes(kind) ? String(counts.exact) : `(${counts.exact})`];
  });
  const total = (column: keyof Outcome) => MUTATION_KINDS.reduce((sum, kind) => sum + table[kind][column], 0);
  rows.push(['all', String(total('broken')), String(total('preferredFix')), String(total('valid')), String(total('exact'))]);
  const lines = [header, ...rows].map((cells) => `| ${cells.join(' | ')} |`);
  lines.splice(1, 0, `|${header.map(() => '---').join('|')}|`);
  return `${lines.join('\n')}\n\n${documents} valid documents, each broken once per kind; (n): exactly restored although only validity is asked.\n`;
}

/** The schema the extension ships. */
export function bundledSchema(): Schema {
  return loadBundledSchema(path.resolve(__dirname, '..', '..'));
}

function main(argv: string[]): void {
  const [directory, ...rest] = argv;
  const option = (name: string, fallback: number): number => {
    const at = rest.indexOf(name);
    return at >= 0 ? Number(rest[at + 1]) : fallback;
  };
  if (!directory || !fs.existsSync(directory)) {
    console.error('usage: npm run fix-mutations -- <directory of valid domain documents> [--documents N] [--seed S]');
    process.exitCode = 2;
    return;
  }
  const run = runFixMutations(xmlFilesUnder(directory), { schema: bundledSchema(), documents: option('--documents', Number.POSITIVE_INFINITY), seed: option('--seed', 12) });
  process.stdout.write(formatMutationTable(run));
}

if (require.main === module) main(process.argv.slice(2));
