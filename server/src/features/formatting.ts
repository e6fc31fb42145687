/**
 * Format Document and Format Selection in the layout `virsh dumpxml` writes: one element per
 * line, each level indented by one unit (two spaces in libvirt's output; the editor's tabSize and
 * insertSpaces here), an element holding only text on one line, attributes on the line of their
 * element, no space before `>` or `/>`. What carries meaning is never touched: comments, CDATA,
 * text, attribute values, and the whole content of an element that holds text (mixed content),
 * whose whitespace may matter. The user's own choices are kept: blank lines between siblings,
 * attributes wrapped over several lines (re-indented), a comment on the line of what precedes it.
 *
 * The result is a list of small edits, one per stretch of whitespace or quote that changes, so
 * a document already in this layout gets none and the editor keeps the cursor where it was.
 */
import { Attribute, DocumentNode, ElementNode, ParentNode, Quote } from '../parser/nodes';
import { Source } from '../parser/pieceText';
import { Analysis } from './analysis';
import { WELL_FORMEDNESS, checkWellFormedness } from './wellFormedness';
import { Words, render, words } from '../messages/words';

export type QuoteStyle = 'preserve' | 'single' | 'double';

export interface FormatOptions {
  tabSize: number;
  insertSpaces: boolean;
  quotes: QuoteStyle;
}

/** Replace text[start, end) with `newText`. */
export interface FormatEdit {
  start: number;
  end: number;
  newText: string;
}

export interface Formatting {
  edits: FormatEdit[];
  /**
   * Why nothing was formatted, and where: the first well-formedness problem (the tree would be a
   * guess), or nesting so deep that its indentation would swell the document.
   */
  notFormatted?: { start: number; message: string; words: Words };
}

export function formatDocument(analysis: Analysis, options: FormatOptions): Formatting {
  return format(analysis, options, 0, analysis.source.length);
}

/** Formats the lines `start` and `end` are on (a selection ending at a line start leaves that line out). */
export function formatRange(analysis: Analysis, start: number, end: number, options: FormatOptions): Formatting {
  const source = analysis.source;
  let from = Math.max(0, Math.min(start, source.length));
  let to = Math.max(from, Math.min(end, source.length));
  if (to > from && isLineBreak(source.charCodeAt(to - 1))) to--;
  while (from > 0 && !isLineBreak(source.charCodeAt(from - 1))) from--;
  while (to < source.length && !isLineBreak(source.charCodeAt(to))) to++;
  return format(analysis, options, from, to);
}

function format(analysis: Analysis, options: FormatOptions, from: number, to: number): Formatting {
  // Two findings: the first may be the root's name, which formatting does not mind.
  const problem = checkWellFormedness(analysis.tree, 2, analysis.document.memo(WELL_FORMEDNESS)).find((finding) => finding.code !== 'root-not-domain');
  if (problem) return { edits: [], notFormatted: notFormatted(problem.start, words('server.format.notWellFormed', { problem: problem.words ?? problem.message })) };
  const formatter = new Formatter(analysis.source, options, from, to);
  const tooDeep = formatter.formatTree(analysis.tree);
  if (tooDeep !== undefined) return { edits: [], notFormatted: notFormatted(tooDeep, words('server.format.tooDeep', { times: MAX_GROWTH })) };
  return { edits: formatter.edits };
}

function notFormatted(start: number, said: Words): NonNullable<Formatting['notFormatted']> {
  return { start, message: render(said, 'en'), words: said };
}

/**
 * What formatting may add, in times the document's size (64 KB more for a small one). Indenting a
 * domain written on one line with 8-column tabs adds about twice its size; only absurd nesting
 * comes near this, and its indentation would grow with the square of the depth.
 */
const MAX_GROWTH = 10;
const SMALL_GROWTH = 64 * 1024;

const LINE_FEED = 10;
const CARRIAGE_RETURN = 13;
const EQUALS = 61;
const BYTE_ORDER_MARK = 0xfeff;

