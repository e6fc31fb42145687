/**
 * Which attributes hold a cpuset/nodeset list: those the schema types with libvirt's `cpuset`
 * define, found in the grammar rather than listed by hand, so a newer libvirt's schema (the
 * user's own) brings its new ones along.
 */
import { Grammar, Pattern, plainNames, subpatterns } from '../../schema/patterns';
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
    keys = setAttributeKeys(schema.grammar);
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

