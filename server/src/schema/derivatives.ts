/**
 * RELAX NG validation by derivatives (James Clark, "An algorithm for RELAX NG validation"): the
 * pattern that remains after each start tag, attribute, text and end tag is computed from the
 * one before, and a document is valid when the pattern left at the end is nullable.
 *
 * Patterns are interned (equal patterns are the same object, with a number), so derivatives can
 * be cached: a domain document repeats the same few hundred element shapes, and after the first
 * of each the work is table lookups. The tables are indexed by the pattern's number, then by a
 * number, a name or a value as they are: a lookup builds no key and allocates nothing.
 *
 * Inside an element, the pattern is `after(content, rest)`: what the element's content must
 * still match, then what follows it in the parent. Attribute, text and start-tag-close
 * derivatives are taken of the content alone and cached there, so an element met in a new state
 * of its parent (the tenth `<disk>` of `<devices>`) finds its content's derivatives already made.
 * The validator goes further (`isolate`): it sets `rest` aside while it walks the element, so the
 * patterns it makes inside are the same wherever the element stands.
 */
import { isWhitespaceText } from '../parser/chars';
import { ElementDefinition, Grammar, GrammarRows, NameClass, Pattern, isLeafKind, listedNames, subpatterns } from './patterns';

/** Checks data and value patterns; the XSD library lives in datatypes.ts. */
export interface DatatypeChecker {
  allows(pattern: Extract<Pattern, { kind: 'data' }>, value: string): boolean;
  equals(pattern: Extract<Pattern, { kind: 'value' }>, value: string): boolean;
}

export interface QName {
  ns: string;
  local: string;
}

/** An interned pattern: `id` is stable for the lifetime of the Derivatives instance. */
export type P =
  | { id: number; kind: 'empty' | 'notAllowed' | 'text' }
  | { id: number; kind: 'choice' | 'group' | 'interleave' | 'after'; a: P; b: P }
  | { id: number; kind: 'oneOrMore' | 'list'; p: P }
  | { id: number; kind: 'element'; name: NameClass; element: number }
  | { id: number; kind: 'attribute'; name: NameClass; p: P }
  | { id: number; kind: 'data'; source: Extract<Pattern, { kind: 'data' }>; except: P | undefined }
  | { id: number; kind: 'value'; source: Extract<Pattern, { kind: 'value' }> };

export class Derivatives {
  readonly empty: P;
  readonly notAllowed: P;
  readonly anyText: P;
  /** The leaves and the patterns made from the grammar's, by a key that says what they are. */
  private readonly interned = new Map<string, P>();
  /** Choices, groups, interleaves and afters by their operands' ids. */
  private readonly choices = new PairTable();
  private readonly groups = new PairTable();
  private readonly interleaves = new PairTable();
  private readonly afters = new PairTable();
  private readonly oneOrMores: (P | undefined)[] = [];
  /** The grammar's patterns already converted (shared defines are met many times). */
  private readonly converted = new Map<Pattern, P>();
  private readonly elementContent: P[] = [];
  private readonly nullables: (boolean | undefined)[] = [];
  /** firstNames by the pattern's id (with FIRST_KNOWN set once worked out). */
  private readonly firsts: number[] = [];
  /** attributeNames by the pattern's id (with FIRST_KNOWN set once worked out). */
  private readonly attributeBits: number[] = [];
  /** nameBit by local name. */
  private readonly nameBits = new Map<string, number>();
  /** startTagOpen by the pattern's id, then the element's name (nameKey). */
  private readonly opens: (Map<string, P> | undefined)[] = [];
  private readonly closes: (P | undefined)[] = [];
  private readonly ends: (P | undefined)[] = [];
  /**
   * Attribute and text derivatives depend on the value too; values repeat a lot (type='file').
   * By the pattern's id, then the attribute's name (nameKey), then the value (undefined: any).
   */
  private attributes: (Map<string, Map<string | undefined, P>> | undefined)[] = [];
  private texts: (Map<string, P> | undefined)[] = [];
  /** Entries in `attributes` and `texts`: values include free text (paths, names), so they are bounded. */
  private valueEntries = 0;
  private nextId = 0;
  private names: { element: Set<string>; attribute: Set<string> } | undefined;
  /** grammarRank by the leaf's id (of a grammar without rows), made on first use. */
  private leafRanks: number[] | undefined;
  /** grammarRank by the row of the pattern a leaf was made from (of a grammar read from a model), made on first use. */
  private rowRanks: Int32Array | undefined;
  /** grammarRank by a leaf's id, as found through rowRanks (sorting asks for each many times). */
  private readonly rankById: number[] = [];
  /** By a leaf's id, the grammar's pattern it was first made from. */
  private readonly leafSources: Pattern[] = [];
  /** By an attribute leaf's id, the grammar's pattern it was first met as in grammarRank's reading (made with leafRanks). */
  private readonly attributeSources: Extract<Pattern, { kind: 'attribute' }>[] = [];