function isLineBreak(c: number): boolean {
  return c === LINE_FEED || c === CARRIAGE_RETURN;
}

/**
 * Content laid out one child a line: child elements, comments and processing instructions only.
 * Text or CDATA among them makes whitespace part of the content, and an element without
 * children keeps what is between its tags (`<description> </description>`).
 */
function laidOut(element: ElementNode): boolean {
  if (element.children.length === 0) return false;
  for (const child of element.children) if (child.kind === 'text' || child.kind === 'cdata') return false;
  return true;
}

/** A parent being gone through: its children, and how they are formatted. */
interface Frame {
  parent: ParentNode;
  start: number;
  /** The children's indentation level. */
  level: number;
  /** The children go one a line; else what is between them is kept, and only quotes change. */
  laidOut: boolean;
  /** The parent's own tags are formatted (its parent's children are laid out). */
  ownTags: boolean;
  inMetadata: boolean;
  /** The next child to go through. */
  index: number;
}

class Formatter {
  readonly edits: FormatEdit[] = [];
  /** Characters the edits so far add. */
  private growth = 0;
  private readonly newLines: string[] = [];
  private readonly unit: string;
  private readonly eol: string;

  constructor(
    private readonly source: Source,
    private readonly options: FormatOptions,
    /** Only edits within [from, to) are made: the lines of a selection. */
    private readonly from: number,
    private readonly to: number,
  ) {
    const tabSize = Number.isInteger(options.tabSize) && options.tabSize > 0 ? Math.min(options.tabSize, 16) : 2;
    this.unit = options.insertSpaces === false ? '\t' : ' '.repeat(tabSize);
    this.eol = this.lineBreakOf(source);
  }

  /** The document's own line break (its first one), so a CRLF file stays CRLF. */
  private lineBreakOf(source: Source): string {
    for (let at = 0; at < source.length; at++) {
      const c = source.charCodeAt(at);
      if (c === CARRIAGE_RETURN) return source.charCodeAt(at + 1) === LINE_FEED ? '\r\n' : '\n';
      if (c === LINE_FEED) return '\n';
    }
    return '\n';
  }

  /** A line break and the indentation of `level` (made once per level: most gaps already read so). */
  private newLine(level: number): string {
    while (this.newLines.length <= level) this.newLines.push(this.eol + this.unit.repeat(this.newLines.length));
    return this.newLines[level];
  }

  private touches(start: number, end: number): boolean {
    return end >= this.from && start <= this.to;
  }

  /**
   * Goes through the tree depth-first without recursion (documents nest deeply), making the edits
   * in document order. Stops where the edits would add more than MAX_GROWTH times its size,
   * and returns that place.
   */
  formatTree(tree: DocumentNode): number | undefined {
    const stack: Frame[] = [{ parent: tree, start: 0, level: 0, laidOut: true, ownTags: false, inMetadata: false, index: 0 }];
    const growthLimit = MAX_GROWTH * this.source.length + SMALL_GROWTH;
    while (stack.length > 0) {
      if (this.growth > growthLimit) return stack[stack.length - 1].start;
      const frame = stack[stack.length - 1];
      const { parent, start } = frame;
      if (frame.index === parent.children.length) {
        stack.pop();
        if (parent.kind === 'element') this.closeContent(parent, start, frame);
        continue;
      }
      const index = frame.index++;
      const child = parent.children[index];
      const childStart = start + child.offset;
      if (frame.laidOut) this.gapBefore(parent, index, start, frame.level);
      if (child.kind !== 'element' || !this.touches(childStart, childStart + child.length)) continue;
      if (frame.laidOut) this.startTag(child, childStart, frame.level, frame.inMetadata);
      else for (const attribute of child.attributes) this.requote(attribute, childStart, frame.inMetadata);
      if (child.selfClosing) continue;
      if (child.children.length === 0) {
        if (frame.laidOut) this.endTag(child, childStart);
        continue;
      }
      const inMetadata = frame.inMetadata || child.name === 'metadata';
      stack.push({ parent: child, start: childStart, level: frame.level + 1, laidOut: frame.laidOut && laidOut(child), ownTags: frame.laidOut, inMetadata, index: 0 });
    }
    const children = tree.children;
    if (children.length > 0) {
      // One line break at the end, if there was one.
      const last = children[children.length - 1];
      const end = last.offset + last.length;
      this.gap(end, this.source.length, this.lineBreaks(end, this.source.length) > 0 ? this.eol : '');
    }
    return undefined;
  }

