/**
 * Folding ranges from the tree: elements that span lines, comments, CDATA sections, a DOCTYPE,
 * start tags whose attributes are wrapped over lines, and `<!-- #region -->` … `<!-- #endregion -->`
 * pairs (language-configuration.json declares those markers, but VS Code stops reading them once
 * a server folds). One walk without recursion; an element costs a look at its start tag and at
 * the whitespace before its end tag, so the work stays linear in the document however it nests.
 */
import { Ch, isWhitespace } from '../parser/chars';
import { ElementNode } from '../parser/nodes';
import { Source } from '../parser/pieceText';
import { walk } from '../parser/tree';
import { Analysis } from './analysis';

export type FoldKind = 'element' | 'attributes' | 'comment' | 'cdata' | 'doctype' | 'region';

export interface Fold {
  kind: FoldKind;
  /** The fold's first line is the one holding this offset. */
  start: number;
  /**
   * Its last line is the one holding this offset. For an element that is the line before its end
   * tag, so `</disk>` stays in sight under the folded `<disk …>`, as editors show folded blocks.
   */
  end: number;
}

/**
 * The folds of the document, at most `limit` of them: past it the outermost are kept (the
 * editor shows no more than its limit anyway, and a 10 MB domain has hundreds of thousands).
 * A fold may still start and end on one line (`<a>` `</a>` on consecutive lines, say): the caller,
 * who has the lines, drops those.
 */
export function foldingRanges(analysis: Analysis, limit = Number.POSITIVE_INFINITY): Fold[] {
  const source = analysis.source;
  const folds: Fold[] = [];
  const openRegions: number[] = [];
  walk(analysis.tree, {
    enter(node, start) {
      const last = start + node.length - 1;
      switch (node.kind) {
        case 'element':
          foldElement(source, node, start, folds);
          break;
        case 'comment': {
          folds.push({ kind: 'comment', start, end: last });
          const marker = regionMarker(source, start + 4, last);
          if (marker === 'region') openRegions.push(start);
          else if (marker === 'endregion' && openRegions.length > 0) folds.push({ kind: 'region', start: openRegions.pop() as number, end: start });
          break;
        }
        case 'cdata':
        case 'doctype':
          folds.push({ kind: node.kind, start, end: last });
          break;
      }
    },
  });
  return folds.length > limit ? outermost(folds, limit) : folds;
}

function foldElement(source: Source, element: ElementNode, start: number, folds: Fold[]): void {
  if (element.endTagOffset >= 0) {
    // Folded up to the line break before the end tag; an end tag after text on its line
    // (`<description>…\n…</description>`) is not a block to fold.
    const lineBreak = lineBreakBefore(source, start + element.endTagOffset, start + element.startTagLength);
    if (lineBreak >= 0) folds.push({ kind: 'element', start, end: lineBreak });
  } else if (!element.selfClosing && element.children.length > 0) {
    // No end tag (being typed, or closed by the parser's recovery): fold through its last child.
    const lastChild = element.children[element.children.length - 1];
    folds.push({ kind: 'element', start, end: start + lastChild.offset + lastChild.length - 1 });
  }
  if (attributesWrapped(source, element, start)) folds.push({ kind: 'attributes', start, end: start + element.startTagLength - 1 });
}

/** Offset of the line break that ends the whitespace just before `at`, or -1 when text comes first. */
function lineBreakBefore(source: Source, at: number, notBefore: number): number {
  for (let p = at - 1; p >= notBefore; p--) {
    const c = source.charCodeAt(p);
    if (c === Ch.LineFeed || c === Ch.CarriageReturn) return p;
    if (!isWhitespace(c)) return -1;
  }
  return -1;
}

/** The start tag of an element with attributes holds a line break (between them, or in a value). */
function attributesWrapped(source: Source, element: ElementNode, start: number): boolean {
  if (element.attributes.length === 0) return false;
  const tag = source.slice(start + 1 + element.name.length, start + element.startTagLength);
  return tag.includes('\n') || tag.includes('\r');
}

/** `#region` or `#endregion` (the `#` optional) at the start of a comment's text, as VS Code's markers read them. */
function regionMarker(source: Source, from: number, last: number): 'region' | 'endregion' | undefined {
  let p = from;
  while (p <= last && isWhitespace(source.charCodeAt(p))) p++;
  if (p <= last && source.charCodeAt(p) === Ch.Hash) p++;
  for (const marker of ['region', 'endregion'] as const) {
    const after = p + marker.length;
    if (after <= last + 1 && source.slice(p, after) === marker && !isWordChar(source.charCodeAt(after))) return marker;
  }
  return undefined;
}

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** The `limit` folds nested least deeply, in document order: whole levels from the outside, then the first of the next. */
function outermost(folds: Fold[], limit: number): Fold[] {
  const ordered = [...folds].sort((a, b) => a.start - b.start || b.end - a.end);
  const depths: number[] = [];
  const foldsAtDepth: number[] = [];
  const openEnds: number[] = [];
  for (const fold of ordered) {
    while (openEnds.length > 0 && openEnds[openEnds.length - 1] < fold.start) openEnds.pop();
    const depth = openEnds.length;
    depths.push(depth);
    foldsAtDepth[depth] = (foldsAtDepth[depth] ?? 0) + 1;
    openEnds.push(fold.end);
  }
  let deepestWhole = -1;
  let room = limit;
  while (deepestWhole + 1 < foldsAtDepth.length && foldsAtDepth[deepestWhole + 1] <= room) room -= foldsAtDepth[++deepestWhole];
  return ordered.filter((_, i) => depths[i] <= deepestWhole || (depths[i] === deepestWhole + 1 && room-- > 0));
}
