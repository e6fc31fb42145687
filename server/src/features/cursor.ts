/** What the cursor is on: the question every interactive feature asks first. */
import { Attribute, DocumentNode, ElementNode, StrayEndTagNode, contentEnd } from '../parser/nodes';
import { Located, pathAt } from '../parser/tree';

export type CursorTarget =
  | { kind: 'startTagName'; element: Located<ElementNode>; ancestors: Located<ElementNode>[] }
  | { kind: 'endTagName'; element: Located<ElementNode>; ancestors: Located<ElementNode>[] }
  | { kind: 'attributeName' | 'attributeValue'; element: Located<ElementNode>; attribute: Attribute; ancestors: Located<ElementNode>[] }
  /** Inside a start tag, between attributes. */
  | { kind: 'insideTag'; element: Located<ElementNode>; ancestors: Located<ElementNode>[] }
  /** In the content of the last of `ancestors` (empty: at the top level of the document). */
  | { kind: 'content'; ancestors: Located<ElementNode>[] }
  | { kind: 'strayEndTag'; tag: Located<StrayEndTagNode>; ancestors: Located<ElementNode>[] }
  | { kind: 'other' };

export function cursorTarget(tree: DocumentNode, offset: number): CursorTarget {
  const path = pathAt(tree, offset);
  const ancestors = path.filter((entry): entry is Located<ElementNode> => entry.node.kind === 'element');
  const innermost = path[path.length - 1];
  const node = innermost.node;
  if (node.kind === 'document' || node.kind === 'text') return { kind: 'content', ancestors };
  if (node.kind === 'strayEndTag') return { kind: 'strayEndTag', tag: innermost as Located<StrayEndTagNode>, ancestors: ancestors };
  if (node.kind !== 'element') return { kind: 'other' };
  const element = innermost as Located<ElementNode>;
  const outer = ancestors.slice(0, -1);
  const relative = offset - element.start;
  if (relative === 0) return { kind: 'content', ancestors: outer };
  if (relative <= 1 + node.name.length) return { kind: 'startTagName', element, ancestors: outer };
  const closed = node.selfClosing || node.endTagOffset >= 0;
  if (relative >= node.length && closed) return { kind: 'content', ancestors: outer };
  if (node.endTagOffset >= 0 && relative > node.endTagOffset) {
    const nameStart = node.endTagOffset + 2;
    return relative >= nameStart && relative <= nameStart + node.name.length ? { kind: 'endTagName', element, ancestors: outer } : { kind: 'other' };
  }
  if (relative < node.startTagLength || (!node.startTagClosed && relative === node.startTagLength)) {
    for (const attribute of node.attributes) {
      if (relative >= attribute.nameOffset && relative <= attribute.nameOffset + attribute.name.length) {
        return { kind: 'attributeName', element, attribute, ancestors: outer };
      }
      const valueEnd = attribute.valueOffset + attribute.valueLength;
      if (attribute.valueOffset >= 0 && relative > attribute.valueOffset && (relative < valueEnd || (relative === valueEnd && !attribute.valueClosed))) {
        return { kind: 'attributeValue', element, attribute, ancestors: outer };
      }
    }
    return { kind: 'insideTag', element, ancestors: outer };
  }
  return relative <= contentEnd(node) ? { kind: 'content', ancestors } : { kind: 'other' };
}