  /**
   * The whitespace before a child laid out: a line of its own (blank lines before it kept, but
   * not after the start tag), except for a comment or processing instruction on the line of what
   * precedes it. Before the root, nothing but a byte order mark.
   */
  private gapBefore(parent: ParentNode, index: number, parentStart: number, level: number): void {
    const child = parent.children[index];
    const to = parentStart + child.offset;
    if (parent.kind === 'document' && index === 0) {
      this.gap(this.source.charCodeAt(0) === BYTE_ORDER_MARK ? 1 : 0, to, '');
      return;
    }
    const previous = index > 0 ? parent.children[index - 1] : undefined;
    const from = previous ? parentStart + previous.offset + previous.length : parentStart + (parent as ElementNode).startTagLength;
    const breaks = this.lineBreaks(from, to);
    if (breaks === 0 && child.kind !== 'element') return;
    this.gap(from, to, previous && breaks > 1 ? this.eol.repeat(breaks - 1) + this.newLine(level) : this.newLine(level));
  }

  /** After the last child: the end tag on a line of its own when the children are laid out, and the end tag itself. */
  private closeContent(element: ElementNode, start: number, frame: Frame): void {
    if (frame.laidOut) {
      const last = element.children[element.children.length - 1];
      this.gap(start + last.offset + last.length, start + element.endTagOffset, this.newLine(frame.level - 1));
    }
    if (frame.ownTags) this.endTag(element, start);
  }

  /**
   * `<name a='1' b='2'>`: one space before each attribute, none around `=` or before the end.
   * When the user broke the tag over lines, the breaks stay: attributes continue two levels in,
   * `>` on a line of its own goes back to the element's level.
   */
  private startTag(element: ElementNode, start: number, level: number, inMetadata: boolean): void {
    const attributes = element.attributes;
    const nameEnd = start + 1 + element.name.length;
    const tagEnd = start + element.startTagLength - (element.selfClosing ? 2 : 1);
    let wrapped = false;
    let previousEnd = nameEnd;
    for (const attribute of attributes) {
      if (this.lineBreaks(previousEnd, start + attribute.nameOffset) > 0) wrapped = true;
      previousEnd = start + attribute.valueOffset + attribute.valueLength;
    }
    const closedOnItsOwnLine = this.lineBreaks(previousEnd, tagEnd) > 0;
    const continued = this.newLine(level + 2);
    previousEnd = nameEnd;
    for (const attribute of attributes) {
      const nameStart = start + attribute.nameOffset;
      this.gap(previousEnd, nameStart, wrapped && this.lineBreaks(previousEnd, nameStart) > 0 ? continued : ' ');
      const valueStart = start + attribute.valueOffset;
      const equals = this.equalsSign(nameStart + attribute.name.length, valueStart);
      this.gap(nameStart + attribute.name.length, equals, '');
      this.gap(equals + 1, valueStart, '');
      this.requote(attribute, start, inMetadata);
      previousEnd = valueStart + attribute.valueLength;
    }
    this.gap(previousEnd, tagEnd, closedOnItsOwnLine ? this.newLine(level) : '');
  }

  /** `</name >` loses its space. */
  private endTag(element: ElementNode, start: number): void {
    const nameEnd = start + element.endTagOffset + 2 + element.name.length;
    this.gap(nameEnd, start + element.length - 1, '');
  }

  private equalsSign(from: number, valueStart: number): number {
    let at = from;
    while (at < valueStart && this.source.charCodeAt(at) !== EQUALS) at++;
    return at;
  }

