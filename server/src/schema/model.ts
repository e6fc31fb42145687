/**
 * The compiled grammar as compact JSON, the form the server ships in schemas/: every distinct
 * pattern and name class is stored once in a table and referred to by index, so shared defines
 * stay shared (a plain JSON.stringify of the pattern graph repeats them).
 */
import { leafOrderOf } from './derivatives';
import { DataParam, ElementDefinition, Grammar, GrammarRows, NameClass, Pattern, isLeafKind } from './patterns';

/** A pattern or name class as [kind, ...fields], fields that are patterns or name classes given as indexes. */
type Row = (string | number)[];

export interface GrammarModel {
  format: 1;
  /** Where it came from (libvirt version, source files, command). */
  source: Record<string, string>;
  nameClasses: Row[];
  patterns: Row[];
  /** [name class index, content pattern index, define name]. */
  elements: [number, number, string][];
  start: number;
  /**
   * "element@attribute" of the attributes typed with libvirt's cpuset define
   * (features/cpuset/setAttributes.ts), as the schema import found them, for a reader that does not
   * read every row. Only the shipped model has them.
   */
  setAttributes?: string[];
  /**
   * The rows of the grammar's leaves in the order Derivatives.grammarRank reads them, as decimal
   * numbers between spaces (one string: cheap to carry in the first line, split only when a
   * message first lists alternatives), as the schema import found them (withLeafOrder). Reading
   * the whole grammar for it in a fresh process cost a first completion about 10 ms.
   */
  leafOrder?: string;
}

/** `model` with the leafOrder its rows give (what the schema import ships). */
export function withLeafOrder(model: GrammarModel): GrammarModel {
  const { leafOrder: _, ...rest } = model;
  return { ...rest, leafOrder: leafOrderOf(fromModel(rest, true).rows!) };
}

/** A model without its tables. */
export type ModelHead = Omit<GrammarModel, 'nameClasses' | 'patterns'>;

/** A model's rows by index: from its tables, or from its text as they are asked for (readModelText). */
export interface ModelRows {
  readonly head: ModelHead;
  readonly patternCount: number;
  nameClass(i: number): Row;
  pattern(i: number): Row;
}

/** The rows of a model read whole. */
export function modelRows(model: GrammarModel): ModelRows {
  const { nameClasses, patterns, ...head } = model;
  return { head, patternCount: patterns.length, nameClass: (i) => rowAt(nameClasses, i), pattern: (i) => rowAt(patterns, i) };
}

/** A model's rows, whether it was read whole or laid out (readModelText). */
export function rowsOf(model: GrammarModel | ModelRows): ModelRows {
  return 'head' in model ? model : modelRows(model);
}

/** Row `i` of `table`. */
function rowAt(table: Row[], i: number): Row {
  checkRow(i, table.length);
  return table[i];
}

/** A row a table of `count` does not have is an error of the model, said where it is read. */
function checkRow(i: number, count: number): void {
  if (!(i >= 0 && i < count)) throw new RangeError(`schema model: no row ${i}`);
}

/** Where the first line of a model's text ends, and the line between its two tables (modelText). */
const NAME_CLASSES_OPEN = ',"nameClasses":[';
const PATTERNS_OPEN = '],"patterns":[';
const TABLES_CLOSE = ']}';

/**
 * The model as JSON with each row of its tables on a line of its own, after a first line with
 * the rest: what schemas/libvirt-domain.json holds. Still one JSON document for any reader; a
 * check reads its first line and then only the rows it uses (readModelText): one of a 1 KB
 * document reads 851 of 5,650.
 */
export function modelText(model: GrammarModel): string {
  const { nameClasses, patterns, ...head } = model;
  const rows = (table: Row[]) => table.map((row) => `\n${JSON.stringify(row)}`).join(',');
  return `${JSON.stringify(head).slice(0, -1)}${NAME_CLASSES_OPEN}${rows(nameClasses)}\n${PATTERNS_OPEN}${rows(patterns)}\n${TABLES_CLOSE}\n`;
}

/**
 * The model in `text`. Laid out as modelText writes it, only its first line is parsed now and
 * each row the first time it is asked for: parsing all of libvirt's 155 KB was 15M of the 140M
 * instructions a one-file check costs above Node's start-up, and its 6,000 arrays were garbage
 * the collector copied. Any other JSON is parsed whole.
 */
export function readModelText(text: string): ModelRows {
  return laidOutRows(text) ?? modelRows(JSON.parse(text) as GrammarModel);
}