  constructor(
    private readonly grammar: Grammar,
    private readonly datatypes: DatatypeChecker,
  ) {
    this.empty = this.intern('e', () => node('empty'));
    this.notAllowed = this.intern('n', () => node('notAllowed'));
    this.anyText = this.intern('t', () => node('text'));
  }

  /** The pattern a document must match. */
  start(): P {
    return this.fromGrammar(this.grammar.start);
  }

  definition(element: number): ElementDefinition {
    return this.grammar.elements[element];
  }

  /**
   * Whether the grammar has an element (or attribute) of this local name anywhere: a name it
   * does not know is a typo, not one that stands in the wrong place.
   */
  knowsName(kind: 'element' | 'attribute', local: string): boolean {
    this.names ??= namesIn(this.grammar);
    return this.names[kind].has(local);
  }

  /**
   * Where a leaf (an element, attribute, value or data pattern) first stands in the grammar, read
   * depth first from the start, an element's content where the element is first met: the order in
   * which messages, fixes and completion list alternatives. Ids cannot serve: they number patterns
   * as they are made, so they depend on the documents validated before, and a choice's operands,
   * ordered by id, do too. Leaves are the only patterns ranked: derivatives make none.
   */
  grammarRank(leaf: P): number {
    const rows = this.grammar.rows;
    if (!rows) {
      this.leafRanks ??= this.rankLeaves();
      return this.leafRanks[leaf.id] ?? UNRANKED;
    }
    const known = this.rankById[leaf.id];
    if (known !== undefined) return known;
    // A model keeps each leaf pattern in one row (rows are shared by content), so the row a leaf was
    // made from is the one its first place is read from, whatever made it first.
    const row = this.leafSources[leaf.id] && rows.rowOf(this.leafSources[leaf.id]);
    if (row === undefined) return UNRANKED;
    this.rowRanks ??= rankRows(rows);
    setById(this.rankById, leaf.id, this.rowRanks[row]);
    return this.rowRanks[row];
  }

  /** `leaves` sorted by grammarRank (in place). */
  inGrammarOrder<T extends P>(leaves: T[]): T[] {
    return leaves.length < 2 ? leaves : leaves.sort((x, y) => this.grammarRank(x) - this.grammarRank(y));
  }

  /**
   * The values an attribute lists through choices, in the order the grammar lists them where the
   * attribute first stands (a global rank would put `auto` before `static` for `placement`, as
   * `auto` stands earlier elsewhere); `only`: it takes nothing but those values.
   */
  listedValues(attribute: Extract<P, { kind: 'attribute' }>): { values: string[]; only: boolean } {
    const values: string[] = [];
    let only = true;
    const visit = (q: Pattern): void => {
      if (q.kind === 'value') values.push(q.value);
      else if (q.kind === 'choice') {
        visit(q.a);
        visit(q.b);
      } else if (q.kind !== 'empty' && q.kind !== 'notAllowed') only = false;
    };
    if (!this.grammar.rows) this.leafRanks ??= this.rankLeaves();
    // Of a model, the one pattern the leaf is made from (see grammarRank); else the first read.
    const source = this.grammar.rows ? this.leafSources[attribute.id] : this.attributeSources[attribute.id];
    if (source?.kind === 'attribute') visit(source.p);
    return { values: [...new Set(values)], only: only && values.length > 0 };
  }

  /** The grammar's leaves in grammarRank's order; only leaves are interned on the way (an element's content is read, not made). */
  private rankLeaves(): number[] {
    const ranks: number[] = [];
    let next = 0;
    const rank = (p: Pattern): void => {
      const leaf = this.fromGrammar(p);
      if (ranks[leaf.id] !== undefined) return;
      setById(ranks, leaf.id, next++);
      if (p.kind === 'attribute') setById(this.attributeSources, leaf.id, p);
    };
    const seen = new Set<Pattern>();
    // Depth first without recursion: libvirt's content nests element in element some hundred deep.
    const stack: Pattern[] = [this.grammar.start];
    for (let p = stack.pop(); p; p = stack.pop()) {
      if (seen.has(p)) continue;
      seen.add(p);
      if (isLeafKind(p.kind)) rank(p);
      const inner = p.kind === 'element' ? [this.grammar.elements[p.id].content] : subpatterns(p);
      for (let i = inner.length - 1; i >= 0; i--) stack.push(inner[i]);
    }
    return ranks;
  }

  private intern(key: string, make: () => P): P {
    let found = this.interned.get(key);
    if (!found) {
      found = make();
      found.id = this.nextId++;
      this.interned.set(key, found);
    }
    return found;
  }

