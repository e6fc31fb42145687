/**
 * What a pattern says in the document's terms: names as written (namespaces, prefixes), what
 * every way through a pattern requires, what may follow an element, the values listed. The
 * shared vocabulary of validation, completion, hover and fixes.
 */
import { Words, render, words } from '../messages/words';
import { Ch } from '../parser/chars';
import { ElementNode, attributeValue } from '../parser/nodes';
import { Source } from '../parser/pieceText';
import { Derivatives, P, QName } from './derivatives';
import { NameClass } from './patterns';

/** The namespace prefixes in scope, with a key that compares scopes by content. */
export interface Namespaces {
  map: Map<string, string>;
  key: string;
  /** The default namespace (prefix ''): every element name without a prefix reads it. */
  defaultNamespace: string;
}

export const ROOT_SCOPE: Namespaces = scope(new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]));

function scope(map: Map<string, string>): Namespaces {
  return { map, key: JSON.stringify([...map]), defaultNamespace: map.get('') ?? '' };
}

/**
 * What every way through each pattern requires, per kind, each name with the lowest grammarRank of
 * its leaves: patterns are interned and share their parts, so a walk without it visits a shared
 * part once per way to it (a completion list's snippets took 20 ms so on a first request).
 */
const requiredMemo = { attribute: new WeakMap<P, RequiredRanks>(), element: new WeakMap<P, RequiredRanks>() };
type RequiredRanks = ReadonlyMap<string, number>;

/**
 * Names of the attributes (or elements) that every way through `p` requires, in the grammar's
 * order (Derivatives.grammarRank): the order of a choice's operands depends on what was validated before.
 */
export function requiredNames(d: Derivatives, p: P, kind: 'attribute' | 'element'): string[] {
  const ranks = requiredRanks(d, p, kind);
  return [...ranks.keys()].sort((x, y) => ranks.get(x)! - ranks.get(y)!);
}

function requiredRanks(d: Derivatives, q: P, kind: 'attribute' | 'element'): RequiredRanks {
  const memo = requiredMemo[kind];
  let found = memo.get(q);
  if (found) return found;
  switch (q.kind) {
    case 'attribute':
    case 'element':
      found = q.kind === kind ? new Map([[describeName(q.name), d.grammarRank(q)]]) : NOTHING_REQUIRED;
      break;
    case 'group':
    case 'interleave': {
      const a = requiredRanks(d, q.a, kind);
      const b = requiredRanks(d, q.b, kind);
      found = a.size === 0 ? b : b.size === 0 ? a : lowestRanks(a, b, [...a.keys(), ...b.keys()]);
      break;
    }
    case 'after':
      found = requiredRanks(d, q.a, kind);
      break;
    case 'oneOrMore':
      found = requiredRanks(d, q.p, kind);
      break;
    case 'choice': {
      const b = requiredRanks(d, q.b, kind);
      const a = b.size === 0 ? NOTHING_REQUIRED : requiredRanks(d, q.a, kind);
      found = a.size === 0 ? NOTHING_REQUIRED : lowestRanks(a, b, [...a.keys()].filter((name) => b.has(name)));
      break;
    }
    default:
      found = NOTHING_REQUIRED;
  }
  memo.set(q, found);
  return found;
}

/** `names` each with the lower of its ranks in `a` and `b`. */
function lowestRanks(a: RequiredRanks, b: RequiredRanks, names: string[]): RequiredRanks {
  return new Map(names.map((name) => [name, Math.min(a.get(name) ?? Infinity, b.get(name) ?? Infinity)]));
}

const NOTHING_REQUIRED: RequiredRanks = new Map();

/** The namespace declarations in scope inside `element`. */
export function scopeOf(element: ElementNode, text: Source, start: number, outer: Namespaces): Namespaces {
  let inner: Map<string, string> | undefined;
  const attributes = element.attributes;
  for (let i = 0; i < attributes.length; i++) {
    const attribute = attributes[i];
    if (!isNamespaceDeclaration(attribute.name)) continue;
    inner ??= new Map(outer.map);
    inner.set(attribute.name === 'xmlns' ? '' : attribute.name.slice(6), attributeValue(text, start, attribute));
  }
  return inner ? scope(inner) : outer;
}