  /**
   * The quote style asked for: `single` is libvirt's, which also means double quotes inside
   * `<metadata>`, whose foreign XML libvirt writes through libxml2. A value holding the quote
   * keeps the one it has, so no value changes meaning.
   */
  private requote(attribute: Attribute, elementStart: number, inMetadata: boolean): void {
    const style = this.options.quotes;
    if (style === 'preserve') return;
    const wanted = style === 'double' || inMetadata ? Quote.Double : Quote.Single;
    if (attribute.quote === wanted || attribute.quote === Quote.None) return;
    const open = elementStart + attribute.valueOffset;
    const close = open + attribute.valueLength - 1;
    // Both quotes or neither: a value over several lines may end outside a selection.
    if (open < this.from || close + 1 > this.to) return;
    for (let at = open + 1; at < close; at++) if (this.source.charCodeAt(at) === wanted) return;
    const quote = wanted === Quote.Double ? '"' : "'";
    this.push({ start: open, end: open + 1, newText: quote });
    this.push({ start: close, end: close + 1, newText: quote });
  }

  /** Line breaks in text[from, to) (CRLF counts once). */
  private lineBreaks(from: number, to: number): number {
    let count = 0;
    for (let at = from; at < to; at++) {
      const c = this.source.charCodeAt(at);
      if (c === LINE_FEED || (c === CARRIAGE_RETURN && this.source.charCodeAt(at + 1) !== LINE_FEED)) count++;
    }
    return count;
  }

  /**
   * Makes the whitespace text[from, to) read `wanted`. The line breaks and the indentation after
   * the last one are compared apart, so re-indenting a line edits that line only (which is what
   * keeps Format Selection within the selected lines).
   */
  private gap(from: number, to: number, wanted: string): void {
    if (this.reads(from, to, wanted)) return;
    const indentFrom = this.afterLastLineBreak(from, to);
    let wantedIndentFrom = wanted.length;
    while (wantedIndentFrom > 0 && !isLineBreak(wanted.charCodeAt(wantedIndentFrom - 1))) wantedIndentFrom--;
    const breaks = this.minimalEdit(from, indentFrom, wanted.slice(0, wantedIndentFrom));
    const indentation = this.minimalEdit(indentFrom, to, wanted.slice(wantedIndentFrom));
    if (breaks && indentation && breaks.end === indentation.start) this.push({ start: breaks.start, end: indentation.end, newText: breaks.newText + indentation.newText });
    else {
      if (breaks) this.push(breaks);
      if (indentation) this.push(indentation);
    }
  }

  private reads(from: number, to: number, wanted: string): boolean {
    if (to - from !== wanted.length) return false;
    for (let k = 0; k < wanted.length; k++) if (this.source.charCodeAt(from + k) !== wanted.charCodeAt(k)) return false;
    return true;
  }

  private afterLastLineBreak(from: number, to: number): number {
    let at = to;
    while (at > from && !isLineBreak(this.source.charCodeAt(at - 1))) at--;
    return at;
  }

  /** text[from, to) → wanted, without the characters both share at either end. */
  private minimalEdit(from: number, to: number, wanted: string): FormatEdit | undefined {
    let start = from;
    let prefix = 0;
    while (start < to && prefix < wanted.length && this.source.charCodeAt(start) === wanted.charCodeAt(prefix)) {
      start++;
      prefix++;
    }
    let end = to;
    let suffix = wanted.length;
    while (end > start && suffix > prefix && this.source.charCodeAt(end - 1) === wanted.charCodeAt(suffix - 1)) {
      end--;
      suffix--;
    }
    if (start === end && prefix === suffix) return undefined;
    return { start, end, newText: wanted.slice(prefix, suffix) };
  }

  private push(edit: FormatEdit): void {
    if (edit.start < this.from || edit.end > this.to) return;
    this.edits.push(edit);
    this.growth += edit.newText.length - (edit.end - edit.start);
  }
}