  /** The pattern of `kind` over `x` and `y` in `table`, made the first time. */
  private pair(table: PairTable, kind: 'choice' | 'group' | 'interleave' | 'after', x: P, y: P): P {
    let found = table.get(x.id, y.id);
    if (!found) {
      found = node(kind, x, y);
      found.id = this.nextId++;
      table.set(x.id, y.id, found);
    }
    return found;
  }

  private fromGrammar(p: Pattern): P {
    let converted = this.converted.get(p);
    if (!converted) {
      converted = this.convert(p);
      this.converted.set(p, converted);
      if (isLeafKind(p.kind) && this.leafSources[converted.id] === undefined) setById(this.leafSources, converted.id, p);
    }
    return converted;
  }

  private convert(p: Pattern): P {
    switch (p.kind) {
      case 'empty':
        return this.empty;
      case 'notAllowed':
        return this.notAllowed;
      case 'text':
        return this.anyText;
      case 'choice':
        return this.choice(this.fromGrammar(p.a), this.fromGrammar(p.b));
      case 'group':
        return this.group(this.fromGrammar(p.a), this.fromGrammar(p.b));
      case 'interleave': {
        const parts = interleavedParts(p);
        return this.balancedInterleave(parts, 0, parts.length);
      }
      case 'oneOrMore':
        return this.oneOrMore(this.fromGrammar(p.p));
      case 'list': {
        const inner = this.fromGrammar(p.p);
        return this.intern(`l${inner.id}`, () => node('list', undefined, undefined, inner));
      }
      case 'element':
        return this.intern(`E${p.id}`, () => node('element', undefined, undefined, undefined, this.grammar.elements[p.id].name, p.id));
      case 'attribute': {
        const content = this.fromGrammar(p.p);
        return this.intern(`A${JSON.stringify(p.name)}:${content.id}`, () => node('attribute', undefined, undefined, content, p.name));
      }
      case 'data': {
        const except = p.except ? this.fromGrammar(p.except) : undefined;
        return this.intern(`D${JSON.stringify(p)}`, () => node('data', undefined, undefined, undefined, undefined, undefined, p, except));
      }
      case 'value':
        return this.intern(`V${JSON.stringify(p)}`, () => node('value', undefined, undefined, undefined, undefined, undefined, p));
    }
  }

  /**
   * The interleave of `parts[from..to)` as a balanced tree. The grammar nests its interleaves as a
   * chain (`<features>` takes 31 parts, 30 deep), and a derivative rebuilds every level above the
   * part it consumes: in a chain that is a new interleave and a new after per level, per state.
   */
  private balancedInterleave(parts: Pattern[], from: number, to: number): P {
    if (to - from === 1) return this.fromGrammar(parts[from]);
    const middle = (from + to) >>> 1;
    return this.interleave(this.balancedInterleave(parts, from, middle), this.balancedInterleave(parts, middle, to));
  }

  /** The content pattern of an element definition, interned once. */
  contentOf(element: number): P {
    let content = this.elementContent[element];
    if (!content) {
      content = this.fromGrammar(this.grammar.elements[element].content);
      this.elementContent[element] = content;
    }
    return content;
  }

  // ---- constructors with the simplification rules ------------------------------------------

  choice(a: P, b: P): P {
    if (a.kind === 'notAllowed') return b;
    if (b.kind === 'notAllowed') return a;
    if (a === b) return a;
    // Order the operands so that equal choices intern to one pattern.
    const x = a.id < b.id ? a : b;
    const y = a.id < b.id ? b : a;
    return this.pair(this.choices, 'choice', x, y);
  }

  group(a: P, b: P): P {
    if (a.kind === 'notAllowed' || b.kind === 'notAllowed') return this.notAllowed;
    if (a.kind === 'empty') return b;
    if (b.kind === 'empty') return a;
    return this.pair(this.groups, 'group', a, b);
  }

  interleave(a: P, b: P): P {
    if (a.kind === 'notAllowed' || b.kind === 'notAllowed') return this.notAllowed;
    if (a.kind === 'empty') return b;
    if (b.kind === 'empty') return a;
    const x = a.id < b.id ? a : b;
    const y = a.id < b.id ? b : a;
    return this.pair(this.interleaves, 'interleave', x, y);
  }

  after(a: P, b: P): P {
    if (a.kind === 'notAllowed' || b.kind === 'notAllowed') return this.notAllowed;
    return this.pair(this.afters, 'after', a, b);
  }

  oneOrMore(p: P): P {
    if (p.kind === 'notAllowed' || p.kind === 'empty') return p;
    let found = this.oneOrMores[p.id];
    if (!found) {
      found = node('oneOrMore', undefined, undefined, p);
      found.id = this.nextId++;
      setById(this.oneOrMores, p.id, found);
    }
    return found;
  }

  // ---- the derivatives ---------------------------------------------------------------------

