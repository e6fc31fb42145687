/**
 * Tag auto-closing, asked by the client right after the user types `>` or `/`:
 * - `<disk type='file'>|` gets `</disk>` after the cursor, when that element has no end tag;
 * - `</|` gets the name of the element to close and `>`.
 * Returns the snippet to insert at the cursor ($0 marks where the cursor goes), or undefined.
 */
import { Ch, isNameStartChar } from '../parser/chars';
import { pathAt } from '../parser/tree';
import { closingTagNames } from './completion';
import { cursorTarget } from './cursor';
import { Analysis } from './analysis';

export function autoCloseAt(analysis: Analysis, offset: number): string | undefined {
  const { text, tree } = analysis;
  const typed = text.charCodeAt(offset - 1);
  if (typed === Ch.GreaterThan) {
    const path = pathAt(tree, offset - 1);
    const innermost = path[path.length - 1];
    const node = innermost.node;
    if (node.kind !== 'element' || innermost.start + node.startTagLength !== offset) return undefined;
    if (!node.startTagClosed || node.selfClosing || node.endTagOffset >= 0) return undefined;
    return `$0</${node.name}>`;
  }
  if (typed === Ch.Slash && text.charCodeAt(offset - 2) === Ch.LessThan && !isNameStartChar(text.charCodeAt(offset))) {
    const target = cursorTarget(tree, offset);
    if (target.kind !== 'strayEndTag' && target.kind !== 'content') return undefined;
    const [name] = closingTagNames(tree, target.ancestors, offset - 2);
    return name === undefined ? undefined : `${name}>`;
  }
  return undefined;
}
