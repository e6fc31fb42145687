/**
 * A tolerant XML parser: one pass over the characters, no backtracking, never throws.
 *
 * The same builder parses a whole document or a stretch of one element's content (a
 * *fragment*, used by incremental.ts). A fragment parse gives up ("escapes") as soon as the text
 * could mean something different outside the stretch, e.g. an end tag that closes an ancestor or
 * a comment that runs past the end, so a successful fragment is exactly what a full parse of the
 * new text would build there.
 *
 * Tolerance rules, chosen so a half-typed document keeps a useful tree:
 * - a quoted attribute value stops at `<` (which XML forbids there), so `<vcpu placement="sta`
 *   does not swallow the lines below it;
 * - a start tag without `>` ends where the next tag begins, and its element stays open;
 * - an element left open when an ancestor's end tag (or the end of the text) arrives gives back
 *   the children that are indented no deeper than its own start tag: an unclosed `<disk>` does
 *   not swallow the sibling `<interface>` on the following lines.
 */
import { Ch, isNameStartChar, isPredefinedEntity, isWhitespace, isXmlChar, scanName } from './chars';
import { attributeId, exactCopy, internAttribute, internAttributes, internHashed, internName, nameEndIf, newAttribute, scanHashedName, scannedHash } from './intern';
import { Window } from './pieceText';
import {
  Attribute,
  ChildNode,
  DocumentNode,
  DoctypeNode,
  ElementNode,
  EntityReference,
  ParentNode,
  Problem,
  ProblemFix,
  Quote,
  isClosed,
} from './nodes';
import {
  addEndFix,
  bareAmpersandFixes,
  closeFixes,
  closingQuoteFix,
  doubleHyphenFix,
  duplicateAttributeFixes,
  escapeFix,
  excerpt,
  missingEqualsFix,
  missingSpaceFix,
  quoteValueFix,
  removeEndTagJunkFix,
  removeJunkFix,
  startTagEndFix,
  swallowedValueFix,
  unclosedCommentFix,
  unclosedProcessingInstructionFix,
} from './problemFixes';
import { said } from './problemWords';

/** What scanning one node found, attached to the node when it is built. */
interface Findings {
  problems: Problem[] | undefined;
  references: EntityReference[] | undefined;
}

/**
 * An open element (or the container) while its content is parsed. One per depth, reused by every
 * element at that depth: its children are collected in `children[0, count)` and copied out, at
 * their exact size, when the element closes.
 */
class Frame {
  node: ParentNode = NO_PARENT;
  /** Absolute start of the node. */
  start = 0;
  children: ChildNode[] = [];
  count = 0;
  hasUnclosedChild = false;
  /** The `unterminated-start-tag` problem of the element, whose fix depends on how it ends. */
  unterminated: Problem | undefined = undefined;

  open(node: ParentNode, start: number, unterminated: Problem | undefined): void {
    this.node = node;
    this.start = start;
    this.count = 0;
    this.hasUnclosedChild = false;
    this.unterminated = unterminated;
  }
}

/**
 * The children of every element that has none (most of a domain's elements: `<target/>`,
 * `<address/>`): one frozen array, never written to (incremental.ts replaces it).
 */
export const NO_CHILDREN: ChildNode[] = Object.freeze([]) as unknown as ChildNode[];
const NO_ATTRIBUTES: Attribute[] = Object.freeze([]) as unknown as Attribute[];

/**
 * In a large parse (see COMPACT_FROM), elements are made by two classes, so that what most of them
 * have in common is stored once, on the prototype, instead of in each: three elements in four of
 * a domain are self-closing
 * (`<target .../>`), and of their fourteen fields only five differ between them. A tree the
 * young generation of the heap cannot hold is copied by each garbage collection it survives and
 * then faulted into fresh pages, so its size is most of a 10 MB parse's time. Both classes keep
 * the plain fields of ElementNode (no getters, nothing computed on reading), and nothing writes
 * to what a self-closing element takes from its prototype (incremental.ts re-parses only inside
 * elements with an end tag): were something to, the field would become the element's own.
 */
class SelfClosingElement {
  declare readonly kind: 'element';
  declare offset: number;
  declare length: number;
  declare readonly name: string;
  declare readonly attributes: Attribute[];
  declare readonly startTagLength: number;
  declare problems: Problem[] | undefined;
  declare entityReferences: EntityReference[] | undefined;
  declare readonly startTagClosed: boolean;
  declare readonly selfClosing: boolean;
  declare children: ChildNode[];
  declare endTagOffset: number;
  declare endTagProblems: Problem[] | undefined;
  declare hasUnclosedChild: boolean;

  constructor(offset: number, length: number, name: string, attributes: Attribute[], startTagLength: number, findings: Findings) {
    this.offset = offset;
    this.length = length;
    this.name = name;
    this.attributes = attributes;
    this.startTagLength = startTagLength;
    // Own only where present, which most elements of a document are without.
    if (findings.problems !== undefined) this.problems = findings.problems;
    if (findings.references !== undefined) this.entityReferences = findings.references;
  }
}
Object.assign(SelfClosingElement.prototype, {
  kind: 'element',
  problems: undefined,
  entityReferences: undefined,
  startTagClosed: true,
  selfClosing: true,
  children: NO_CHILDREN,
  endTagOffset: -1,
  endTagProblems: undefined,
  hasUnclosedChild: false,
});

/** Any other element: its content, end tag and recovery are written after it is made, so those fields are its own. */
class OpenedElement {
  declare readonly kind: 'element';
  declare readonly selfClosing: boolean;
  // Declared, and set in the constructor alone: initialized fields would each be defined first, then set.
  declare offset: number;
  declare length: number;
  declare readonly name: string;
  declare readonly attributes: Attribute[];
  declare readonly startTagLength: number;
  declare readonly startTagClosed: boolean;
  declare problems: Problem[] | undefined;
  declare entityReferences: EntityReference[] | undefined;
  declare children: ChildNode[];
  declare endTagOffset: number;
  declare endTagProblems: Problem[] | undefined;
  declare hasUnclosedChild: boolean;