/** Whether an attribute of this name declares a namespace (`xmlns`, `xmlns:prefix`) rather than being one. */
export function isNamespaceDeclaration(name: string): boolean {
  // The first letter first: few names start with an x, and it is read without a call.
  return name.charCodeAt(0) === Ch.LowerX && name.startsWith('xmlns') && (name.length === 5 || name.charCodeAt(5) === Ch.Colon);
}

/** Elements take the default namespace; unprefixed attributes are in no namespace. */
export function qualified(name: string, namespaces: Namespaces, element: boolean): QName {
  const colon = name.indexOf(':');
  if (colon < 0) return { ns: element ? namespaces.defaultNamespace : '', local: name };
  return { ns: namespaces.map.get(name.slice(0, colon)) ?? `undeclared:${name.slice(0, colon)}`, local: name.slice(colon + 1) };
}

export function describeName(name: NameClass): string {
  switch (name.kind) {
    case 'name':
      return name.local;
    case 'anyName':
      return 'any element';
    case 'nsName':
      return `any name in ${name.ns}`;
    case 'choice':
      return `${describeName(name.a)} or ${describeName(name.b)}`;
  }
}

/** The pattern after an element named `name` at `p`, whatever its attributes and content. */
export function afterElement(d: Derivatives, p: P, name: QName): P {
  return d.endTagForgiving(d.startTagOpen(p, name));
}

/** How `name` is written where `namespaces` are in scope: with a declared prefix when it needs one; undefined when none is declared. */
export function writtenName(name: QName, namespaces: Namespaces, element: boolean): string | undefined {
  if (name.ns === (element ? namespaces.defaultNamespace : '')) return name.local;
  for (const [prefix, ns] of namespaces.map) if (prefix !== '' && ns === name.ns) return `${prefix}:${name.local}`;
  return undefined;
}

/**
 * The fixed values a text may take at `p`, in the grammar's order, also when free text or data is
 * allowed beside them (unlike Expectations.values, which answers only when nothing else is).
 */
export function enumeratedValues(d: Derivatives, p: P): string[] {
  const values: Extract<P, { kind: 'value' }>[] = [];
  const visit = (q: P): void => {
    if (q.kind === 'value') values.push(q);
    else if (q.kind === 'choice') {
      visit(q.a);
      visit(q.b);
    } else if (q.kind === 'after') visit(q.a);
  };
  visit(p);
  return [...new Set(d.inGrammarOrder(values).map((q) => q.source.value))];
}

/**
 * `a`, `b`, `c` (in Chinese `a`、`b`、`c`): a list the messages joined with commas before they
 * had words, as nested pairs so that every language joins it its own way.
 */
export function commaList(items: readonly (Words | string)[]): Words | string {
  return joinedPairs(items, 'schema.join.comma');
}

/** `a` or `b` or `c` (the join of hover and completion's datatype words); '' for none. */
export function orChain(items: readonly (Words | string)[]): Words | string {
  return joinedPairs(items, 'schema.join.or');
}

/** `said` without repeats: two patterns may be said alike (the two halves of libvirt's CCW cssid range). */
export function uniqueWords(said: readonly Words[]): Words[] {
  const seen = new Set<string>();
  return said.filter((w) => {
    const english = render(w, 'en');
    if (seen.has(english)) return false;
    seen.add(english);
    return true;
  });
}

function joinedPairs(items: readonly (Words | string)[], key: 'schema.join.comma' | 'schema.join.or'): Words | string {
  if (items.length === 0) return '';
  return items.slice(1).reduce<Words | string>((head, item) => words(key, { head, item }), items[0]);
}

/** `a`, `b` and `c`. */
export function andList(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** `a`, `b` or `c`. */
export function orList(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
