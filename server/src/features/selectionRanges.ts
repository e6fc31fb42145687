/**
 * Selection ranges (Expand Selection, Shift+Alt+→ in VS Code): from what the cursor is on
 * outwards, each span holding the one before. In a start tag: a word of the value, the value,
 * the value with its quotes, the attribute, the start tag; in text: the word, the text; then the
 * element's content, the element, its parent's content, its parent, … the whole document.
 */
import { isNameChar, isWhitespace } from '../parser/chars';
import { ElementNode, contentEnd, valueSpan } from '../parser/nodes';
import { Source } from '../parser/pieceText';
import { Located, pathAt } from '../parser/tree';
import { Span } from '../rules/domain';
import { Analysis } from './analysis';
import { cursorTarget } from './cursor';

/** For each offset, the spans to select one after the other, innermost first. */
export function selectionRangesAt(analysis: Analysis, offsets: readonly number[]): Span[][] {
  return offsets.map((offset) => selectionChain(analysis, Math.max(0, Math.min(offset, analysis.source.length))));
}

function selectionChain(analysis: Analysis, offset: number): Span[] {
  const { source, tree } = analysis;
  const chain: Span[] = [];
  /** Takes a span that holds the last one taken (or the offset) and is larger; skips any other. */
  const add = (span: Span | undefined) => {
    if (!span || span.from >= span.to) return;
    const last = chain[chain.length - 1] ?? { from: offset, to: offset };
    if (span.from <= last.from && span.to >= last.to && (span.from < last.from || span.to > last.to)) chain.push(span);
  };
  const path = pathAt(tree, offset);
  const innermost = path[path.length - 1];
  const { node, start } = innermost;
  const end = start + node.length;
  if (node.kind === 'text') {
    add(wordAround(source, offset, start, end));
    add(trimmed(source, start, end));
  } else if (node.kind === 'comment') {
    add(trimmed(source, start + '<!--'.length, node.closed ? end - '-->'.length : end));
  } else if (node.kind === 'cdata') {
    add({ from: start + '<![CDATA['.length, to: node.closed ? end - ']]>'.length : end });
  } else if (node.kind === 'element') {
    for (const span of tagSpans(analysis, innermost as Located<ElementNode>, offset)) add(span);
  }
  for (let i = path.length - 1; i >= 1; i--) {
    const { node: outer, start: outerStart } = path[i];
    if (outer.kind === 'element') add({ from: outerStart + outer.startTagLength, to: outerStart + contentEnd(outer) });
    add({ from: outerStart, to: outerStart + outer.length });
  }
  add({ from: 0, to: source.length });
  return chain;
}

/** The parts of the element's tags around the offset, innermost first. */
function tagSpans(analysis: Analysis, located: Located<ElementNode>, offset: number): (Span | undefined)[] {
  const { node: element, start } = located;
  const spans: (Span | undefined)[] = [];
  const target = cursorTarget(analysis.tree, offset);
  if (target.kind === 'startTagName') spans.push({ from: start + 1, to: start + 1 + element.name.length });
  if (target.kind === 'attributeName' || target.kind === 'attributeValue') {
    const { attribute } = target;
    const nameStart = start + attribute.nameOffset;
    const nameEnd = nameStart + attribute.name.length;
    const attributeEnd = attribute.valueOffset >= 0 ? start + attribute.valueOffset + attribute.valueLength : nameEnd;
    if (target.kind === 'attributeName') {
      spans.push({ from: nameStart, to: nameEnd });
    } else {
      const value = valueSpan(start, attribute);
      spans.push(wordAround(analysis.source, offset, value.from, value.to), value, { from: start + attribute.valueOffset, to: attributeEnd });
    }
    spans.push({ from: nameStart, to: attributeEnd });
  }
  if (element.endTagOffset >= 0 && offset > start + element.endTagOffset) {
    const endTagStart = start + element.endTagOffset;
    if (target.kind === 'endTagName') spans.push({ from: endTagStart + 2, to: endTagStart + 2 + element.name.length });
    spans.push({ from: endTagStart, to: start + element.length });
  }
  spans.push({ from: start, to: start + element.startTagLength });
  return spans;
}

/** The run of name characters (letters, digits, `-._:`) around the offset, within [from, to). */
function wordAround(source: Source, offset: number, from: number, to: number): Span | undefined {
  let wordStart = offset;
  while (wordStart > from && isNameChar(source.charCodeAt(wordStart - 1))) wordStart--;
  let wordEnd = offset;
  while (wordEnd < to && isNameChar(source.charCodeAt(wordEnd))) wordEnd++;
  return wordStart < wordEnd ? { from: wordStart, to: wordEnd } : undefined;
}

/** [from, to) without the whitespace at either end. */
function trimmed(source: Source, from: number, to: number): Span {
  while (from < to && isWhitespace(source.charCodeAt(from))) from++;
  while (to > from && isWhitespace(source.charCodeAt(to - 1))) to--;
  return { from, to };
}
