/** Reading the tree with absolute positions. Every walk is iterative: documents nest deeply. */
import { ChildNode, DocumentNode, ParentNode, XmlNode } from './nodes';

export interface Located<T extends XmlNode = XmlNode> {
  node: T;
  /** Absolute start offset. */
  start: number;
}

/** Index of the last child starting at or before `relative` (-1 when none). */
export function childIndexAt(children: readonly ChildNode[], relative: number): number {
  let low = 0;
  let high = children.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (children[middle].offset <= relative) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

/**
 * The chain of nodes from the document down to the innermost node containing `offset`.
 * A position between two nodes belongs to the one that starts there, except that the end of
 * a node still counts as inside it when nothing else starts there (e.g. the end of the text).
 */
export function pathAt(document: DocumentNode, offset: number): Located[] {
  const path: Located[] = [{ node: document, start: 0 }];
  let parent: ParentNode = document;
  let parentStart = 0;
  for (;;) {
    const index = childIndexAt(parent.children, offset - parentStart);
    if (index < 0) break;
    const child: ChildNode = parent.children[index];
    const start = parentStart + child.offset;
    if (offset > start + child.length) break;
    path.push({ node: child, start });
    if (child.kind !== 'element') break;
    parent = child;
    parentStart = start;
  }
  return path;
}

export interface WalkVisitor {
  /** Return false to skip the node's children. */
  enter(node: ChildNode, start: number, parent: ParentNode): boolean | void;
}

/** Depth-first walk in document order with absolute starts, without recursion. */
export function walk(document: DocumentNode, visitor: WalkVisitor): void {
  const parents: ParentNode[] = [document];
  const starts: number[] = [0];
  const indices: number[] = [0];
  while (parents.length > 0) {
    const depth = parents.length - 1;
    const parent = parents[depth];
    const index = indices[depth];
    if (index >= parent.children.length) {
      parents.pop();
      starts.pop();
      indices.pop();
      continue;
    }
    indices[depth] = index + 1;
    const child: ChildNode = parent.children[index];
    const start = starts[depth] + child.offset;
    const descend = visitor.enter(child, start, parent);
    if (descend !== false && child.kind === 'element' && child.children.length > 0) {
      parents.push(child);
      starts.push(start);
      indices.push(0);
    }
  }
}
