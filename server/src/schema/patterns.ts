/**
 * The simplified RELAX NG pattern model (the spec's section 4 "simplification" result): only
 * binary choice/group/interleave, oneOrMore, element and attribute with name classes, data,
 * value, list, text, empty and notAllowed. Each element pattern is numbered and stored once in
 * the grammar, so element content may refer to itself (recursion goes through elements).
 */

export type NameClass =
  | { kind: 'name'; ns: string; local: string }
  | { kind: 'anyName'; except?: NameClass }
  | { kind: 'nsName'; ns: string; except?: NameClass }
  | { kind: 'choice'; a: NameClass; b: NameClass };

export interface DataParam {
  name: string;
  value: string;
}

export type Pattern =
  | { kind: 'empty' }
  | { kind: 'notAllowed' }
  | { kind: 'text' }
  | { kind: 'choice' | 'group' | 'interleave'; a: Pattern; b: Pattern }
  | { kind: 'oneOrMore'; p: Pattern }
  | { kind: 'list'; p: Pattern }
  | { kind: 'element'; id: number }
  | { kind: 'attribute'; name: NameClass; p: Pattern }
  /** `define`: the define that holds it, the name libvirt gives the type (`absFilePath`), for words (datatypeWords.ts). */
  | { kind: 'data'; library: string; type: string; params: DataParam[]; except?: Pattern; define?: string }
  | { kind: 'value'; library: string; type: string; value: string; ns: string };

export interface ElementDefinition {
  name: NameClass;
  content: Pattern;
  /** The define the element came from, for messages and debugging. */
  define?: string;
}

export interface Grammar {
  start: Pattern;
  elements: ElementDefinition[];
  /** Where the grammar was read from a model (model.ts): its rows, read without building patterns. */
  rows?: GrammarRows;
}

/** A model's patterns as rows (an index each), for reading the whole grammar without building it. */
export interface GrammarRows {
  /** The start pattern's row. */
  start: number;
  /** How many rows there are. */
  count: number;
  /** The row a pattern was read from. */
  rowOf(p: Pattern): number | undefined;
  /**
   * Whether the row is a leaf (an element, attribute, value or data pattern), and the rows inside
   * it in order: subpatterns' rows, and for an element its content's. One call, as a row may be
   * parsed from text when read (model.ts).
   */
  read(row: number): { leaf: boolean; inner: number[] };
  /** The leaves' rows in that reading's order, when the model stores them (leafOrder); else undefined. */
  storedLeafOrder(): number[] | undefined;
}

export const EMPTY: Pattern = { kind: 'empty' };
export const NOT_ALLOWED: Pattern = { kind: 'notAllowed' };
export const TEXT: Pattern = { kind: 'text' };

/** Choice, group and interleave with the spec's notAllowed/empty rules (4.20) applied. */
export function combine(kind: 'choice' | 'group' | 'interleave', a: Pattern, b: Pattern): Pattern {
  if (kind === 'choice') {
    if (a.kind === 'notAllowed') return b;
    if (b.kind === 'notAllowed') return a;
    if (a.kind === 'empty' && b.kind === 'empty') return EMPTY;
    return { kind, a, b };
  }
  if (a.kind === 'notAllowed' || b.kind === 'notAllowed') return NOT_ALLOWED;
  if (a.kind === 'empty') return b;
  if (b.kind === 'empty') return a;
  return { kind, a, b };
}

export function oneOrMore(p: Pattern): Pattern {
  return p.kind === 'notAllowed' || p.kind === 'empty' ? p : { kind: 'oneOrMore', p };
}

/** Whether patterns of `kind` are leaves: what grammarRank ranks and messages list (derivatives make none). */
export function isLeafKind(kind: Pattern['kind']): boolean {
  return kind === 'element' || kind === 'attribute' || kind === 'value' || kind === 'data';
}

/** The patterns directly inside `p` (an element's content is behind its reference, not inside). */
export function subpatterns(p: Pattern): Pattern[] {
  switch (p.kind) {
    case 'choice':
    case 'group':
    case 'interleave':
      return [p.a, p.b];
    case 'oneOrMore':
    case 'list':
    case 'attribute':
      return [p.p];
    case 'data':
      return p.except ? [p.except] : [];
    default:
      return [];
  }
}

/** The names a name class lists, with their namespaces; wildcards (anyName, nsName) list none. */
export function listedNames(nameClass: NameClass): { ns: string; local: string }[] {
  switch (nameClass.kind) {
    case 'name':
      return [{ ns: nameClass.ns, local: nameClass.local }];
    case 'choice':
      return [...listedNames(nameClass.a), ...listedNames(nameClass.b)];
    default:
      return [];
  }
}

/** The local names a name class lists. */
export function plainNames(nameClass: NameClass): string[] {
  return listedNames(nameClass).map((name) => name.local);
}
