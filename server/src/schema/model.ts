/**
 * The compiled grammar as compact JSON, the form the server ships in schemas/: every distinct
 * pattern and name class is stored once in a table and referred to by index, so shared defines
 * stay shared (a plain JSON.stringify of the pattern graph repeats them).
 */
import { DataParam, ElementDefinition, Grammar, GrammarRows, NameClass, Pattern } from './patterns';

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
export function fromModel(model: GrammarModel, lazily = false): Grammar {
  if (model.format !== 1) throw new Error(`unknown grammar model format ${String(model.format)}`);
  const reader = new ModelReader(model);
  const elements: ElementDefinition[] = model.elements.map((row) => new ModelElement(reader, row));
  if (!lazily) for (const element of elements) void [element.name, element.content];
  return { start: reader.pattern(model.start), elements, rows: reader };
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
  private readonly rows = new Map<Pattern, number>();
  readonly start: number;
  readonly count: number;

  constructor(private readonly model: GrammarModel) {
    this.start = model.start;
    this.count = model.patterns.length;
  }

  rowOf(p: Pattern): number | undefined {
    return this.rows.get(p);
  }

  isLeaf(row: number): boolean {
    const kind = this.model.patterns[row][0];
    return kind === 'element' || kind === 'attribute' || kind === 'value' || kind === 'data';
  }

  inner(row: number): number[] {
    const fields = this.model.patterns[row];
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
        return [this.model.elements[fields[1] as number][1]];
      default:
        return [];
    }
  }

  nameClass(i: number): NameClass {
    const known = this.names[i];
    if (known) return known;
    const row = this.model.nameClasses[i];
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
    const row = this.model.patterns[i];
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
    this.rows.set(p, i);
    return p;
  }
}
