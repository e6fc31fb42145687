/**
 * The element paths a grammar allows (parent → child names from the root) and the attributes
 * each may carry, for checking and measuring the docs against the schema. The grammar is
 * recursive (backingStore in backingStore, ...), so an element definition is entered at most
 * once per path and paths stop at MAX_DEPTH.
 */
import { Grammar, Pattern, plainNames, subpatterns } from '../schema/patterns';

const MAX_DEPTH = 12;

/** Path (`domain/devices/disk`) → the attribute names allowed there. */
export type SchemaPaths = Map<string, Set<string>>;

interface Content {
  children: number[];
  attributes: string[];
}

/** Child element ids and attribute names directly in a pattern (not inside child elements). */
function contentOf(pattern: Pattern): Content {
  const children = new Set<number>();
  const attributes = new Set<string>();
  const stack = [pattern];
  while (stack.length) {
    const p = stack.pop()!;
    if (p.kind === 'element') children.add(p.id);
    else if (p.kind === 'attribute') for (const name of plainNames(p.name)) attributes.add(name);
    else stack.push(...subpatterns(p));
  }
  return { children: [...children], attributes: [...attributes] };
}

export function schemaPaths(grammar: Grammar): SchemaPaths {
  const contents = new Map<number, Content>();
  const content = (id: number) => {
    let c = contents.get(id);
    if (!c) contents.set(id, (c = contentOf(grammar.elements[id].content)));
    return c;
  };
  const paths: SchemaPaths = new Map();
  const visit = (id: number, prefix: string, depth: number, onPath: ReadonlySet<number>) => {
    const definition = grammar.elements[id];
    const { children, attributes } = content(id);
    const within = new Set(onPath).add(id);
    for (const name of plainNames(definition.name)) {
      const path = prefix ? `${prefix}/${name}` : name;
      let attrs = paths.get(path);
      if (!attrs) paths.set(path, (attrs = new Set()));
      for (const a of attributes) attrs.add(a);
      if (depth + 1 >= MAX_DEPTH) continue;
      for (const child of children) if (!within.has(child)) visit(child, path, depth + 1, within);
    }
  };
  for (const root of contentOf(grammar.start).children) visit(root, '', 0, new Set());
  return paths;
}

/** The schema paths a docs key applies to: the path itself, or every path it is a suffix of. */
export function pathsForKey(paths: SchemaPaths, key: string): string[] {
  return [...paths.keys()].filter((path) => path === key || path.endsWith(`/${key}`));
}

/** Keys and attributes of `entries` no schema path has: docs that can never show. */
export function unreachableDocs(paths: SchemaPaths, entries: Record<string, { attributes?: Record<string, string> }>): string[] {
  const problems: string[] = [];
  for (const [key, entry] of Object.entries(entries)) {
    const matching = pathsForKey(paths, key);
    if (matching.length === 0) {
      problems.push(key);
      continue;
    }
    for (const attribute of Object.keys(entry.attributes ?? {})) {
      if (!matching.some((path) => paths.get(path)!.has(attribute))) problems.push(`${key} @${attribute}`);
    }
  }
  return problems;
}
