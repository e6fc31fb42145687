/**
 * The compiled grammar as compact JSON, the form the server ships in schemas/: every distinct
 * pattern and name class is stored once in a table and referred to by index, so shared defines
 * stay shared (a plain JSON.stringify of the pattern graph repeats them).
 */
import { ElementDefinition, Grammar, NameClass, Pattern } from './patterns';

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

export function fromModel(model: GrammarModel): Grammar {
  if (model.format !== 1) throw new Error(`unknown grammar model format ${String(model.format)}`);
  const names: NameClass[] = [];
  const nameAt = (i: number): NameClass => {
    if (names[i]) return names[i];
    const [kind, ...f] = model.nameClasses[i];
    let n: NameClass;
    if (kind === 'name') n = { kind, ns: f[0] as string, local: f[1] as string };
    else if (kind === 'anyName') n = f.length > 0 ? { kind, except: nameAt(f[0] as number) } : { kind };
    else if (kind === 'nsName') n = f.length > 1 ? { kind, ns: f[0] as string, except: nameAt(f[1] as number) } : { kind, ns: f[0] as string };
    else if (kind === 'choice') n = { kind, a: nameAt(f[0] as number), b: nameAt(f[1] as number) };
    else throw new Error(`unknown name class ${String(kind)}`);
    names[i] = n;
    return n;
  };
  const patterns: Pattern[] = [];
  const patternAt = (i: number): Pattern => {
    if (patterns[i]) return patterns[i];
    const [kind, ...f] = model.patterns[i];
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
        p = { kind, a: patternAt(f[0] as number), b: patternAt(f[1] as number) };
        break;
      case 'oneOrMore':
      case 'list':
        p = { kind, p: patternAt(f[0] as number) };
        break;
      case 'element':
        p = { kind, id: f[0] as number };
        break;
      case 'attribute':
        p = { kind, name: nameAt(f[0] as number), p: patternAt(f[1] as number) };
        break;
      case 'data': {
        p = { kind, library: f[0] as string, type: f[1] as string, params: JSON.parse(f[2] as string) };
        if ((f[3] as number) >= 0) p.except = patternAt(f[3] as number);
        if (typeof f[4] === 'string') p.define = f[4];
        break;
      }
      case 'value':
        p = { kind, library: f[0] as string, type: f[1] as string, value: f[2] as string, ns: f[3] as string };
        break;
      default:
        throw new Error(`unknown pattern ${String(kind)}`);
    }
    patterns[i] = p;
    return p;
  };
  const elements: ElementDefinition[] = model.elements.map(([n, content, define]) => {
    const element: ElementDefinition = { name: nameAt(n), content: patternAt(content) };
    if (define) element.define = define;
    return element;
  });
  return { start: patternAt(model.start), elements };
}