  nullable(p: P): boolean {
    const cached = this.nullables[p.id];
    if (cached !== undefined) return cached;
    let result: boolean;
    switch (p.kind) {
      case 'empty':
      case 'text':
        result = true;
        break;
      case 'choice':
        result = this.nullable(p.a) || this.nullable(p.b);
        break;
      case 'group':
      case 'interleave':
        result = this.nullable(p.a) && this.nullable(p.b);
        break;
      case 'oneOrMore':
        result = this.nullable(p.p);
        break;
      default:
        result = false;
    }
    setById(this.nullables, p.id, result);
    return result;
  }

  /**
   * The local names of the elements that may come first in `p`, as a set of bits (nameBit;
   * ANY_NAME for a wildcard): a start tag whose bit is not in it is not allowed there, and
   * startTagOpen need not walk the parts of `p` that cannot take it. Without this, the first
   * `<name>` of a document walked all 47 parts of `<domain>`'s content, and so did the first
   * `<uuid>`, the first `<memory>`...
   */
  private firstNames(p: P): number {
    const known = this.firsts[p.id];
    if (known !== undefined) return known & ANY_NAME;
    let names: number;
    switch (p.kind) {
      case 'element':
        names = this.nameClassBits(p.name);
        break;
      case 'choice':
      case 'interleave':
        names = this.firstNames(p.a) | this.firstNames(p.b);
        break;
      case 'group':
        names = this.nullable(p.a) ? this.firstNames(p.a) | this.firstNames(p.b) : this.firstNames(p.a);
        break;
      case 'oneOrMore':
        names = this.firstNames(p.p);
        break;
      case 'after':
        names = this.firstNames(p.a);
        break;
      default:
        names = 0;
    }
    setById(this.firsts, p.id, names | FIRST_KNOWN);
    return names;
  }

  /** The local names of the attributes `p` may still take, as firstNames has them for elements. */
  private attributeNames(p: P): number {
    const known = this.attributeBits[p.id];
    if (known !== undefined) return known & ANY_NAME;
    let names: number;
    switch (p.kind) {
      case 'attribute':
        names = this.nameClassBits(p.name);
        break;
      case 'choice':
      case 'group':
      case 'interleave':
        names = this.attributeNames(p.a) | this.attributeNames(p.b);
        break;
      case 'oneOrMore':
        names = this.attributeNames(p.p);
        break;
      case 'after':
        names = this.attributeNames(p.a);
        break;
      default:
        names = 0;
    }
    setById(this.attributeBits, p.id, names | FIRST_KNOWN);
    return names;
  }

  private nameClassBits(name: NameClass): number {
    switch (name.kind) {
      case 'name':
        return this.nameBit(name.local);
      case 'choice':
        return this.nameClassBits(name.a) | this.nameClassBits(name.b);
      default:
        return ANY_NAME;
    }
  }

  /** One of 30 bits for a local name (names share bits: a bit says "maybe", its absence "no"). */
  private nameBit(local: string): number {
    let bit = this.nameBits.get(local);
    if (bit === undefined) {
      let hash = 0;
      for (let i = 0; i < local.length; i++) hash = (hash * 31 + local.charCodeAt(i)) | 0;
      bit = 1 << ((hash >>> 0) % 30);
      this.nameBits.set(local, bit);
    }
    return bit;
  }

  /** After `<name`: what the attributes, content and the rest must match. */
  startTagOpen(p: P, name: QName): P {
    const key = nameKey(name);
    let byName = this.opens[p.id];
    if (!byName) setById(this.opens, p.id, (byName = new Map()));
    let result = byName.get(key);
    if (!result) {
      result = this.startTagOpenUncached(p, name);
      byName.set(key, result);
    }
    return result;
  }

  private startTagOpenUncached(p: P, name: QName): P {
    // No element this name could be first in `p`: the walk below would find none, interning nothing.
    if ((this.firstNames(p) & this.nameBit(name.local)) === 0) return this.notAllowed;
    switch (p.kind) {
      case 'choice':
        return this.choice(this.startTagOpen(p.a, name), this.startTagOpen(p.b, name));
      case 'element':
        return containsName(p.name, name) ? this.after(this.contentOf(p.element), this.empty) : this.notAllowed;
      case 'interleave':
        return this.choice(this.applyAfter(ContinueWith.InterleaveBefore, p.b, this.startTagOpen(p.a, name)), this.applyAfter(ContinueWith.InterleaveAfter, p.a, this.startTagOpen(p.b, name)));
      case 'oneOrMore':
        return this.applyAfter(ContinueWith.Repeat, p, this.startTagOpen(p.p, name));
      case 'group': {
        const first = this.applyAfter(ContinueWith.GroupBefore, p.b, this.startTagOpen(p.a, name));
        return this.nullable(p.a) ? this.choice(first, this.startTagOpen(p.b, name)) : first;
      }
      case 'after':
        return this.applyAfter(ContinueWith.AfterBefore, p.b, this.startTagOpen(p.a, name));
      default:
        return this.notAllowed;
    }
  }

