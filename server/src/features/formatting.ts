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
import { Attribute, ChildNode, DocumentNode, ElementNode, ParentNode, Quote } from '../parser/nodes';
import { Source } from '../parser/pieceText';
import { Analysis } from './analysis';
import { WELL_FORMEDNESS, checkWellFormedness } from './wellFormedness';

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
  /** Why nothing was formatted: the first well-formedness problem, which would make the tree a guess. */
  notWellFormed?: { start: number; message: string };
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
  if (problem) return { edits: [], notWellFormed: { start: problem.start, message: problem.message } };
  const formatter = new Formatter(analysis.source, options, from, to);
  formatter.formatTree(analysis.tree);
  return { edits: formatter.edits.sort((a, b) => a.start - b.start) };
}

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

/** An element whose content is kept as written: only the quotes of the tags in it may change. */
interface Kept {
  element: ElementNode;
  start: number;
  inMetadata: boolean;
}

class Formatter {
  readonly edits: FormatEdit[] = [];
  private readonly indents: string[] = [''];
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

  private indent(level: number): string {
    while (this.indents.length <= level) this.indents.push(this.indents[this.indents.length - 1] + this.unit);
    return this.indents[level];
  }

  private touches(start: number, end: number): boolean {
    return end >= this.from && start <= this.to;
  }

  formatTree(tree: DocumentNode): void {
    const source = this.source;
    const children = tree.children;
    const kept: Kept[] = [];
    // Depth-first without recursion (documents nest deeply): the elements whose children are laid out.
    const stack: { element: ElementNode; start: number; level: number; inMetadata: boolean }[] = [];
    const visit = (child: ChildNode, start: number, level: number, inMetadata: boolean): void => {
      if (child.kind !== 'element' || !this.touches(start, start + child.length)) return;
      this.startTag(child, start, level, inMetadata);
      if (child.selfClosing) return;
      this.endTag(child, start);
      const inside = inMetadata || child.name === 'metadata';
      if (laidOut(child)) stack.push({ element: child, start, level, inMetadata: inside });
      else if (child.children.length > 0) kept.push({ element: child, start, inMetadata: inside });
    };

    if (children.length > 0) {
      // Nothing before the first node but a byte order mark; one line break at the end, if there was one.
      const first = source.charCodeAt(0) === BYTE_ORDER_MARK ? 1 : 0;
      this.gap(first, children[0].offset, '');
      const last = children[children.length - 1];
      const end = last.offset + last.length;
      this.gap(end, source.length, this.lineBreaks(end, source.length) > 0 ? this.eol : '');
    }
    this.layOut(children, 0, 0);
    for (const child of children) visit(child, child.offset, 0, false);

    while (stack.length > 0) {
      const { element, start, level, inMetadata } = stack.pop() as (typeof stack)[number];
      const contentStart = start + element.startTagLength;
      const contentEnd = start + element.endTagOffset;
      const first = element.children[0];
      const last = element.children[element.children.length - 1];
      // No blank line right after the start tag or before the end tag.
      if (first.kind === 'element' || this.lineBreaks(contentStart, start + first.offset) > 0) this.gap(contentStart, start + first.offset, this.eol + this.indent(level + 1));
      this.layOut(element.children, start, level + 1);
      this.gap(start + last.offset + last.length, contentEnd, this.eol + this.indent(level));
      for (let k = element.children.length - 1; k >= 0; k--) {
        const child = element.children[k];
        visit(child, start + child.offset, level + 1, inMetadata);
      }
    }

    for (const { element, start, inMetadata } of kept) this.requoteWithin(element, start, inMetadata);
  }

  /**
   * The whitespace between siblings: a line each, blank lines kept. A comment or processing
   * instruction on the line of what precedes it stays there.
   */
  private layOut(children: readonly ChildNode[], parentStart: number, level: number): void {
    for (let k = 1; k < children.length; k++) {
      const previous = children[k - 1];
      const child = children[k];
      const from = parentStart + previous.offset + previous.length;
      const to = parentStart + child.offset;
      const breaks = this.lineBreaks(from, to);
      if (breaks === 0 && child.kind !== 'element') continue;
      this.gap(from, to, this.eol.repeat(Math.max(1, breaks)) + this.indent(level));
    }
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
    const continued = this.eol + this.indent(level + 2);
    previousEnd = nameEnd;
    for (const attribute of attributes) {
      const nameStart = start + attribute.nameOffset;
      this.gap(previousEnd, nameStart, wrapped && this.lineBreaks(previousEnd, nameStart) > 0 ? continued : ' ');
      const equals = this.equalsSign(nameStart + attribute.name.length);
      const valueStart = start + attribute.valueOffset;
      this.gap(nameStart + attribute.name.length, equals, '');
      this.gap(equals + 1, valueStart, '');
      this.requote(attribute, start, inMetadata);
      previousEnd = valueStart + attribute.valueLength;
    }
    this.gap(previousEnd, tagEnd, closedOnItsOwnLine ? this.eol + this.indent(level) : '');
  }

  /** `</name >` loses its space. */
  private endTag(element: ElementNode, start: number): void {
    const nameEnd = start + element.endTagOffset + 2 + element.name.length;
    this.gap(nameEnd, start + element.length - 1, '');
  }

  private equalsSign(from: number): number {
    let at = from;
    while (this.source.charCodeAt(at) !== EQUALS) at++;
    return at;
  }

  /** The quotes of every start tag inside a kept element, whose whitespace is left alone. */
  private requoteWithin(element: ElementNode, start: number, inMetadata: boolean): void {
    const stack: { parent: ParentNode; start: number; inMetadata: boolean }[] = [{ parent: element, start, inMetadata }];
    while (stack.length > 0) {
      const top = stack.pop() as (typeof stack)[number];
      for (const child of top.parent.children) {
        const childStart = top.start + child.offset;
        if (child.kind !== 'element' || !this.touches(childStart, childStart + child.length)) continue;
        for (const attribute of child.attributes) this.requote(attribute, childStart, top.inMetadata);
        if (child.children.length > 0) stack.push({ parent: child, start: childStart, inMetadata: top.inMetadata || child.name === 'metadata' });
      }
    }
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
    const quote = String.fromCharCode(wanted);
    if (this.source.slice(open + 1, close).includes(quote)) return;
    this.replace(open, open + 1, quote);
    this.replace(close, close + 1, quote);
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
    if (to - from === wanted.length && this.source.slice(from, to) === wanted) return;
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

  private replace(start: number, end: number, newText: string): void {
    this.push({ start, end, newText });
  }

  private push(edit: FormatEdit): void {
    if (edit.start >= this.from && edit.end <= this.to) this.edits.push(edit);
  }
}
