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
      const { offset: _offset, children: _children, ...fields } = node as typeof node & { children?: unknown };
      const parentKind = parent.kind === 'element' ? parent.name : 'document';
      lines.push(`${start} in ${parentKind}: ${JSON.stringify(fields)}`);
    },
  });
  return lines;
}