  /** `p` with each of its continuations `x` (in `after(content, x)`) made `x` combined with `other` as `how` says. */
  private applyAfter(how: ContinueWith, other: P, p: P): P {
    switch (p.kind) {
      case 'after':
        return this.after(p.a, this.continueWith(how, other, p.b));
      case 'choice':
        return this.choice(this.applyAfter(how, other, p.a), this.applyAfter(how, other, p.b));
      default:
        return this.notAllowed;
    }
  }

  private continueWith(how: ContinueWith, other: P, x: P): P {
    switch (how) {
      case ContinueWith.InterleaveBefore:
        return this.interleave(x, other);
      case ContinueWith.InterleaveAfter:
        return this.interleave(other, x);
      case ContinueWith.GroupBefore:
        return this.group(x, other);
      case ContinueWith.AfterBefore:
        return this.after(x, other);
      case ContinueWith.Repeat:
        return this.group(x, this.choice(other, this.empty));
    }
  }

  /**
   * `open` (the pattern after a start tag's `<name`) with what follows the element set aside: the
   * element's content, then nothing. Derived through the content, `after(content, rest)` makes a
   * pattern per state of the content and per `rest`, which differs with every place the element
   * stands in (the corpus: 30,000 afters, most never met twice); set aside, one per state. The
   * element's end tag gives `rest` back (`resume`). Where several elements take the name (a choice
   * of afters), `open` is kept whole.
   */
  isolate(open: P): P {
    return open.kind === 'after' && open.b !== this.empty ? this.after(open.a, this.empty) : open;
  }

  /** What follows an element opened at `open` and ended at `ended` (endTag's or endTagForgiving's result from isolate's pattern). */
  resume(open: P, ended: P): P {
    return open.kind === 'after' && ended.kind !== 'notAllowed' ? open.b : ended;
  }

  /** After an attribute; with a value of undefined, any value is taken (recovery after a bad one). */
  attribute(p: P, name: QName, value: string | undefined): P {
    // An element's attributes are derived on its content alone (see `after`), cached there.
    if (p.kind === 'after') return this.after(this.attribute(p.a, name, value), p.b);
    const key = nameKey(name);
    let byName = this.attributes[p.id];
    let byValue = byName?.get(key);
    const cached = byValue?.get(value);
    if (cached) return cached;
    const result = this.attributeUncached(p, name, value);
    this.countValueEntry();
    byName = this.attributes[p.id];
    if (!byName) setById(this.attributes, p.id, (byName = new Map()));
    byValue = byName.get(key);
    if (!byValue) byName.set(key, (byValue = new Map()));
    byValue.set(value, result);
    return result;
  }

  /** Counts an entry about to be added to the value caches; past the bound, starts them over rather than grow without end. */
  private countValueEntry(): void {
    if (++this.valueEntries > 200_000) {
      this.attributes = [];
      this.texts = [];
      this.valueEntries = 1;
    }
  }

  private attributeUncached(p: P, name: QName, value: string | undefined): P {
    if ((this.attributeNames(p) & this.nameBit(name.local)) === 0) return this.notAllowed;
    switch (p.kind) {
      case 'after':
        return this.after(this.attribute(p.a, name, value), p.b);
      case 'choice':
        return this.choice(this.attributeUncached(p.a, name, value), this.attributeUncached(p.b, name, value));
      case 'group':
        return this.choice(this.group(this.attributeUncached(p.a, name, value), p.b), this.group(p.a, this.attributeUncached(p.b, name, value)));
      case 'interleave':
        return this.choice(this.interleave(this.attributeUncached(p.a, name, value), p.b), this.interleave(p.a, this.attributeUncached(p.b, name, value)));
      case 'oneOrMore':
        return this.group(this.attributeUncached(p.p, name, value), this.choice(p, this.empty));
      case 'attribute':
        return containsName(p.name, name) && (value === undefined || this.valueMatches(p.p, value)) ? this.empty : this.notAllowed;
      default:
        return this.notAllowed;
    }
  }

  /** After the start tag's `>`: attributes not given are no longer possible. */
  startTagClose(p: P): P {
    if (p.kind === 'after') return this.after(this.startTagClose(p.a), p.b);
    let result = this.closes[p.id];
    if (!result) {
      result = this.closeStartTag(p, this.notAllowed);
      setById(this.closes, p.id, result);
    }
    return result;
  }

  /**
   * For recovery after an error was reported: the start tag closed as if its missing required
   * attributes were there.
   */
  startTagCloseForgiving(p: P): P {
    return this.closeStartTag(p, this.empty);
  }

