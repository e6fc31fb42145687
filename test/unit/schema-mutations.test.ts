/**
 * Mutation tests: take a valid domain document, break one thing, and expect the finding on
 * exactly that token, through the same path as the server and domxml (documentFindings with the
 * shipped schema). Runs on a document written here, and on every 20th file of libvirt's valid
 * corpus when ../shared is present.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { documentFindings } from '../../server/src/features/diagnostics';
import { ElementNode } from '../../server/src/parser/nodes';
import { ParsedDocument } from '../../server/src/parser/parsedDocument';
import { walk } from '../../server/src/parser/tree';
import { SHARED, xmlFilesUnder } from './helpers/corpus';
import { WEB01, bundledSchema } from './helpers/documents';
import { Analysis } from '../../server/src/features/analysis';

const schema = bundledSchema();
const LIMITS = { maxProblems: 1000, maxFileSizeMB: Number.POSITIVE_INFINITY };

const DOMAIN = WEB01;

interface Mutant {
  text: string;
  code: string;
  /** The token the finding must cover exactly. */
  start: number;
  end: number;
}

interface Located {
  element: ElementNode;
  start: number;
  parent: string | undefined;
}

/** The first element named `name` (under a parent named `parent`, when given). */
function find(text: string, name: string, parent?: string): Located | undefined {
  let found: Located | undefined;
  walk(ParsedDocument.parse(text).tree, {
    enter(node, start, parentNode) {
      if (found || node.kind !== 'element') return !found;
      const parentName = parentNode.kind === 'element' ? parentNode.name : undefined;
      if (node.name === name && (parent === undefined || parentName === parent)) found = { element: node, start, parent: parentName };
    },
  });
  return found;
}

const splice = (text: string, start: number, end: number, inserted: string): string => text.slice(0, start) + inserted + text.slice(end);

/** Replaces the value (quotes included) of `attribute` on `at` with `value`, quoted. */
function withValue(text: string, at: Located | undefined, attribute: string, value: string): Mutant | undefined {
  const found = at?.element.attributes.find((a) => a.name === attribute && a.valueOffset >= 0);
  if (!at || !found) return undefined;
  const start = at.start + found.valueOffset;
  const quoted = `'${value}'`;
  return { text: splice(text, start, start + found.valueLength, quoted), code: 'bad-attribute-value', start, end: start + quoted.length };
}

/** Removes `attribute` (and the space before it) from `at`: expected on the element's name. */
function withoutAttribute(text: string, at: Located | undefined, attribute: string): Mutant | undefined {
  const found = at?.element.attributes.find((a) => a.name === attribute && a.valueOffset >= 0);
  if (!at || !found) return undefined;
  let start = at.start + found.nameOffset;
  while (/\s/.test(text[start - 1])) start--;
  const end = at.start + found.valueOffset + found.valueLength;
  const nameStart = at.start + 1;
  return { text: splice(text, start, end, ''), code: 'missing-attribute', start: nameStart, end: nameStart + at.element.name.length };
}

const MUTATIONS: Record<string, (text: string) => Mutant | undefined> = {
  'an unknown element in <devices>': (text) => {
    const devices = find(text, 'devices', 'domain');
    if (!devices || devices.element.selfClosing) return undefined;
    const at = devices.start + devices.element.startTagLength;
    return { text: splice(text, at, at, '<frobnicate/>'), code: 'unexpected-element', start: at + 1, end: at + 1 + 'frobnicate'.length };
  },
  "a bad <domain type>": (text) => withValue(text, find(text, 'domain'), 'type', 'vmware-ish'),
  'a bad <disk device>': (text) => withValue(text, find(text, 'disk', 'devices'), 'device', 'tape'),
  'no <domain type>': (text) => withoutAttribute(text, find(text, 'domain'), 'type'),
  "no <target dev> in a disk": (text) => withoutAttribute(text, find(text, 'target', 'disk'), 'dev'),
  'a second <name>': (text) => {
    const name = find(text, 'name', 'domain');
    if (!name) return undefined;
    const end = name.start + name.element.length;
    const copy = '<name>twin</name>';
    return { text: splice(text, end, end, copy), code: 'unexpected-element', start: end + 1, end: end + 1 + 'name'.length };
  },
};

/** "mutation: why not" for each mutant of `text` whose finding is missing or misplaced. */
function misses(label: string, text: string): { tried: number; failures: string[] } {
  const failures: string[] = [];
  let tried = 0;
  for (const [mutation, mutate] of Object.entries(MUTATIONS)) {
    const mutant = mutate(text);
    if (!mutant) continue;
    tried++;
    const findings = documentFindings(new Analysis(ParsedDocument.parse(mutant.text), { limits: LIMITS, schema: schema, host: undefined }));
    if (findings.some((f) => f.code === mutant.code && f.start === mutant.start && f.end === mutant.end)) continue;
    const got = findings.map((f) => `${f.code} on \`${mutant.text.slice(f.start, f.end)}\`@${f.start}`).join('; ') || 'nothing';
    failures.push(`${label}, ${mutation}: expected ${mutant.code} on \`${mutant.text.slice(mutant.start, mutant.end)}\`@${mutant.start}, got ${got}`);
  }
  return { tried, failures };
}

test('the document written here is valid, and each mutation of it is found on its token', () => {
  assert.deepEqual(documentFindings(new Analysis(ParsedDocument.parse(DOMAIN), { limits: LIMITS, schema: schema, host: undefined })), []);
  const { tried, failures } = misses('test document', DOMAIN);
  assert.equal(tried, Object.keys(MUTATIONS).length);
  assert.deepEqual(failures, []);
});

test("every 20th valid document of libvirt's corpus: each mutation is found on its token", (t) => {
  const valid = path.join(SHARED, 'corpus', 'valid');
  if (!fs.existsSync(valid)) return t.skip('../shared is not here');
  const files = xmlFilesUnder(valid).filter((_, index) => index % 20 === 0);
  let tried = 0;
  const failures: string[] = [];
  for (const file of files) {
    const result = misses(path.relative(valid, file), fs.readFileSync(file, 'utf8'));
    tried += result.tried;
    failures.push(...result.failures);
  }
  assert.ok(tried >= files.length * 3, `only ${tried} mutants from ${files.length} files`);
  assert.deepEqual(failures, []);
});