  constructor(offset: number, length: number, name: string, attributes: Attribute[], startTagLength: number, startTagClosed: boolean, findings: Findings) {
    this.offset = offset;
    this.length = length;
    this.name = name;
    this.attributes = attributes;
    this.startTagLength = startTagLength;
    this.startTagClosed = startTagClosed;
    this.problems = findings.problems;
    this.entityReferences = findings.references;
    this.children = NO_CHILDREN;
    this.endTagOffset = -1;
    this.endTagProblems = undefined;
    this.hasUnclosedChild = false;
  }
}
Object.assign(OpenedElement.prototype, { kind: 'element', selfClosing: false });
const NO_PARENT: ParentNode = Object.freeze({ kind: 'document', offset: 0, length: 0, problems: undefined, entityReferences: undefined, children: NO_CHILDREN, hasUnclosedChild: false }) as DocumentNode;

/**
 * From what length of text attributes and attribute lists are shared. Sharing pays where the
 * tree outlives the young generation of the heap: at 1 MB a parse took two thirds of the time
 * with it, at 100 KB the same, and at 1 KB, where a new attribute costs less than looking one
 * up, 6-15% more (the two parsers alternating in one process).
 */
const SHARE_FROM = 128 * 1024;

/**
 * From what length of text elements are made by the classes above. Below it, where the young
 * generation holds the whole tree, a literal costs less to make (a parse of 1 KB: 7% fewer
 * instructions; of 1 MB, 10-25% less time); above it the tree's size is the cost.
 */
const COMPACT_FROM = 2 * 1024 * 1024;

export interface FragmentResult {
  children: ChildNode[];
  hasUnclosedChild: boolean;
}

export function parseDocument(text: string): DocumentNode {
  const document: DocumentNode = {
    kind: 'document',
    offset: 0,
    length: text.length,
    problems: undefined,
    entityReferences: undefined,
    children: [],
    hasUnclosedChild: false,
  };
  const builder = new TreeBuilder(text, 0, text.length, document, 0, document.children, []);
  builder.run();
  builder.closeOpenElements();
  document.hasUnclosedChild = builder.containerFrame.hasUnclosedChild;
  return document;
}

/**
 * Parses `text[from, limit)` as content of `container` (which starts at `containerStart`), all
 * offsets in the whole text, of which `window` holds the part read.
 * `enclosingNames` are the names of the elements a full parse has open there: the container,
 * its ancestors and unclosed elements before it (see incremental.ts). With
 * `closeAtLimit`, elements still open at `limit` are closed as the container's end tag would
 * close them; otherwise they make the fragment fail. Returns undefined when the fragment
 * cannot be parsed on its own.
 */
export function parseFragment(
  window: Window,
  from: number,
  limit: number,
  container: ParentNode,
  containerStart: number,
  enclosingNames: readonly string[],
  closeAtLimit: boolean,
): FragmentResult | undefined {
  const children: ChildNode[] = [];
  // The builder works in the window's offsets: nodes keep offsets relative to their parent, so
  // only the XML declaration's place and the indentation at the window's start need more.
  const { text, base, startsLine } = window;
  const builder = new TreeBuilder(text, from - base, limit - base, container, containerStart - base, children, enclosingNames, base, startsLine);
  if (!builder.run()) return undefined;
  if (builder.openElementCount() > 0) {
    // The container's end tag closes the innermost open element of its name: if that is not
    // the container, the structure beyond the fragment changes.
    if (!closeAtLimit || container.kind !== 'element' || builder.hasOpenElementNamed(container.name)) return undefined;
    builder.closeOpenElements(container.name);
  }
  return { children, hasUnclosedChild: builder.containerFrame.hasUnclosedChild };
}

class TreeBuilder {
  /** frames[0] is the container's, frames[1..depth] the open elements', innermost last; deeper ones wait for reuse. */
  private readonly frames: Frame[];
  private depth = 0;
  readonly containerFrame: Frame;
  private pos: number;
  /** Nodes given back by elements closed by recovery, last in document order first (see popUnclosedTo). */
  private readonly givenBack: ChildNode[] = [];
  /**
   * How many open elements have each name, as of the last end tag that did not close the
   * innermost element: such a tag looks its name up here instead of searching every open element
   * (20,000 end tags under 20,000 unclosed `<a>` took 2.4 s). Brought up to date only then, from
   * the frames that changed since (see openNamesNow), so push and pop, which every element
   * passes through, do nothing for it (counting there made a parse of 1 KB 6% slower).
   */
  private openNames: Map<string, number> | undefined;
  /** The elements openNames counts, by depth: frames[1..countedDepth]'s at the time. */
  private countedElements: ElementNode[] | undefined;
  private countedDepth = 0;
  /** The least depth since openNames was brought up to date: the frames up to it have not changed. */
  private unchangedDepth = 0;
  /** enclosingNames as a set, made by the first end tag that closes nothing. */
  private enclosingNameSet: Set<string> | undefined;

  constructor(
    private readonly text: string,
    from: number,
    private readonly limit: number,
    container: ParentNode,
    containerStart: number,
    containerChildren: ChildNode[],
    private readonly enclosingNames: readonly string[],
    /** Where `text` starts in the whole text. */
    private readonly base = 0,
    /** Whether a line starts where `text` does; if not, a character other than a space or tab precedes it. */
    private readonly startsLine = true,
  ) {
    this.pos = from;
    this.share = limit - from >= SHARE_FROM;
    this.compact = limit - from >= COMPACT_FROM;
    this.containerFrame = new Frame();
    this.containerFrame.open(container, containerStart, undefined);
    this.containerFrame.children = containerChildren;
    this.frames = [this.containerFrame];
  }

  /** Reused for every node: a fresh object per node is measurable garbage on large files. */
  private readonly findings: Findings = { problems: undefined, references: undefined };

  private readonly scratchAttributes: Attribute[] = [];
  /** Whether attributes and their lists are shared (intern.ts): see SHARE_FROM. */
  private readonly share: boolean;
  /** Whether elements are made by the classes that keep them small: see COMPACT_FROM. */
  private readonly compact: boolean;
  /** What intern.ts numbered each of scratchAttributes. */
  private attributeIds: Int32Array = new Int32Array(16);