function laidOutRows(text: string): ModelRows | undefined {
  const firstEnd = text.indexOf('\n');
  const middle = text.indexOf(`\n${PATTERNS_OPEN}\n`);
  if (firstEnd < 0 || middle < 0 || !text.startsWith(NAME_CLASSES_OPEN, firstEnd - NAME_CLASSES_OPEN.length)) return undefined;
  // Where each line after the first starts; `between` is the line between the tables.
  const starts: number[] = [];
  let between = -1;
  for (let at = firstEnd; at >= 0 && at < text.length - 1; at = text.indexOf('\n', at + 1)) {
    if (at === middle) between = starts.length;
    starts.push(at + 1);
  }
  const line = (i: number): string => text.slice(starts[i], i + 1 < starts.length ? starts[i + 1] - 1 : text.length);
  const last = starts.length - 1;
  if (between < 0 || between >= last || !line(last).startsWith(TABLES_CLOSE)) return undefined;
  const head = JSON.parse(`${text.slice(0, firstEnd - NAME_CLASSES_OPEN.length)}}`) as ModelHead;
  const nameClassCount = between;
  const patternCount = last - between - 1;
  /** Row `i` of a table whose rows are the lines from `first`, `count` of them (all but the last end in a comma). */
  const row = (first: number, count: number, i: number): Row => {
    checkRow(i, count);
    const text = line(first + i);
    return JSON.parse(i < count - 1 ? text.slice(0, -1) : text) as Row;
  };
  return {
    head,
    patternCount,
    nameClass: (i) => row(0, nameClassCount, i),
    pattern: (i) => row(between + 1, patternCount, i),
  };
}

export function toModel(grammar: Grammar, source: Record<string, string>): GrammarModel {
  const nameClasses: Row[] = [];
  const nameIndex = new Map<string, number>();
  const patterns: Row[] = [];
  const patternIndex = new Map<Pattern, number>();
  const rowIndex = new Map<string, number>();

  const addRow = (rows: Row[], index: Map<string, number>, row: Row): number => {
    const key = JSON.stringify(row);
    let at = index.get(key);
    if (at === undefined) {
      at = rows.length;
      rows.push(row);
      index.set(key, at);
    }
    return at;
  };

  const name = (n: NameClass): number => {
    switch (n.kind) {
      case 'name':
        return addRow(nameClasses, nameIndex, ['name', n.ns, n.local]);
      case 'anyName':
        return addRow(nameClasses, nameIndex, n.except ? ['anyName', name(n.except)] : ['anyName']);
      case 'nsName':
        return addRow(nameClasses, nameIndex, n.except ? ['nsName', n.ns, name(n.except)] : ['nsName', n.ns]);
      case 'choice':
        return addRow(nameClasses, nameIndex, ['choice', name(n.a), name(n.b)]);
    }
  };

  const pattern = (p: Pattern): number => {
    const known = patternIndex.get(p);
    if (known !== undefined) return known;
    let row: Row;
    switch (p.kind) {
      case 'empty':
      case 'notAllowed':
      case 'text':
        row = [p.kind];
        break;
      case 'choice':
      case 'group':
      case 'interleave':
        row = [p.kind, pattern(p.a), pattern(p.b)];
        break;
      case 'oneOrMore':
      case 'list':
        row = [p.kind, pattern(p.p)];
        break;
      case 'element':
        row = ['element', p.id];
        break;
      case 'attribute':
        row = ['attribute', name(p.name), pattern(p.p)];
        break;
      case 'data':
        row = ['data', p.library, p.type, JSON.stringify(p.params), p.except ? pattern(p.except) : -1];
        // The define last, where the compiler kept one: a model written before it was kept still reads.
        if (p.define) row.push(p.define);
        break;
      case 'value':
        row = ['value', p.library, p.type, p.value, p.ns];
        break;
    }
    const at = addRow(patterns, rowIndex, row);
    patternIndex.set(p, at);
    return at;
  };

  const start = pattern(grammar.start);
  const elements = grammar.elements.map((e): [number, number, string] => [name(e.name), pattern(e.content), e.define ?? '']);
  return { format: 1, source, nameClasses, patterns, elements, start };
}

/**
 * The grammar of a model. With `lazily`, built as it is read: an element's name and content
 * become patterns the first time they are asked for (a check of one document reads a small part
 * of libvirt's schema, and building all of its 4,885 patterns was most of what loading it cost a
 * one-file check); for a model we did not ship, a row we cannot read throws here, not later.
 */
export function fromModel(model: GrammarModel | ModelRows, lazily = false): Grammar {
  const rows = rowsOf(model);
  const { head } = rows;
  if (head.format !== 1) throw new Error(`unknown grammar model format ${String(head.format)}`);
  const reader = new ModelReader(rows);
  const elements: ElementDefinition[] = head.elements.map((row) => new ModelElement(reader, row));
  if (!lazily) for (const element of elements) void [element.name, element.content];
  return { start: reader.pattern(head.start), elements, rows: reader };
}