  /** Closes the start tag; each attribute still expected becomes `missingAttribute`. */
  private closeStartTag(p: P, missingAttribute: P): P {
    // Without attributes, `p` rebuilt from its parts would be `p` itself.
    if (this.attributeNames(p) === 0) return p;
    switch (p.kind) {
      case 'after':
        return this.after(missingAttribute === this.notAllowed ? this.startTagClose(p.a) : this.closeStartTag(p.a, missingAttribute), p.b);
      case 'choice':
        return this.choice(this.closeStartTag(p.a, missingAttribute), this.closeStartTag(p.b, missingAttribute));
      case 'group':
        return this.group(this.closeStartTag(p.a, missingAttribute), this.closeStartTag(p.b, missingAttribute));
      case 'interleave':
        return this.interleave(this.closeStartTag(p.a, missingAttribute), this.closeStartTag(p.b, missingAttribute));
      case 'oneOrMore':
        return this.oneOrMore(this.closeStartTag(p.p, missingAttribute));
      case 'attribute':
        return missingAttribute;
      default:
        return p;
    }
  }

  text(p: P, value: string): P {
    if (p.kind === 'after') return this.after(this.text(p.a, value), p.b);
    const cached = this.texts[p.id]?.get(value);
    if (cached) return cached;
    const result = this.textUncached(p, value);
    this.countValueEntry();
    let byValue = this.texts[p.id];
    if (!byValue) setById(this.texts, p.id, (byValue = new Map()));
    byValue.set(value, result);
    return result;
  }

  private textUncached(p: P, value: string): P {
    switch (p.kind) {
      case 'choice':
        return this.choice(this.textUncached(p.a, value), this.textUncached(p.b, value));
      case 'interleave':
        return this.choice(this.interleave(this.textUncached(p.a, value), p.b), this.interleave(p.a, this.textUncached(p.b, value)));
      case 'group': {
        const first = this.group(this.textUncached(p.a, value), p.b);
        return this.nullable(p.a) ? this.choice(first, this.textUncached(p.b, value)) : first;
      }
      case 'after':
        return this.after(this.text(p.a, value), p.b);
      case 'oneOrMore':
        return this.group(this.textUncached(p.p, value), this.choice(p, this.empty));
      case 'text':
        return p;
      case 'value':
        return this.datatypes.equals(p.source, value) ? this.empty : this.notAllowed;
      case 'data':
        return this.datatypes.allows(p.source, value) && !(p.except && this.valueMatches(p.except, value)) ? this.empty : this.notAllowed;
      case 'list':
        return this.nullable(this.listItems(p.p, value)) ? this.empty : this.notAllowed;
      default:
        return this.notAllowed;
    }
  }

  endTag(p: P): P {
    const cached = this.ends[p.id];
    if (cached) return cached;
    let result: P;
    if (p.kind === 'after') result = this.nullable(p.a) ? p.b : this.notAllowed;
    else if (p.kind === 'choice') result = this.choice(this.endTag(p.a), this.endTag(p.b));
    else result = this.notAllowed;
    setById(this.ends, p.id, result);
    return result;
  }

  /** For recovery: what follows the element, as if its missing content were there. */
  endTagForgiving(p: P): P {
    if (p.kind === 'after') return p.b;
    if (p.kind === 'choice') return this.choice(this.endTagForgiving(p.a), this.endTagForgiving(p.b));
    return this.notAllowed;
  }

  /** A value matches: all whitespace may also match an empty pattern (RELAX NG 6.2.5). */
  valueMatches(p: P, value: string): boolean {
    return (this.nullable(p) && isWhitespaceText(value)) || this.nullable(this.text(p, value));
  }

  private listItems(p: P, value: string): P {
    let current = p;
    for (const item of value.split(/[ \t\r\n]+/)) {
      if (item === '') continue;
      current = this.text(current, item);
    }
    return current;
  }
}

/**
 * Patterns by two ids: open addressing over a typed array, so an entry costs no object and a
 * lookup allocates nothing (a Map per first operand cost 52,000 small Maps over the corpus).
 */
class PairTable {
  /** [first + 1, second] ids per slot; 0: empty (a zeroed array needs no filling). */
  private keys = new Int32Array(2048);
  /** Read only where `keys` has an entry: holes stay holes (filling a large array cost more than the lookups). */
  private values = new Array<P>(1024);
  private mask = 1023;
  private size = 0;

  get(a: number, b: number): P | undefined {
    const keys = this.keys;
    for (let slot = slotOf(a, b) & this.mask; ; slot = (slot + 1) & this.mask) {
      const first = keys[2 * slot];
      if (first === 0) return undefined;
      if (first === a + 1 && keys[2 * slot + 1] === b) return this.values[slot];
    }
  }

  set(a: number, b: number, value: P): void {
    if (2 * (this.size + 1) > this.mask + 1) this.grow();
    this.put(a, b, value);
    this.size++;
  }

  private put(a: number, b: number, value: P): void {
    const keys = this.keys;
    let slot = slotOf(a, b) & this.mask;
    while (keys[2 * slot] !== 0) slot = (slot + 1) & this.mask;
    keys[2 * slot] = a + 1;
    keys[2 * slot + 1] = b;
    this.values[slot] = value;
  }