  /** The attribute `index` of a start tag: shared (intern.ts) in a large parse, else a new one. */
  private attribute(index: number, name: string, nameHash: number, nameOffset: number, valueOffset: number, valueLength: number, quote: Quote, valueClosed: boolean): Attribute {
    if (!this.share) return newAttribute(name, nameOffset, valueOffset, valueLength, quote, valueClosed);
    const attribute = internAttribute(name, nameHash, nameOffset, valueOffset, valueLength, quote, valueClosed);
    this.attributeIds[index] = attributeId;
    return attribute;
  }

  private startFindings(): Findings {
    this.findings.problems = undefined;
    this.findings.references = undefined;
    return this.findings;
  }

  openElementCount(): number {
    return this.depth;
  }

  hasOpenElementNamed(name: string): boolean {
    for (let i = 1; i <= this.depth; i++) if ((this.frames[i].node as ElementNode).name === name) return true;
    return false;
  }

  /** openNames, brought up to date: each element is counted once while open, so the work is at most the pushes and pops since the last time. */
  private openNamesNow(): Map<string, number> {
    const counts = (this.openNames ??= new Map());
    const counted = (this.countedElements ??= []);
    for (let i = this.countedDepth; i > this.unchangedDepth; i--) countName(counts, counted[i].name, -1);
    for (let i = this.unchangedDepth + 1; i <= this.depth; i++) {
      counted[i] = this.frames[i].node as ElementNode;
      countName(counts, counted[i].name, 1);
    }
    this.countedDepth = this.unchangedDepth = this.depth;
    return counts;
  }

  /** Scans up to the limit. False when the fragment escapes its bounds. */
  run(): boolean {
    const text = this.text;
    const limit = this.limit;
    while (this.pos < limit) {
      const c = text.charCodeAt(this.pos);
      if (c !== Ch.LessThan) {
        // Indentation before a tag (most text between tags) makes no node: step over it here.
        if (isWhitespace(c)) {
          let q = this.pos + 1;
          while (q < limit && isWhitespace(text.charCodeAt(q))) q++;
          if (q >= limit || (text.charCodeAt(q) === Ch.LessThan && startsMarkup(text.charCodeAt(q + 1)))) {
            this.pos = q;
            continue;
          }
        }
        this.scanText();
        continue;
      }
      const next = text.charCodeAt(this.pos + 1);
      if (next === Ch.Slash) {
        if (!this.scanEndTag()) return false;
      } else if (next === Ch.Bang) {
        if (!this.scanMarkupDeclaration()) return false;
      } else if (next === Ch.QuestionMark) {
        this.scanProcessingInstruction();
      } else if (isNameStartChar(next)) {
        this.scanStartTag();
      } else {
        this.scanText();
      }
    }
    return true;
  }

  /** Closes every element still open, as the end of the container would: its end tag (`closer`), or the end of the text. */
  closeOpenElements(closer?: string): void {
    this.popUnclosedTo(0, this.limit, closer);
  }

  private get top(): Frame {
    return this.frames[this.depth];
  }

  /** Where a node starting at `absoluteStart` stands in the innermost open element. */
  private offsetInTop(absoluteStart: number): number {
    return absoluteStart - this.frames[this.depth].start;
  }

  /** Adds a node made with its offset from offsetInTop. */
  private append(node: ChildNode): void {
    const frame = this.frames[this.depth];
    frame.children[frame.count++] = node;
  }

  /** Opens `element` (already appended): its children go to the next frame until it closes. */
  private push(element: ElementNode, start: number, unterminated: Problem | undefined): void {
    const depth = ++this.depth;
    if (depth === this.frames.length) this.frames.push(new Frame());
    this.frames[depth].open(element, start, unterminated);
  }

  /** Closes the innermost open element: its children, copied out at their exact size, become its own. */
  private pop(): Frame {
    const frame = this.frames[this.depth--];
    const element = frame.node as ElementNode;
    element.children = frame.count === 0 ? NO_CHILDREN : exactCopy(frame.children, frame.count);
    element.hasUnclosedChild = frame.hasUnclosedChild;
    return frame;
  }

  // ---- text -------------------------------------------------------------------------------

  private scanText(): void {
    const text = this.text;
    const limit = this.limit;
    const start = this.pos;
    let p = start;
    let whitespaceOnly = true;
    const findings = this.startFindings();
    let invalidReported = false;
    while (p < limit) {
      const c = text.charCodeAt(p);
      if (c <= Ch.LessThan) {
        if (c === Ch.Space || c === Ch.LineFeed || c === Ch.Tab || c === Ch.CarriageReturn) {
          p++;
          continue;
        }
        if (c === Ch.LessThan) {
          const next = text.charCodeAt(p + 1);
          if (p > start && startsMarkup(next)) {
            break;
          }
          (findings.problems ??= []).push({
            code: 'bare-less-than',
            words: said('wellFormed.bare-less-than'),
            start: p - start,
            end: p - start + 1,
            fixes: [escapeFix(start, p, '<')],
          });
          whitespaceOnly = false;
          p++;
          continue;
        }
        whitespaceOnly = false;
        if (c === Ch.Ampersand) {
          p = this.scanReference(p, limit, start, findings);
          continue;
        }
        if (c < Ch.Space && !invalidReported) {
          invalidReported = true;
          reportInvalidCharacter(findings, p - start, c);
        }
        p++;
        continue;
      }
      if (c === Ch.CloseBracket) {
        if (text.charCodeAt(p + 1) === Ch.CloseBracket && text.charCodeAt(p + 2) === Ch.GreaterThan) {
          (findings.problems ??= []).push({
            code: 'cdata-end-in-text',
            words: said('wellFormed.cdata-end-in-text'),
            start: p - start,
            end: p - start + 3,
            fixes: [escapeFix(start, p + 2, '>')],
          });
        }
      } else if (c >= 0xd800) {
        if (c === Ch.ByteOrderMark && p === 0) {
          p++;
          continue;
        }
        if (c <= 0xdbff && p + 1 < limit) {
          const low = text.charCodeAt(p + 1);
          if (low >= 0xdc00 && low <= 0xdfff) {
            whitespaceOnly = false;
            p += 2;
            continue;
          }
        }
        if (((c >= 0xd800 && c <= 0xdfff) || c >= 0xfffe) && !invalidReported) {
          invalidReported = true;
          reportInvalidCharacter(findings, p - start, c);
        }
      }
      whitespaceOnly = false;
      p++;
    }
    this.pos = p;
    // Whitespace between tags is left as a gap between nodes: most text nodes of a domain
    // document are indentation, and a node for each is a sixth of the tree's memory.
    if (whitespaceOnly) return;
    this.append({ kind: 'text', offset: this.offsetInTop(start), length: p - start, problems: findings.problems, entityReferences: findings.references });
  }

