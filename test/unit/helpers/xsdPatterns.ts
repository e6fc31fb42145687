/** The bundled schema's XSD patterns, values that match them, and values built to make a matcher backtrack. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { XsdRegexNode, parseXsdRegex } from '../../../server/src/schema/xsdRegex';
import { GrammarModel } from '../../../server/src/schema/model';
import { seededRandom } from './formatting';

const MODEL = path.resolve(__dirname, '..', '..', '..', '..', 'schemas', 'libvirt-domain.json');

/** Every distinct `pattern` param of the bundled schema's `<data>`. */
export function bundledPatterns(): string[] {
  const model = JSON.parse(fs.readFileSync(MODEL, 'utf8')) as GrammarModel;
  const patterns = new Set<string>();
  for (const row of model.patterns) {
    if (row[0] !== 'data') continue;
    for (const param of JSON.parse(row[3] as string) as { name: string; value: string }[]) {
      if (param.name === 'pattern') patterns.add(param.value);
    }
  }
  return [...patterns];
}

/** Code points tried as members of a class: all of ASCII and a few from elsewhere (letters, digits, marks, astral). */
const CANDIDATES = [
  ...Array.from({ length: 128 }, (_, i) => i),
  0xa0, 0xb7, 0xe9, 0x301, 0x3b1, 0x660, 0x2028, 0x3000, 0x4e2d, 0xfffd, 0x1f600, 0x10000,
];

/** The characters of a class (a `char` node's JS class source) among the candidates. */
function membersOf(source: string): string[] {
  const re = new RegExp(`^(?:${source})$`, 'u');
  return CANDIDATES.map((cp) => String.fromCodePoint(cp)).filter((ch) => re.test(ch));
}

function charNodes(node: XsdRegexNode, out: string[] = []): string[] {
  switch (node.kind) {
    case 'char':
      out.push(node.source);
      break;
    case 'seq':
      node.items.forEach((n) => charNodes(n, out));
      break;
    case 'alt':
      node.branches.forEach((n) => charNodes(n, out));
      break;
    case 'group':
      charNodes(node.inner, out);
      break;
    case 'repeat':
      charNodes(node.item, out);
      break;
  }
  return out;
}

/** A value the pattern matches, chosen at random (repeats 0 to 3 times beyond their minimum). */
export function generateMatch(pattern: string, random: (n: number) => number): string {
  const members = new Map<string, string[]>();
  const pick = (source: string): string => {
    let list = members.get(source);
    if (!list) members.set(source, (list = membersOf(source)));
    return list[random(list.length)];
  };
  const walk = (node: XsdRegexNode): string => {
    switch (node.kind) {
      case 'char':
        return pick(node.source);
      case 'seq':
        return node.items.map(walk).join('');
      case 'alt':
        return walk(node.branches[random(node.branches.length)]);
      case 'group':
        return walk(node.inner);
      case 'repeat': {
        const count = node.min + random(Math.min(node.max - node.min, 3) + 1);
        return Array.from({ length: count }, () => walk(node.item)).join('');
      }
    }
  };
  return walk(parseXsdRegex(pattern));
}

/** `value` with a few random edits: characters of the pattern or others inserted, replaced or deleted. */
export function mutate(value: string, pattern: string, random: (n: number) => number): string {
  const alphabet = [...new Set([...pattern, '\n', ' ', '!', 'é', '\u{1f600}', '-', ':', '0', 'a'])];
  const chars = [...value];
  for (let edits = 1 + random(3); edits > 0; edits--) {
    const at = random(chars.length + 1);
    const ch = alphabet[random(alphabet.length)];
    const kind = random(3);
    if (kind === 0) chars.splice(at, 0, ch);
    else if (kind === 1 && at < chars.length) chars[at] = ch;
    else chars.splice(at, 1);
  }
  return chars.join('');
}

/** Characters that end a run badly: outside most classes. */
const BAD_ENDINGS = ['\n', '!', '\u0000'];

/**
 * Values of `length` characters made to make a backtracking matcher work hard: a long run of one
 * member of each class the pattern has, and the pattern's own members in turn, each ending in a
 * character that fails, and a matching value with a long run inserted.
 */
export function* adversarialValues(pattern: string, length: number): Generator<{ name: string; value: string }> {
  const sources = [...new Set(charNodes(parseXsdRegex(pattern)))];
  const firsts = [...new Set(sources.flatMap((s) => membersOf(s).slice(0, 2)))];
  for (const ch of firsts) {
    const run = ch.repeat(Math.ceil(length / ch.length)).slice(0, length - 1);
    for (const end of BAD_ENDINGS) yield { name: `run of ${JSON.stringify(ch)} then ${JSON.stringify(end)}`, value: run + end };
    yield { name: `run of ${JSON.stringify(ch)}`, value: run + ch };
  }
  const cycle = firsts.join('');
  if (cycle) {
    const run = cycle.repeat(Math.ceil(length / cycle.length)).slice(0, length - 1);
    for (const end of BAD_ENDINGS) yield { name: `the members in turn then ${JSON.stringify(end)}`, value: run + end };
  }
  const random = seededRandom(length);
  const sample = generateMatch(pattern, random);
  const half = Math.floor(sample.length / 2);
  const filler = firsts[random(firsts.length)] ?? 'a';
  yield { name: `a match with a long run of ${JSON.stringify(filler)} inside`, value: sample.slice(0, half) + filler.repeat(length) + sample.slice(half) };
}
