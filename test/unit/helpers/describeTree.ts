import { DocumentNode } from '../../../server/src/parser/nodes';
import { walk } from '../../../server/src/parser/tree';

/**
 * One line per node with absolute positions and every field, so two trees are equal exactly
 * when their descriptions are.
 */
export function describeTree(document: DocumentNode): string[] {
  const lines = [`document len=${document.length} unclosedChild=${document.hasUnclosedChild}`];
  walk(document, {
    enter(node, start, parent) {
      const fields: Record<string, unknown> = {};
      // Every field, whether the node holds it or shares it from its prototype (parse.ts), in one order.
      const names: string[] = [];
      for (const name in node) if (name !== 'offset' && name !== 'children') names.push(name);
      for (const name of names.sort()) fields[name] = (node as unknown as Record<string, unknown>)[name];
      const parentKind = parent.kind === 'element' ? parent.name : 'document';
      lines.push(`${start} in ${parentKind}: ${JSON.stringify(fields)}`);
    },
  });
  return lines;
}