  /**
   * Checks the reference starting with `&` at `at` (inside a node starting at `nodeStart`) and
   * returns where scanning continues.
   */
  private scanReference(at: number, limit: number, nodeStart: number, findings: Findings): number {
    const text = this.text;
    let p = at + 1;
    if (text.charCodeAt(p) === Ch.Hash) {
      p++;
      const hex = text.charCodeAt(p) === Ch.LowerX;
      if (hex) p++;
      const digitsStart = p;
      while (p < limit && isDigit(text.charCodeAt(p), hex)) p++;
      if (p > digitsStart && p < limit && text.charCodeAt(p) === Ch.Semicolon) {
        const value = parseInt(text.slice(digitsStart, p), hex ? 16 : 10);
        p++;
        if (!isXmlChar(value)) {
          (findings.problems ??= []).push({
            code: 'invalid-character-reference',
            words: said('wellFormed.invalid-character-reference', { reference: excerpt(text, at, p) }),
            start: at - nodeStart,
            end: p - nodeStart,
          });
        }
        return p;
      }
    } else {
      const nameEnd = scanName(text, p, limit);
      if (nameEnd > p && nameEnd < limit && text.charCodeAt(nameEnd) === Ch.Semicolon) {
        const name = internName(text, p, nameEnd);
        if (!isPredefinedEntity(name)) (findings.references ??= []).push({ name, start: at - nodeStart });
        return nameEnd + 1;
      }
      p = nameEnd;
    }
    (findings.problems ??= []).push({
      code: 'bare-ampersand',
      words: p > at + 1 ? said('wellFormed.bare-ampersand.noSemicolon', { reference: excerpt(text, at, p) }) : said('wellFormed.bare-ampersand'),
      start: at - nodeStart,
      end: Math.max(p, at + 1) - nodeStart,
      fixes: bareAmpersandFixes(text, nodeStart, at, Math.max(p, at + 1)),
    });
    return Math.max(p, at + 1);
  }

  // ---- tags -------------------------------------------------------------------------------

