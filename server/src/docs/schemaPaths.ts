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

/** Listed values per attribute name, and under `''` those of the element's own text. */
export type ListedValues = Map<string, Set<string>>;

interface Content {
  children: number[];
  attributes: string[];
  values: ListedValues;
}

/** Child element ids, attribute names and listed values directly in a pattern (not inside child elements). */
function contentOf(pattern: Pattern): Content {
  const children = new Set<number>();
  const attributes = new Set<string>();
  const values: ListedValues = new Map();
  const list = (owner: string, value: string) => {
    let set = values.get(owner);
    if (!set) values.set(owner, (set = new Set()));
    set.add(value);
  };
  const stack: [Pattern, string[]][] = [[pattern, ['']]];
  while (stack.length) {
    const [p, owners] = stack.pop()!;
    if (p.kind === 'element') children.add(p.id);
    else if (p.kind === 'value') for (const owner of owners) list(owner, p.value);
    else if (p.kind === 'attribute') {
      const names = plainNames(p.name);
      for (const name of names) attributes.add(name);
      stack.push([p.p, names]);
    } else if (p.kind === 'data') {
      // A data pattern's `except` lists values it refuses (volName's `.` and `..`), not values to choose.
      continue;
    } else for (const inner of subpatterns(p)) stack.push([inner, owners]);
  }
  return { children: [...children], attributes: [...attributes], values };
}

/** Calls `onPath` for every element path the grammar allows with what the element there takes. */
function walkPaths(grammar: Grammar, onPath: (path: string, content: Content) => void): void {
  const contents = new Map<number, Content>();
  const content = (id: number) => {
    let c = contents.get(id);
    if (!c) contents.set(id, (c = contentOf(grammar.elements[id].content)));
    return c;
  };
  const visit = (id: number, prefix: string, depth: number, onPathIds: ReadonlySet<number>) => {
    const definition = grammar.elements[id];
    const here = content(id);
    const within = new Set(onPathIds).add(id);
    for (const name of plainNames(definition.name)) {
      const path = prefix ? `${prefix}/${name}` : name;
      onPath(path, here);
      if (depth + 1 >= MAX_DEPTH) continue;
      for (const child of here.children) if (!within.has(child)) visit(child, path, depth + 1, within);
    }
  };
  for (const root of contentOf(grammar.start).children) visit(root, '', 0, new Set());
}

export function schemaPaths(grammar: Grammar): SchemaPaths {
  const paths: SchemaPaths = new Map();
  walkPaths(grammar, (path, { attributes }) => {
    let attrs = paths.get(path);
    if (!attrs) paths.set(path, (attrs = new Set()));
    for (const a of attributes) attrs.add(a);
  });
  return paths;
}

/** Path → the values the schema lists there, per attribute (`''`: the element's text). */
export function schemaValues(grammar: Grammar): Map<string, ListedValues> {
  const byPath = new Map<string, ListedValues>();
  walkPaths(grammar, (path, { values }) => {
    let listed = byPath.get(path);
    if (!listed) byPath.set(path, (listed = new Map()));
    for (const [owner, set] of values) {
      let all = listed.get(owner);
      if (!all) listed.set(owner, (all = new Set()));
      for (const value of set) all.add(value);
    }
  });
  return byPath;
}

/** The schema paths a docs key applies to: the path itself, or every path it is a suffix of. */
export function pathsForKey(paths: SchemaPaths, key: string): string[] {
  return [...paths.keys()].filter((path) => path === key || path.endsWith(`/${key}`));
}

/** Keys, attributes and values of `entries` no schema path has: docs that can never show. */
export function unreachableDocs(
  paths: SchemaPaths,
  entries: Record<string, { attributes?: Record<string, string>; values?: Record<string, Record<string, string>> }>,
  values?: Map<string, ListedValues>,
): string[] {
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
    if (!values) continue;
    for (const [owner, documented] of Object.entries(entry.values ?? {})) {
      for (const value of Object.keys(documented)) {
        if (!matching.some((path) => values.get(path)?.get(owner)?.has(value))) problems.push(`${key} ${owner ? `@${owner}` : 'text'}=${value}`);
      }
    }
  }
  return problems;
}