  private grow(): void {
    const { keys, values } = this;
    const capacity = 2 * (this.mask + 1);
    this.keys = new Int32Array(2 * capacity);
    this.values = new Array<P>(capacity);
    this.mask = capacity - 1;
    for (let slot = 0; slot < values.length; slot++) if (keys[2 * slot] !== 0) this.put(keys[2 * slot] - 1, keys[2 * slot + 1], values[slot]);
  }
}

function slotOf(a: number, b: number): number {
  return (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca77)) >>> 0;
}

/**
 * A pattern, every kind with the same fields in the same order (undefined where unused): one
 * hidden class, so the engine's reads of `kind`, `a` or `id` see one shape, not seven.
 */
class Node {
  id = 0;
  constructor(
    readonly kind: P['kind'],
    readonly a: P | undefined,
    readonly b: P | undefined,
    readonly p: P | undefined,
    readonly name: NameClass | undefined,
    readonly element: number | undefined,
    readonly source: Pattern | undefined,
    readonly except: P | undefined,
  ) {}
}

function node(kind: P['kind'], a?: P, b?: P, p?: P, name?: NameClass, element?: number, source?: Pattern, except?: P): P {
  return new Node(kind, a, b, p, name, element, source, except) as unknown as P;
}

/**
 * How applyAfter combines a continuation `x` with the other operand: `interleave(x, other)`,
 * `interleave(other, x)`, `group(x, other)`, `after(x, other)`, or `group(x, other?)` for the
 * rest of a oneOrMore (a closure per call cost an allocation).
 */
const enum ContinueWith {
  InterleaveBefore,
  InterleaveAfter,
  GroupBefore,
  AfterBefore,
  Repeat,
}

/**
 * `table[id] = value`, the table kept an array of fast elements. The tables by a pattern's id are
 * written at some ids only (those of the patterns met in that role), and an array written far
 * past its end becomes a dictionary, where each read hashes the id: over the corpus, `closes`,
 * `texts`, `oneOrMores` and three more did. Lengthened first, it stays an array.
 */
function setById<T>(table: (T | undefined)[], id: number, value: T): void {
  if (id >= table.length) table.length = Math.max(table.length + (table.length >> 1) + 16, id + 1);
  table[id] = value;
}

/** grammarRank of a pattern that is no leaf of the grammar: after every leaf. */
const UNRANKED = Number.MAX_SAFE_INTEGER;

/**
 * rankLeaves over a model's rows: the same reading, without building or converting a pattern, or
 * taken from the order the model stores.
 */
function rankRows(rows: GrammarRows): Int32Array {
  // -1: not read yet; -2: read, no leaf.
  const ranks = new Int32Array(rows.count).fill(-1);
  const stored = rows.storedLeafOrder();
  if (stored) {
    stored.forEach((row, rank) => (ranks[row] = rank));
    return ranks;
  }
  let next = 0;
  const stack = [rows.start];
  for (let row = stack.pop(); row !== undefined; row = stack.pop()) {
    if (ranks[row] !== -1) continue;
    const { leaf, inner } = rows.read(row);
    ranks[row] = leaf ? next++ : -2;
    for (let i = inner.length - 1; i >= 0; i--) stack.push(inner[i]);
  }
  return ranks;
}

/** What a model stores as its leafOrder: the rows of `rows`' leaves in grammarRank's order, read from them. */
export function leafOrderOf(rows: GrammarRows): string {
  const ranks = rankRows(rows);
  const order: number[] = [];
  ranks.forEach((rank, row) => {
    if (rank >= 0) order[rank] = row;
  });
  return order.join(' ');
}

/** The operands of a tree of interleaves, in order (interleave is associative: their nesting says nothing). */
function interleavedParts(p: Pattern): Pattern[] {
  const parts: Pattern[] = [];
  const stack = [p];
  for (let q = stack.pop(); q; q = stack.pop()) {
    if (q.kind === 'interleave') stack.push(q.b, q.a);
    else parts.push(q);
  }
  return parts;
}

/** Every bit of firstNames: a wildcard may take any name. */
const ANY_NAME = (1 << 30) - 1;
/** Marks a firstNames entry as worked out (0 names is a value). */
const FIRST_KNOWN = 1 << 30;

/** A name as the caches know it: the local name alone in no namespace (the usual case: no string is built). */
function nameKey(name: QName): string {
  return name.ns === '' ? name.local : `${name.ns}\u0000${name.local}`;
}

/** The local names of the grammar's elements and attributes. */
function namesIn(grammar: Grammar): { element: Set<string>; attribute: Set<string> } {
  const names = { element: new Set<string>(), attribute: new Set<string>() };
  const seen = new Set<Pattern>();
  const visit = (p: Pattern): void => {
    if (seen.has(p)) return;
    seen.add(p);
    if (p.kind === 'attribute') for (const name of listedNames(p.name)) names.attribute.add(name.local);
    for (const inner of subpatterns(p)) visit(inner);
  };
  visit(grammar.start);
  for (const element of grammar.elements) {
    for (const name of listedNames(element.name)) names.element.add(name.local);
    visit(element.content);
  }
  return names;
}

