/**
 * Which attributes hold a cpuset/nodeset list: those the schema types with libvirt's `cpuset`
 * define, found in the grammar rather than listed by hand, so a newer libvirt's schema (the
 * user's own) brings its new ones along.
 */
import { GrammarModel, ModelRows, modelRows, rowsOf } from '../../schema/model';
import { DataParam, Grammar, Pattern, plainNames, subpatterns } from '../../schema/patterns';
import { Schema } from '../../schema/schema';
import { SetNoun } from './checkSet';

/** The pattern of libvirt's `cpuset` define (basictypes.rng); every set attribute uses it. */
export const CPUSET_PATTERN = '([0-9]+(-[0-9]+)?|\\^[0-9]+)(,([0-9]+(-[0-9]+)?|\\^[0-9]+))*';

export interface SetAttribute {
  /** What the ids name: host CPUs for `cpuset`, host nodes for a numatune `nodeset`, guest vCPUs for `vcpus`… */
  noun: SetNoun;
  /** The ids are the host's (pins, NUMA memory policy), so the host's CPUs or nodes bound them. */
  host: 'cpus' | 'nodes' | undefined;
}

const keysBySchema = new WeakMap<Schema, Set<string>>();

/** setAttributeKeys of the schema's grammar, worked out once per schema. */
export function setAttributeKeysOf(schema: Schema): ReadonlySet<string> {
  let keys = keysBySchema.get(schema);
  if (!keys) {
    // Read off the model where there is one: walking the grammar would build all of it.
    keys = schema.model ? setAttributeKeysOfModel(schema.model) : setAttributeKeys(schema.grammar);
    keysBySchema.set(schema, keys);
  }
  return keys;
}

/** "element@attribute" of every set attribute in `grammar`. */
export function setAttributeKeys(grammar: Grammar): Set<string> {
  const keys = new Set<string>();
  for (const definition of grammar.elements) {
    const elements = plainNames(definition.name);
    const visit = (p: Pattern): void => {
      if (p.kind !== 'attribute') for (const inner of subpatterns(p)) visit(inner);
      else if (holdsSet(p.p)) for (const element of elements) for (const attribute of plainNames(p.name)) keys.add(`${element}@${attribute}`);
    };
    visit(definition.content);
  }
  return keys;
}

/**
 * setAttributeKeys of the grammar `model` describes: those the schema import stored in the model
 * (the shipped one, whose rows a check reads only as it needs them), else read off its rows in one
 * pass: a row's parts come before it (toModel writes them first), so what each row holds is known
 * from its parts' when it is read. Most rows hold no set attribute and build nothing.
 */
export function setAttributeKeysOfModel(model: GrammarModel | ModelRows): Set<string> {
  const rows = rowsOf(model);
  return new Set(rows.head.setAttributes ?? setAttributeKeysOfRows(rows));
}

/** `model` with its set attributes stored (what the schema import ships), in a stable order. */
export function withSetAttributes(model: GrammarModel): GrammarModel {
  const { setAttributes: _, ...rest } = model;
  return { ...rest, setAttributes: [...setAttributeKeysOfRows(modelRows(rest))].sort() };
}

function setAttributeKeysOfRows(rows: ModelRows): Set<string> {
  const plain = (i: number, into: string[]): string[] => {
    const row = rows.nameClass(i);
    if (row[0] === 'name') into.push(row[2] as string);
    else if (row[0] === 'choice') plain(row[2] as number, plain(row[1] as number, into));
    return into;
  };
  // The pattern's text in the row's parameters (JSON) is looked for before the parameters are read.
  const cpuset = JSON.stringify(CPUSET_PATTERN);
  // Per row: whether it is a set's value (a cpuset data, or a choice of them), and the set attributes' names under it (not inside attributes or elements).
  const holds: boolean[] = new Array<boolean>(rows.patternCount).fill(false);
  const under: string[][] = new Array<string[]>(rows.patternCount).fill(NONE);
  const at = (i: number, of: number): number => {
    if (i >= of) throw new Error(`schema model: pattern ${of} refers to ${i}, not written before it`);
    return i;
  };
  for (let i = 0; i < rows.patternCount; i++) {
    const row = rows.pattern(i);
    switch (row[0]) {
      case 'data':
        holds[i] = (row[3] as string).includes(cpuset) && (JSON.parse(row[3] as string) as DataParam[]).some((param) => param.name === 'pattern' && param.value === CPUSET_PATTERN);
        if ((row[4] as number) >= 0) under[i] = under[at(row[4] as number, i)];
        break;
      case 'attribute':
        if (holds[at(row[2] as number, i)]) under[i] = plain(row[1] as number, []);
        break;
      case 'choice':
      case 'group':
      case 'interleave': {
        if (row[0] === 'choice') holds[i] = holds[at(row[1] as number, i)] || holds[at(row[2] as number, i)];
        const a = under[at(row[1] as number, i)];
        const b = under[at(row[2] as number, i)];
        under[i] = a === NONE ? b : b === NONE ? a : [...a, ...b];
        break;
      }
      case 'oneOrMore':
      case 'list':
        under[i] = under[at(row[1] as number, i)];
        break;
    }
  }
  const keys = new Set<string>();
  for (const [name, content] of rows.head.elements) {
    const attributes = under[content];
    if (attributes === NONE) continue;
    for (const element of plain(name, [])) for (const attribute of attributes) keys.add(`${element}@${attribute}`);
  }
  return keys;
}

const NONE: string[] = [];

/** How a set attribute's ids are read, by its name and element (libvirt's documentation). */
export function setAttributeKind(element: string, attribute: string, parent: string | undefined): SetAttribute {
  if (attribute === 'cpuset') return { noun: 'CPU', host: 'cpus' };
  if (attribute === 'nodeset') return { noun: 'node', host: parent === 'numatune' || element === 'memnode' ? 'nodes' : undefined };
  if (attribute === 'iothreads') return { noun: 'iothread', host: undefined };
  if (attribute === 'vcpus' || (element === 'cell' && attribute === 'cpus')) return { noun: 'vCPU', host: undefined };
  return { noun: 'id', host: undefined };
}

function holdsSet(p: Pattern): boolean {
  switch (p.kind) {
    case 'data':
      return p.params.some((param) => param.name === 'pattern' && param.value === CPUSET_PATTERN);
    case 'choice':
      return holdsSet(p.a) || holdsSet(p.b);
    default:
      return false;
  }
}