  private scanStartTag(): void {
    const text = this.text;
    const limit = this.limit;
    const start = this.pos;
    const nameEnd = scanHashedName(text, start + 1, limit);
    const name = internHashed(text, start + 1, nameEnd, scannedHash);
    const attributes = this.scratchAttributes;
    let attributeCount = 0;
    const findings = this.startFindings();
    let closed = false;
    let selfClosing = false;
    let valueUnclosed = false;
    /** A value that took the next attribute's opening quote as its closing one (see swallowedValueFix). */
    let swallowed: { fix: ProblemFix; problemsBefore: number } | undefined;
    /** Problems of unquoted values: their fix uses the quotes of the tag's other values. */
    let unquoted: Problem[] | undefined;
    let p = nameEnd;
    while (true) {
      const beforeSpace = p;
      while (p < limit && isWhitespace(text.charCodeAt(p))) p++;
      if (p >= limit) break;
      const c = text.charCodeAt(p);
      if (c === Ch.GreaterThan) {
        p++;
        closed = true;
        break;
      }
      if (c === Ch.Slash && text.charCodeAt(p + 1) === Ch.GreaterThan) {
        p += 2;
        closed = selfClosing = true;
        break;
      }
      if (c === Ch.LessThan) break;
      if (!isNameStartChar(c)) {
        const junkStart = p;
        while (p < limit) {
          const j = text.charCodeAt(p);
          if (isWhitespace(j) || isNameStartChar(j) || j === Ch.GreaterThan || j === Ch.LessThan) break;
          if (j === Ch.Slash && text.charCodeAt(p + 1) === Ch.GreaterThan) break;
          p++;
        }
        (findings.problems ??= []).push({
          code: 'unexpected-character-in-tag',
          words: said('wellFormed.unexpected-character-in-tag', { text: excerpt(text, junkStart, p), element: name }),
          start: junkStart - start,
          end: p - start,
          fixes: [removeJunkFix(text, start, junkStart, p, limit)],
        });
        continue;
      }
      const attributeStart = p;
      p = scanHashedName(text, p, limit);
      const attributeHash = scannedHash;
      const attributeName = internHashed(text, attributeStart, p, attributeHash);
      if (attributeCount === this.attributeIds.length) this.attributeIds = growIds(this.attributeIds);
      if (beforeSpace === attributeStart) {
        (findings.problems ??= []).push({
          code: 'missing-space-before-attribute',
          words: said('wellFormed.missing-space-before-attribute', { attribute: attributeName }),
          start: attributeStart - start,
          end: p - start,
          fixes: [missingSpaceFix(start, attributeStart, attributeName)],
        });
      }
      let q = p;
      while (q < limit && isWhitespace(text.charCodeAt(q))) q++;
      const afterName = q < limit ? text.charCodeAt(q) : -1;
      let valueAt = -1;
      if (afterName === Ch.Equals) {
        q++;
        while (q < limit && isWhitespace(text.charCodeAt(q))) q++;
        const v = q < limit ? text.charCodeAt(q) : -1;
        if (v !== -1 && v !== Ch.GreaterThan && v !== Ch.LessThan && !(v === Ch.Slash && text.charCodeAt(q + 1) === Ch.GreaterThan)) {
          valueAt = q;
        } else {
          p = q;
          (findings.problems ??= []).push({
            code: 'missing-attribute-value',
            words: said('wellFormed.missing-attribute-value.afterEquals', { attribute: attributeName }),
            start: attributeStart - start,
            end: q - start,
          });
        }
      } else if (afterName === Ch.DoubleQuote || afterName === Ch.SingleQuote) {
        valueAt = q;
        (findings.problems ??= []).push({
          code: 'missing-equals',
          words: said('wellFormed.missing-equals', { attribute: attributeName }),
          start: attributeStart - start,
          end: q - start,
          fixes: [missingEqualsFix(start, p, q, attributeName)],
        });
      } else {
        (findings.problems ??= []).push({
          code: 'missing-attribute-value',
          words: said('wellFormed.missing-attribute-value', { attribute: attributeName }),
          start: attributeStart - start,
          end: p - start,
        });
      }
      if (valueAt < 0) {
        attributes[attributeCount] = this.attribute(attributeCount, attributeName, attributeHash, attributeStart - start, -1, 0, Quote.None, false);
        attributeCount++;
        continue;
      }
      const quote = text.charCodeAt(valueAt);
      let valueEnd: number;
      let contentStart = valueAt;
      let contentEnd: number;
      let valueClosed = true;
      /** The first `&` in the value (found while looking for its end), -1 when none. */
      let ampersand = -1;
      if (quote === Ch.DoubleQuote || quote === Ch.SingleQuote) {
        contentStart = valueAt + 1;
        let r = contentStart;
        while (r < limit) {
          const rc = text.charCodeAt(r);
          if (rc <= Ch.LessThan) {
            if (rc === quote || rc === Ch.LessThan) break;
            if (rc === Ch.Ampersand && ampersand < 0) ampersand = r;
          }
          r++;
        }
        if (r < limit && text.charCodeAt(r) === quote) {
          contentEnd = r;
          valueEnd = r + 1;
        } else {
          // Unclosed: the value (and so the tag) runs to the `<` that stopped the search, so
          // no later text decides its shape; the problem marks only its first line.
          const lineEnd = findLineEnd(text, contentStart, r);
          contentEnd = valueEnd = r;
          valueUnclosed = true;
          valueClosed = false;
          (findings.problems ??= []).push({
            code: 'unclosed-attribute-value',
            words: said('wellFormed.unclosed-attribute-value', { attribute: attributeName, quote: quote === Ch.DoubleQuote ? '"' : "'" }),
            start: valueAt - start,
            end: lineEnd - start,
            fixes: [closingQuoteFix(text, start, attributeName, contentStart, r, quote === Ch.DoubleQuote ? Quote.Double : Quote.Single)],
          });
        }
      } else {
        ampersand = valueAt;
        let r = valueAt;
        while (r < limit) {
          const rc = text.charCodeAt(r);
          if (isWhitespace(rc) || rc === Ch.GreaterThan || rc === Ch.LessThan) break;
          if (rc === Ch.Slash && text.charCodeAt(r + 1) === Ch.GreaterThan) break;
          r++;
        }
        contentEnd = valueEnd = r;
        const problem: Problem = {
          code: 'unquoted-attribute-value',
          words: said('wellFormed.unquoted-attribute-value', { attribute: attributeName, value: excerpt(text, valueAt, r) }),
          start: valueAt - start,
          end: r - start,
        };
        (findings.problems ??= []).push(problem);
        (unquoted ??= []).push(problem);
      }
      const quoted = quote === Ch.DoubleQuote ? Quote.Double : quote === Ch.SingleQuote ? Quote.Single : Quote.None;
      attributes[attributeCount] = this.attribute(attributeCount, attributeName, attributeHash, attributeStart - start, valueAt - start, valueEnd - valueAt, quoted, valueClosed);
      attributeCount++;
      if (ampersand >= 0) for (let r = ampersand; r < contentEnd; r++) {
        if (text.charCodeAt(r) === Ch.Ampersand) {
          r = this.scanReference(r, contentEnd, start, findings) - 1;
        }
      }
      // A value followed by a space, `>` or `/` took no other value's quote (see swallowedValueFix).
      if (!swallowed && quoted !== Quote.None && valueClosed && !endsValueCleanly(text.charCodeAt(valueEnd))) {
        const fix = swallowedValueFix(text, start, attributeName, contentStart, contentEnd, quoted);
        if (fix) swallowed = { fix, problemsBefore: findings.problems?.length ?? 0 };
      }
      p = valueEnd;
    }
    let unterminated: Problem | undefined;
    if (!closed) {
      const problem: Problem = {
        code: 'unterminated-start-tag',
        words: said('wellFormed.unterminated-start-tag', { element: name }),
        start: 1,
        end: nameEnd - start,
      };
      (findings.problems ??= []).push(problem);
      // Fixed once the element ends (`>` or `/>`); not while a value runs on, whose quote comes first.
      if (!valueUnclosed) unterminated = problem;
    }
    const exactAttributes =
      attributeCount === 0 ? NO_ATTRIBUTES : this.share ? internAttributes(attributes, this.attributeIds, attributeCount) : exactCopy(attributes, attributeCount);
    if (unquoted) for (const problem of unquoted) problem.fixes = [quoteValueFix(text, start, start + problem.start, start + problem.end, exactAttributes)];
    if (attributeCount > 1) reportDuplicateAttributes(exactAttributes, name, findings, text, start);
    if (swallowed && findings.problems && findings.problems.length > swallowed.problemsBefore) {
      // The problems after it come from misreading the rest of the tag: the quote resolves them all.
      const after = findings.problems.slice(swallowed.problemsBefore);
      for (const problem of after) delete problem.fixes;
      after[0].fixes = [swallowed.fix];
      if (unterminated && after.includes(unterminated)) unterminated = undefined;
    }
    this.pos = p;
    const offset = this.offsetInTop(start);
    const element: ElementNode = !this.compact
      ? {
          kind: 'element',
          offset,
          length: p - start,
          problems: findings.problems,
          entityReferences: findings.references,
          name,
          attributes: exactAttributes,
          startTagLength: p - start,
          startTagClosed: closed,
          selfClosing,
          children: NO_CHILDREN,
          endTagOffset: -1,
          endTagProblems: undefined,
          hasUnclosedChild: false,
        }
      : selfClosing
        ? new SelfClosingElement(offset, p - start, name, exactAttributes, p - start, findings)
        : new OpenedElement(offset, p - start, name, exactAttributes, p - start, closed, findings);
    this.append(element);
    if (!selfClosing) this.push(element, start, unterminated);
  }

