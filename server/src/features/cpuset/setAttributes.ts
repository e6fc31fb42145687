/**
 * Which attributes hold a cpuset/nodeset list: those the schema types with libvirt's `cpuset`
 * define, found in the grammar rather than listed by hand, so a newer libvirt's schema (the
 * user's own) brings its new ones along.
 */
import { GrammarModel } from '../../schema/model';
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

/** setAttributeKeys of the grammar `model` describes, read off its rows (each row once). */
export function setAttributeKeysOfModel(model: GrammarModel): Set<string> {
  const { patterns, nameClasses } = model;
  const plain = (i: number, into: string[]): string[] => {
    const row = nameClasses[i];
    if (row[0] === 'name') into.push(row[2] as string);
    else if (row[0] === 'choice') plain(row[2] as number, plain(row[1] as number, into));
    return into;
  };
  const holds = (i: number): boolean => {
    const row = patterns[i];
    if (row[0] === 'choice') return holds(row[1] as number) || holds(row[2] as number);
    return row[0] === 'data' && (JSON.parse(row[3] as string) as DataParam[]).some((param) => param.name === 'pattern' && param.value === CPUSET_PATTERN);
  };
  // The set attributes' names under each row, not looking inside attributes or elements.
  const under: (string[] | undefined)[] = [];
  const namesUnder = (i: number): string[] => {
    const known = under[i];
    if (known) return known;
    const row = patterns[i];
    let names: string[] = [];
    switch (row[0]) {
      case 'attribute':
        names = holds(row[2] as number) ? plain(row[1] as number, []) : [];
        break;
      case 'choice':
      case 'group':
      case 'interleave':
        names = [...namesUnder(row[1] as number), ...namesUnder(row[2] as number)];
        break;
      case 'oneOrMore':
      case 'list':
        names = namesUnder(row[1] as number);
        break;
      case 'data':
        names = (row[4] as number) >= 0 ? namesUnder(row[4] as number) : [];
        break;
    }
    under[i] = names;
    return names;
  };
  const keys = new Set<string>();
  for (const [name, content] of model.elements) {
    const attributes = namesUnder(content);
    if (attributes.length === 0) continue;
    for (const element of plain(name, [])) for (const attribute of attributes) keys.add(`${element}@${attribute}`);
  }
  return keys;
}

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