/** An element definition of a model, its name class and content built on first use. */
class ModelElement implements ElementDefinition {
  private nameClass: NameClass | undefined;
  private contentPattern: Pattern | undefined;
  readonly define?: string;

  constructor(
    private readonly reader: ModelReader,
    private readonly row: [number, number, string],
  ) {
    if (row[2]) this.define = row[2];
  }

  get name(): NameClass {
    return (this.nameClass ??= this.reader.nameClass(this.row[0]));
  }

  get content(): Pattern {
    return (this.contentPattern ??= this.reader.pattern(this.row[1]));
  }
}

/** The model's rows as patterns and name classes, each built once (shared rows stay shared). */
class ModelReader implements GrammarRows {
  private readonly names: (NameClass | undefined)[] = [];
  private readonly patterns: (Pattern | undefined)[] = [];
  private readonly rowByPattern = new Map<Pattern, number>();
  readonly start: number;
  readonly count: number;

  constructor(private readonly rows: ModelRows) {
    this.start = rows.head.start;
    this.count = rows.patternCount;
  }

  rowOf(p: Pattern): number | undefined {
    return this.rowByPattern.get(p);
  }

  read(row: number): { leaf: boolean; inner: number[] } {
    const fields = this.rows.pattern(row);
    const kind = fields[0];
    return { leaf: isLeafKind(kind as Pattern['kind']), inner: innerRows(fields, this.rows.head) };
  }

  storedLeafOrder(): number[] | undefined {
    return this.rows.head.leafOrder?.split(' ').map(Number);
  }

  nameClass(i: number): NameClass {
    const known = this.names[i];
    if (known) return known;
    const row = this.rows.nameClass(i);
    const kind = row[0];
    let n: NameClass;
    if (kind === 'name') n = { kind, ns: row[1] as string, local: row[2] as string };
    else if (kind === 'anyName') n = row.length > 1 ? { kind, except: this.nameClass(row[1] as number) } : { kind };
    else if (kind === 'nsName') n = row.length > 2 ? { kind, ns: row[1] as string, except: this.nameClass(row[2] as number) } : { kind, ns: row[1] as string };
    else if (kind === 'choice') n = { kind, a: this.nameClass(row[1] as number), b: this.nameClass(row[2] as number) };
    else throw new Error(`unknown name class ${String(kind)}`);
    this.names[i] = n;
    return n;
  }

  pattern(i: number): Pattern {
    const known = this.patterns[i];
    if (known) return known;
    const row = this.rows.pattern(i);
    const kind = row[0];
    let p: Pattern;
    switch (kind) {
      case 'empty':
      case 'notAllowed':
      case 'text':
        p = { kind };
        break;
      case 'choice':
      case 'group':
      case 'interleave':
        p = { kind, a: this.pattern(row[1] as number), b: this.pattern(row[2] as number) };
        break;
      case 'oneOrMore':
      case 'list':
        p = { kind, p: this.pattern(row[1] as number) };
        break;
      case 'element':
        p = { kind, id: row[1] as number };
        break;
      case 'attribute':
        p = { kind, name: this.nameClass(row[1] as number), p: this.pattern(row[2] as number) };
        break;
      case 'data': {
        p = { kind, library: row[1] as string, type: row[2] as string, params: JSON.parse(row[3] as string) as DataParam[] };
        if ((row[4] as number) >= 0) p.except = this.pattern(row[4] as number);
        if (typeof row[5] === 'string') p.define = row[5];
        break;
      }
      case 'value':
        p = { kind, library: row[1] as string, type: row[2] as string, value: row[3] as string, ns: row[4] as string };
        break;
      default:
        throw new Error(`unknown pattern ${String(kind)}`);
    }
    this.patterns[i] = p;
    this.rowByPattern.set(p, i);
    return p;
  }
}

/** The rows inside a pattern's row, in order: subpatterns' rows, and for an element its content's. */
function innerRows(fields: Row, head: ModelHead): number[] {
  switch (fields[0]) {
    case 'choice':
    case 'group':
    case 'interleave':
      return [fields[1] as number, fields[2] as number];
    case 'oneOrMore':
    case 'list':
      return [fields[1] as number];
    case 'attribute':
      return [fields[2] as number];
    case 'data':
      return (fields[4] as number) >= 0 ? [fields[4] as number] : [];
    case 'element':
      return [head.elements[fields[1] as number][1]];
    default:
      return [];
  }
}