  private scanEndTag(): boolean {
    const text = this.text;
    const limit = this.limit;
    const start = this.pos;
    const openName = this.depth > 0 ? (this.frames[this.depth].node as ElementNode).name : '';
    let nameEnd = nameEndIf(text, start + 2, limit, openName);
    let name = openName;
    if (nameEnd < 0) {
      nameEnd = scanHashedName(text, start + 2, limit);
      name = internHashed(text, start + 2, nameEnd, scannedHash);
    }
    let p = nameEnd;
    if (name !== '') while (p < limit && isWhitespace(text.charCodeAt(p))) p++;
    let problem: Problem | undefined;
    if (p < limit && text.charCodeAt(p) === Ch.GreaterThan && name !== '') {
      p++;
    } else {
      let q = p;
      while (q < limit && text.charCodeAt(q) !== Ch.GreaterThan && text.charCodeAt(q) !== Ch.LessThan) q++;
      const closed = q < limit && text.charCodeAt(q) === Ch.GreaterThan;
      if (name === '') {
        problem = { code: 'missing-end-tag-name', words: said('wellFormed.missing-end-tag-name'), start: 0, end: 2 };
      } else if (closed) {
        problem = {
          code: 'unexpected-character-in-tag',
          words: said('wellFormed.unexpected-character-in-tag.endTag', { text: excerpt(text, p, q).trim() }),
          start: p - start,
          end: q - start,
          fixes: [removeEndTagJunkFix(text, start, nameEnd, p, q)],
        };
      } else {
        problem = { code: 'unterminated-end-tag', words: said('wellFormed.unterminated-end-tag', { element: name }), start: 0, end: nameEnd - start };
        // Only spaces after the name: the `>` is all that is missing.
        if (q === p) problem.fixes = [addEndFix(start, nameEnd, '>', true)];
      }
      // The tag runs as far as the search for its `>` went: no later edit can change its shape
      // without touching it.
      p = closed ? q + 1 : q;
    }
    this.pos = p;
    // The innermost element, or one further out that this closes (the search ends there, and closes all it passed).
    const opens = name === openName || this.openNamesNow().has(name);
    for (let i = opens ? this.depth : 0; i >= 1; i--) {
      const frame = this.frames[i];
      if ((frame.node as ElementNode).name !== name) {
        recovery.searched++;
        continue;
      }
      if (this.depth > i) this.popUnclosedTo(i, start, name);
      this.pop();
      if (this.depth < this.unchangedDepth) this.unchangedDepth = this.depth;
      const element = frame.node as ElementNode;
      element.endTagOffset = start - frame.start;
      element.length = p - frame.start;
      if (problem) element.endTagProblems = [problem];
      if (frame.unterminated) frame.unterminated.fixes = [startTagEndFix(text, frame.start, element, '>', true)];
      return true;
    }
    if (name !== '' && (this.enclosingNameSet ??= new Set(this.enclosingNames)).has(name)) return false;
    const open = this.top.node;
    const problems: Problem[] = problem ? [problem] : [];
    if (name !== '') {
      problems.push({
        code: 'mismatched-end-tag',
        words:
          open.kind === 'element'
            ? said('wellFormed.mismatched-end-tag', { name, open: open.name })
            : said('wellFormed.mismatched-end-tag.noneOpen', { name }),
        start: 2,
        end: nameEnd - start,
      });
    }
    this.append({ kind: 'strayEndTag', offset: this.offsetInTop(start), length: p - start, problems, entityReferences: undefined, name });
    return true;
  }

  /**
   * Closes the open elements deeper than `depth`, innermost first, none of which has an end tag,
   * at `at`: the end tag of an ancestor (`closer`, its name) or the end of the text. Children
   * indented no deeper than an element's own line go back to its parent: they were meant as
   * siblings. What the elements give back passes up the chain in one list (givenBack, with
   * absolute offsets) until an element keeps it or the chain ends, so a node moves once however
   * many unclosed elements it leaves: moving it at each level made 20,000 unclosed `<a>` lines
   * take 8 s, and twice as many 100 s.
   */
  private popUnclosedTo(depth: number, at: number, closer: string | undefined): void {
    recovery.closed += this.depth - depth;
    const givenBack = this.givenBack;
    while (this.depth > depth) {
      const frame = this.frames[this.depth];
      const element = frame.node as ElementNode;
      const parent = this.frames[this.depth - 1];
      parent.hasUnclosedChild = true;
      // The element is its parent's last child until recovery gives back its own.
      const before = parent.count >= 2 ? parent.children[parent.count - 2] : undefined;
      const indent = this.columnIfFirstOnLine(frame.start);
      const cut = indent < 0 ? -1 : this.recoveryCut(frame, indent);
      if (cut >= 0) {
        // Its own children from the cut on go, and all the elements inside it gave back.
        recovery.steps += frame.count - cut;
        for (let k = frame.count - 1; k >= cut; k--) {
          const child = frame.children[k];
          child.offset += frame.start;
          givenBack.push(child);
        }
        frame.count = cut;
      } else {
        // It keeps what the elements inside it gave back, up to the first node that starts a line no deeper than it.
        while (givenBack.length > 0) {
          const next = givenBack[givenBack.length - 1];
          recovery.steps++;
          if (indent >= 0 && next.kind !== 'text') {
            const column = this.columnIfFirstOnLine(next.offset);
            if (column >= 0 && column <= indent) break;
          }
          givenBack.pop();
          next.offset -= frame.start;
          frame.children[frame.count++] = next;
        }
      }
      let closedBy: ChildNode | string | undefined = closer;
      if (givenBack.length > 0) {
        const first = givenBack[givenBack.length - 1];
        closedBy = first;
        element.length = first.offset - frame.start;
        frame.hasUnclosedChild = false;
        for (let k = 0; k < frame.count; k++) {
          const child = frame.children[k];
          if (child.kind === 'element' && !isClosed(child)) frame.hasUnclosedChild = true;
        }
      } else {
        element.length = at - frame.start;
      }
      this.pop();
      if (element.startTagClosed) {
        const atRootEnd = closedBy === undefined && parent.node.kind === 'document';
        (element.problems ??= []).push({
          code: 'unclosed-element',
          words: said('wellFormed.unclosed-element', { element: element.name }),
          start: 1,
          end: 1 + element.name.length,
          fixes: closeFixes({
            text: this.text,
            start: frame.start,
            element,
            closedBy,
            atRootEnd,
            previousSiblingAt: before && before.kind !== 'text' ? parent.start + before.offset : -1,
            column: (offset) => this.columnIfFirstOnLine(offset),
          }),
        });
      } else if (frame.unterminated) {
        // Nothing inside and something after it: the tag was meant to end with `/>`.
        const empty = element.children.length === 0 && closedBy !== undefined;
        frame.unterminated.fixes = [startTagEndFix(this.text, frame.start, element, empty ? '/>' : '>', empty)];
      }
    }
    if (depth < this.unchangedDepth) this.unchangedDepth = depth;
    // What is still given back belongs to the element the chain stopped at.
    const top = this.frames[this.depth];
    recovery.steps += givenBack.length;
    while (givenBack.length > 0) {
      const node = givenBack.pop() as ChildNode;
      node.offset -= top.start;
      top.children[top.count++] = node;
    }
  }