export function containsName(nameClass: NameClass, name: QName): boolean {
  switch (nameClass.kind) {
    case 'name':
      return nameClass.ns === name.ns && nameClass.local === name.local;
    case 'anyName':
      return !nameClass.except || !containsName(nameClass.except, name);
    case 'nsName':
      return nameClass.ns === name.ns && (!nameClass.except || !containsName(nameClass.except, name));
    case 'choice':
      return containsName(nameClass.a, name) || containsName(nameClass.b, name);
  }
}


/** A document in the abstract, for `matches`: elements with attributes and children. */
export interface AbstractElement {
  name: QName;
  attributes: { name: QName; value: string }[];
  /** Elements and text, in order; adjacent texts should be joined. */
  children: (AbstractElement | string)[];
}

/**
 * Whether a whole document matches the grammar: the reference the positioned validator is
 * tested against (it answers yes or no, and is not meant for messages).
 */
export function matches(d: Derivatives, root: AbstractElement): boolean {
  return d.nullable(childDerivative(d, d.start(), root));
}

function childDerivative(d: Derivatives, p: P, node: AbstractElement | string): P {
  if (typeof node === 'string') return d.text(p, node);
  let current = d.startTagOpen(p, node.name);
  for (const attribute of node.attributes) current = d.attribute(current, attribute.name, attribute.value);
  current = d.startTagClose(current);
  current = childrenDerivative(d, current, node.children);
  return d.endTag(current);
}

/** Content: whitespace-only text between elements is ignored; lone text may also be empty. */
function childrenDerivative(d: Derivatives, p: P, children: (AbstractElement | string)[]): P {
  if (children.length === 0) return childrenDerivative(d, p, ['']);
  if (children.length === 1 && typeof children[0] === 'string') {
    const after = d.text(p, children[0]);
    return isWhitespaceText(children[0]) ? d.choice(p, after) : after;
  }
  let current = p;
  for (const child of children) {
    if (typeof child === 'string' && isWhitespaceText(child)) continue;
    current = childDerivative(d, current, child);
  }
  return current;
}

/** What may come next, for messages: walks a pattern without changing it. */
export class Expectations {
  constructor(private readonly d: Derivatives) {}

  /** Element names a start tag may have at `p`. */
  elementNames(p: P): NameClass[] {
    return this.reachable(p, 'element', true).map((q) => q.name);
  }

  /** Attribute patterns still open at `p` (after a start tag's `<name`). */
  attributes(p: P): Extract<P, { kind: 'attribute' }>[] {
    return this.reachable(p, 'attribute', false);
  }

  /** Data patterns a text at `p` would be checked against. */
  data(p: P): Extract<P, { kind: 'data' }>[] {
    return this.reachable(p, 'data', false);
  }

  /**
   * The patterns of `kind` that could match now at `p`, looking past what is already matched
   * (`after` continuations). With `inOrder`, a group's second part counts only when its first
   * may be empty: the order of elements matters, that of attributes does not.
   */
  private reachable<K extends 'element' | 'attribute' | 'data'>(p: P, kind: K, inOrder: boolean): Extract<P, { kind: K }>[] {
    const found: Extract<P, { kind: K }>[] = [];
    const seen = new Set<number>();
    const visit = (q: P): void => {
      if (seen.has(q.id)) return;
      seen.add(q.id);
      if (q.kind === kind) found.push(q as Extract<P, { kind: K }>);
      else if (q.kind === 'choice' || q.kind === 'interleave') {
        visit(q.a);
        visit(q.b);
      } else if (q.kind === 'group') {
        visit(q.a);
        if (!inOrder || this.d.nullable(q.a)) visit(q.b);
      } else if (q.kind === 'after') visit(q.a);
      else if (q.kind === 'oneOrMore') visit(q.p);
    };
    visit(p);
    return this.d.inGrammarOrder(found);
  }

  /** The values a text may take at `p` (in grammarRank's order), when `p` only allows fixed values; else undefined. */
  values(p: P): string[] | undefined {
    const values: Extract<P, { kind: 'value' }>[] = [];
    let open = false;
    const visit = (q: P): void => {
      switch (q.kind) {
        case 'value':
          values.push(q);
          break;
        case 'choice':
          visit(q.a);
          visit(q.b);
          break;
        case 'after':
          visit(q.a);
          break;
        case 'empty':
        case 'notAllowed':
          break;
        default:
          open = true;
      }
    };
    visit(p);
    return open || values.length === 0 ? undefined : this.d.inGrammarOrder(values).map((q) => q.source.value);
  }
}
