/**
 * The syntax tree of an XML document, built to be patched in place.
 *
 * Every node stores its start *relative to its parent's start* (`offset`) and its `length`;
 * children are in document order, and what lies between two of them is whitespace;
 * positions inside a node (attribute names, end tag, problems) are relative to the node's own
 * start. An edit therefore only touches the nodes on the path to it and the offsets of the
 * siblings after it, never the whole file. Absolute positions come from walking down from the
 * document (see tree.ts).
 */

import { Ch, decodeReferences } from './chars';
import { Source } from './pieceText';
import { ProblemWords } from './problemWords';

export type NodeKind =
  | 'document'
  | 'element'
  | 'text'
  | 'comment'
  | 'cdata'
  | 'processingInstruction'
  | 'doctype'
  | 'strayEndTag';

export interface Problem {
  /** Stable identifier, e.g. `unclosed-element`. */
  code: string;
  /** What it says, as catalogue words: the features layer renders them (see problemWords.ts). */
  words: ProblemWords;
  /** Relative to the start of the node that holds the problem. */
  start: number;
  end: number;
  /** Edits that resolve it, found while parsing (see problemFixes.ts). */
  fixes?: ProblemFix[];
}

/**
 * Replace [start, end) with `newText`, relative to the start of the node that holds the problem
 * (like the problem's own span), so the fix moves with the node.
 */
export interface ProblemFix {
  /** What it does, as catalogue words (see problemWords.ts). */
  titleWords: ProblemWords;
  start: number;
  end: number;
  newText: string;
  /** Keeps what the user meant without a judgement call. */
  safe: boolean;
  /** The one to apply without thinking, where a problem has several. */
  preferred?: boolean;
}

/** A `&name;` reference that is neither predefined nor numeric: checked against the DOCTYPE later. */
export interface EntityReference {
  name: string;
  /** Offset of `&`, relative to the start of the node that holds it. */
  start: number;
}

interface NodeBase {
  offset: number;
  length: number;
  problems: Problem[] | undefined;
  entityReferences: EntityReference[] | undefined;
}

/** Text with something besides whitespace; whitespace between tags is a gap between nodes. */
export interface TextNode extends NodeBase {
  kind: 'text';
}

export interface CommentNode extends NodeBase {
  kind: 'comment';
  closed: boolean;
}

export interface CDataNode extends NodeBase {
  kind: 'cdata';
  closed: boolean;
}

export interface ProcessingInstructionNode extends NodeBase {
  kind: 'processingInstruction';
  target: string;
  closed: boolean;
}

export interface DoctypeNode extends NodeBase {
  kind: 'doctype';
  /** Root element name the DOCTYPE declares (`<!DOCTYPE domain ...>`). */
  rootName: string;
  /** Names declared by `<!ENTITY name ...>` in the internal subset (never expanded). */
  declaredEntities: string[];
  closed: boolean;
}

/** An end tag that closes nothing: kept in the tree so its position and problem move with edits. */
export interface StrayEndTagNode extends NodeBase {
  kind: 'strayEndTag';
  name: string;
}

export const enum Quote {
  None = 0,
  Double = 34,
  Single = 39,
}

export interface Attribute {
  name: string;
  /** Offset of the name, relative to the element start. */
  nameOffset: number;
  /** Offset of the value's opening quote (or first character when unquoted); -1 when there is no value. */
  valueOffset: number;
  /** Length of the value including its quotes. */
  valueLength: number;
  quote: Quote;
  /** The closing quote is present (always true for unquoted values). */
  valueClosed: boolean;
}

export interface ElementNode extends NodeBase {
  kind: 'element';
  name: string;
  attributes: Attribute[];
  /** Length of the start tag, through `>` or `/>` when present. */
  startTagLength: number;
  /** The start tag ends with `>` or `/>`. */
  startTagClosed: boolean;
  selfClosing: boolean;
  children: ChildNode[];
  /**
   * Offset of `</` relative to the element start, or -1 when the element has no end tag. The
   * end tag runs to the element's end.
   */
  endTagOffset: number;
  /** Problems of the end tag, relative to the end tag's start (they move with it). */
  endTagProblems: Problem[] | undefined;
  /** A direct child is an element without end tag; see the recovery in parse.ts. */
  hasUnclosedChild: boolean;
}

export interface DocumentNode extends NodeBase {
  kind: 'document';
  children: ChildNode[];
  hasUnclosedChild: boolean;
}

export type ChildNode =
  | ElementNode
  | TextNode
  | CommentNode
  | CDataNode
  | ProcessingInstructionNode
  | DoctypeNode
  | StrayEndTagNode;

export type ParentNode = ElementNode | DocumentNode;
export type XmlNode = ChildNode | DocumentNode;

/**
 * Where an attribute's value text stands (absolute), without its quotes. A value whose closing
 * quote is missing runs to the end of its token, or to `typedUpTo` (the cursor) when given.
 */
export function valueSpan(elementStart: number, attribute: Attribute, typedUpTo?: number): { from: number; to: number } {
  const quoted = attribute.quote !== Quote.None;
  const from = elementStart + attribute.valueOffset + (quoted ? 1 : 0);
  if (quoted && !attribute.valueClosed) return { from, to: typedUpTo ?? elementStart + attribute.valueOffset + attribute.valueLength };
  return { from, to: elementStart + attribute.valueOffset + attribute.valueLength - (quoted ? 1 : 0) };
}

/** The element is terminated by an end tag or `/>`, i.e. it was not closed by recovery. */
export function isClosed(element: ElementNode): boolean {
  return element.selfClosing || element.endTagOffset >= 0;
}

/** End of the element's content relative to the element (the `</` of its end tag, or its end). */
export function contentEnd(element: ElementNode): number {
  return element.endTagOffset >= 0 ? element.endTagOffset : element.length;
}

/** An attribute's value as XML reads it: references decoded, line breaks and tabs made spaces (XML 3.3.3). */
export function attributeValue(text: Source, elementStart: number, attribute: Attribute): string {
  if (attribute.valueOffset < 0) return '';
  const { from, to } = valueSpan(elementStart, attribute);
  const raw = text.slice(from, to);
  // Most values have neither: one scan, where the decoding's and the regular expression's were two.
  if (!hasReferenceOrBreak(raw)) return raw;
  const decoded = decodeReferences(raw);
  return WHITESPACE_TO_NORMALISE.test(decoded) ? decoded.replace(/[\t\n\r]/g, ' ') : decoded;
}

const WHITESPACE_TO_NORMALISE = /[\t\n\r]/;

/** Whether `raw` holds a `&` or a character a value's normalisation makes a space (tab, line feed, carriage return). */
function hasReferenceOrBreak(raw: string): boolean {
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c <= Ch.Ampersand && (c === Ch.Ampersand || c === Ch.Tab || c === Ch.LineFeed || c === Ch.CarriageReturn)) return true;
  }
  return false;
}

/** The text of an element without child elements (references decoded, CDATA kept), and where its content stands. */
export function elementText(text: Source, elementStart: number, element: ElementNode): { value: string; from: number; to: number } {
  const from = elementStart + element.startTagLength;
  const to = elementStart + contentEnd(element);
  let value = '';
  const children = element.children;
  for (let i = 0; i < children.length; i++) {
    const child = children[i];
    const childStart = elementStart + child.offset;
    if (child.kind === 'text') value += decodeReferences(text.slice(childStart, childStart + child.length));
    else if (child.kind === 'cdata') value += text.slice(childStart + 9, childStart + child.length - 3);
  }
  if (value === '' && children.length === 0) value = text.slice(from, to);
  return { value, from, to };
}