  /**
   * Where an unclosed element's own children stop being its own: at the first one that starts a
   * line no deeper than the element's own start tag (at `indent`). Only the whitespace right
   * before each start tag counts, so an edit elsewhere on the line cannot change the decision.
   * An element that does not start its line keeps all its children.
   */
  private recoveryCut(frame: Frame, indent: number): number {
    const children = frame.children;
    for (let k = 0; k < frame.count; k++) {
      const child = children[k];
      recovery.steps++;
      if (child.kind === 'text') continue;
      const column = this.columnIfFirstOnLine(frame.start + child.offset);
      if (column >= 0 && column <= indent) return k;
    }
    return -1;
  }

  /** Column of the character at `at` when only spaces and tabs precede it on its line; else -1. */
  private columnIfFirstOnLine(at: number): number {
    const text = this.text;
    let p = at;
    while (p > 0) {
      const c = text.charCodeAt(p - 1);
      if (c === Ch.Space || c === Ch.Tab) p--;
      else if (c === Ch.LineFeed || c === Ch.CarriageReturn) return at - p;
      else return -1;
    }
    return this.startsLine ? at : -1;
  }

  // ---- comments, CDATA, DOCTYPE, processing instructions ----------------------------------

  /** `<!` followed by a comment, CDATA, DOCTYPE or something unknown. */
  private scanMarkupDeclaration(): boolean {
    const text = this.text;
    const start = this.pos;
    if (text.startsWith('<!--', start)) return this.scanDelimited('comment', start, 4, '-->');
    if (text.startsWith('<![CDATA[', start)) return this.scanDelimited('cdata', start, 9, ']]>');
    if (text.startsWith('<!DOCTYPE', start)) return this.scanDoctype(start);
    // Unknown declaration: up to `>` or the next tag.
    let p = start + 2;
    while (p < this.limit && text.charCodeAt(p) !== Ch.GreaterThan && text.charCodeAt(p) !== Ch.LessThan) p++;
    if (p < this.limit && text.charCodeAt(p) === Ch.GreaterThan) p++;
    this.pos = p;
    this.append({
        kind: 'comment',
        offset: this.offsetInTop(start),
        length: p - start,
        closed: false,
        entityReferences: undefined,
        problems: [
          {
            code: 'unknown-declaration',
            words: said('wellFormed.unknown-declaration'),
            start: 0,
            end: Math.min(p - start, 2 + 8),
          },
        ],
      });
    return true;
  }

  /** A comment or CDATA section; may only run to the end of the text, never past a fragment. */
  private scanDelimited(kind: 'comment' | 'cdata', start: number, openLength: number, terminator: string): boolean {
    const text = this.text;
    const found = text.indexOf(terminator, start + openLength);
    const closed = found >= 0 && found + terminator.length <= this.limit;
    if (!closed && this.limit < text.length) return false;
    const end = closed ? found + terminator.length : this.limit;
    let problems: Problem[] | undefined;
    if (!closed) {
      const problem: Problem = {
        code: kind === 'comment' ? 'unclosed-comment' : 'unclosed-cdata',
        words: said(kind === 'comment' ? 'wellFormed.unclosed-comment' : 'wellFormed.unclosed-cdata'),
        start: 0,
        end: openLength,
      };
      const fix = kind === 'comment' ? unclosedCommentFix(text, start, end) : undefined;
      if (fix) problem.fixes = [fix];
      problems = [problem];
    } else if (kind === 'comment') {
      const doubleHyphen = text.indexOf('--', start + openLength);
      if (doubleHyphen >= 0 && doubleHyphen < found) {
        problems = [
          {
            code: 'double-hyphen-in-comment',
            words: said('wellFormed.double-hyphen-in-comment'),
            start: doubleHyphen - start,
            end: doubleHyphen - start + 2,
            fixes: [doubleHyphenFix(start, doubleHyphen)],
          },
        ];
      }
    }
    this.pos = end;
    this.append({ kind, offset: this.offsetInTop(start), length: end - start, closed, problems, entityReferences: undefined });
    return true;
  }

  private scanProcessingInstruction(): void {
    const text = this.text;
    const limit = this.limit;
    const start = this.pos;
    const targetEnd = scanName(text, start + 2, limit);
    const target = internName(text, start + 2, targetEnd);
    let p = targetEnd;
    let closed = false;
    // A processing instruction may hold `<` in XML, but none in a domain document does; stopping
    // there keeps a half-typed `<?xml` from swallowing the document.
    while (p < limit) {
      const c = text.charCodeAt(p);
      if (c === Ch.QuestionMark && text.charCodeAt(p + 1) === Ch.GreaterThan) {
        p += 2;
        closed = true;
        break;
      }
      if (c === Ch.LessThan) break;
      p++;
    }
    let problems: Problem[] | undefined;
    if (!closed) {
      problems = [
        {
          code: 'unclosed-processing-instruction',
          words: said('wellFormed.unclosed-processing-instruction'),
          start: 0,
          end: targetEnd - start,
          fixes: [unclosedProcessingInstructionFix(text, start, p)],
        },
      ];
    } else if (target === '') {
      problems = [{ code: 'missing-pi-target', words: said('wellFormed.missing-pi-target'), start: 0, end: 2 }];
    } else if (target.toLowerCase() === 'xml' && start + this.base !== 0 && !(start + this.base === 1 && text.charCodeAt(-this.base) === Ch.ByteOrderMark)) {
      problems = [{ code: 'misplaced-xml-declaration', words: said('wellFormed.misplaced-xml-declaration'), start: 0, end: targetEnd - start }];
    }
    this.pos = p;
    this.append({ kind: 'processingInstruction', offset: this.offsetInTop(start), length: p - start, target, closed, problems, entityReferences: undefined });
  }

  private scanDoctype(start: number): boolean {
    const text = this.text;
    const limit = this.limit;
    let p = start + 9;
    while (p < limit && isWhitespace(text.charCodeAt(p))) p++;
    const nameEnd = scanName(text, p, limit);
    const rootName = internName(text, p, nameEnd);
    p = nameEnd;
    const declaredEntities: string[] = [];
    let closed = false;
    let inSubset = false;
    while (p < limit) {
      const c = text.charCodeAt(p);
      if (c === Ch.DoubleQuote || c === Ch.SingleQuote) {
        const close = text.indexOf(String.fromCharCode(c), p + 1);
        if (close < 0 || close >= limit) {
          p = limit;
          break;
        }
        p = close + 1;
        continue;
      }
      if (inSubset) {
        if (c === Ch.CloseBracket) inSubset = false;
        else if (text.startsWith('<!--', p)) {
          const close = text.indexOf('-->', p + 4);
          if (close < 0 || close + 3 > limit) {
            p = limit;
            break;
          }
          p = close + 3;
          continue;
        } else if (text.startsWith('<!ENTITY', p)) {
          let q = p + 8;
          while (q < limit && isWhitespace(text.charCodeAt(q))) q++;
          if (text.charCodeAt(q) !== Ch.Percent) {
            const entityEnd = scanName(text, q, limit);
            if (entityEnd > q) declaredEntities.push(internName(text, q, entityEnd));
            q = entityEnd;
          }
          p = q;
          continue;
        }
      } else if (c === Ch.OpenBracket) {
        inSubset = true;
      } else if (c === Ch.GreaterThan) {
        p++;
        closed = true;
        break;
      }
      p++;
    }
    if (!closed && limit < text.length) return false;
    this.pos = p;
    const doctype: DoctypeNode = {
      kind: 'doctype',
      offset: this.offsetInTop(start),
      length: p - start,
      rootName,
      declaredEntities,
      closed,
      entityReferences: undefined,
      problems: closed ? undefined : [{ code: 'unclosed-doctype', words: said('wellFormed.unclosed-doctype'), start: 0, end: 9 }],
    };
    this.append(doctype);
    return true;
  }
}

/**
 * What recovery did, over every parse: the elements it closed, the children it looked at or
 * moved doing so, and the open elements end tags passed over looking for the one they close
 * (tests hold these linear in the size of the document).
 */
export const recovery = { closed: 0, steps: 0, searched: 0 };

/** Adds `change` to the count of open elements named `name`; a name none is open with is not kept. */
function countName(counts: Map<string, number>, name: string, change: number): void {
  const count = (counts.get(name) ?? 0) + change;
  if (count > 0) counts.set(name, count);
  else counts.delete(name);
}

/**
 * A builder kept alive between parses, so the maps (hidden classes) of TreeBuilder and Frame are
 * too. A class's map lives only while some object has it, and the parser's optimized code holds
 * maps weakly: once no builder was alive, a full garbage collection between two parses dropped
 * the maps and with them all that code ("weak objects"), and the next parse of 1 MB ran
 * unoptimized, 13 times slower.
 */
export const KEEPS_MAPS_ALIVE: unknown = new TreeBuilder('', 0, 0, NO_PARENT, 0, [], []);

function growIds(ids: Int32Array): Int32Array {
  const grown = new Int32Array(ids.length * 2);
  grown.set(ids);
  return grown;
}

/** After `<`: what makes it a tag, a comment or a processing instruction, where text ends (see scanText). */
function startsMarkup(next: number): boolean {
  return next === Ch.Slash || next === Ch.Bang || next === Ch.QuestionMark || isNameStartChar(next);
}

/** After a closing quote: what leaves no doubt that the value ended there (see swallowedValueFix). */
function endsValueCleanly(after: number): boolean {
  return Number.isNaN(after) || isWhitespace(after) || after === Ch.GreaterThan || after === Ch.Slash || after === Ch.LessThan;
}

function isDigit(c: number, hex: boolean): boolean {
  return (c >= 48 && c <= 57) || (hex && ((c >= 97 && c <= 102) || (c >= 65 && c <= 70)));
}

function findLineEnd(text: string, from: number, to: number): number {
  for (let p = from; p < to; p++) {
    const c = text.charCodeAt(p);
    if (c === Ch.LineFeed || c === Ch.CarriageReturn) return p;
  }
  return to;
}

function reportInvalidCharacter(findings: Findings, at: number, c: number): void {
  (findings.problems ??= []).push({
    code: 'invalid-character',
    words: said('wellFormed.invalid-character', { character: `U+${c.toString(16).toUpperCase().padStart(4, '0')}` }),
    start: at,
    end: at + 1,
  });
}

function reportDuplicateAttributes(attributes: Attribute[], element: string, findings: Findings, text: string, start: number): void {
  for (let i = 1; i < attributes.length; i++) {
    const name = attributes[i].name;
    let k = 0;
    while (attributes[k].name !== name) k++;
    if (k === i) continue;
    const first = attributes[k];
    (findings.problems ??= []).push({
      code: 'duplicate-attribute',
      words: said('wellFormed.duplicate-attribute', { attribute: name, element }),
      start: attributes[i].nameOffset,
      end: attributes[i].nameOffset + name.length,
      fixes: duplicateAttributeFixes(text, start, first, attributes[i]),
    });
  }
}
