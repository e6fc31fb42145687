/**
 * The fixes the parser attaches to the problems it notes, computed where the problem is found
 * from what the scan has at hand. Each is one edit, relative to the start of the node that holds
 * the problem, and reads only text inside that node or, for an element left open, inside its
 * parent's content (whose every edit re-parses the parent, see incremental.ts): so a fix is
 * exactly what a fresh parse would give, and moves with its node. Titles are made here only.
 */
import { Ch, isLineBreak, isNameChar, isNameStartChar, isPredefinedEntity, isWhitespace, lineBreakAt, scanName } from './chars';
import { Attribute, ChildNode, ElementNode, ProblemFix, Quote, StrayEndTagNode } from './nodes';
import { ProblemWords, said } from './problemWords';

/** What each fix says, as catalogue words (see problemWords.ts). */
const TITLES = {
  close: (element: string) => said('wellFormed.fix.close', { element }),
  changeEndTag: (element: string) => said('wellFormed.fix.changeEndTag', { element }),
  renameEndTag: (from: string, to: string) => said('wellFormed.fix.renameEndTag', { from, to }),
  closeValue: (attribute: string, quote: string) => said('wellFormed.fix.closeValue', { attribute, quote }),
  addEquals: (attribute: string) => said('wellFormed.fix.addEquals', { attribute }),
  quoteValue: (value: string) => said('wellFormed.fix.quoteValue', { value }),
  addSpace: (attribute: string) => said('wellFormed.fix.addSpace', { attribute }),
  escape: (character: string, reference: string) => said('wellFormed.fix.escape', { character, reference }),
  addSemicolon: (reference: string) => said('wellFormed.fix.addSemicolon', { reference }),
  removeRepeated: (attribute: string) => said('wellFormed.fix.removeRepeated', { attribute }),
  keep: (attribute: string) => said('wellFormed.fix.keep', { attribute }),
  remove: (text: string) => said('wellFormed.fix.remove', { text }),
  endStartTag: (ending: string) => said('wellFormed.fix.endStartTag', { ending }),
  addEnd: (ending: string) => said('wellFormed.fix.addEnd', { ending }),
  splitDoubleHyphen: said('wellFormed.fix.splitDoubleHyphen'),
};

/**
 * A piece of the text quoted in a message or title, as a standalone string (a slice would keep
 * the whole text of that version alive as long as the problem exists), shortened if long.
 */
export function excerpt(text: string, start: number, end: number): string {
  const quoted = end - start > 40 ? `${text.slice(start, start + 37)}…` : text.slice(start, end);
  return standalone(quoted);
}

function standalone(text: string): string {
  // V8 copies slices shorter than 13 characters anyway.
  return text.length < 13 ? text : (' ' + text).slice(1);
}

/** An edit of absolute offsets made relative to `base` (the start of the node holding the problem). */
function edit(titleWords: ProblemWords, base: number, from: number, to: number, newText: string, safe: boolean): ProblemFix {
  return { titleWords, start: from - base, end: to - base, newText: standalone(newText), safe };
}

/** Where the whitespace before `end` begins, looking back no further than `floor`. */
function trimmedEnd(text: string, floor: number, end: number): number {
  let p = end;
  while (p > floor && isWhitespace(text.charCodeAt(p - 1))) p--;
  return p;
}

// ---- text and references ---------------------------------------------------------------------

/** `<`, `>` (of `]]>`) or `&` written as its reference. */
export function escapeFix(base: number, at: number, character: '<' | '>' | '&'): ProblemFix {
  const reference = character === '<' ? '&lt;' : character === '>' ? '&gt;' : '&amp;';
  return edit(TITLES.escape(character, reference), base, at, at + 1, reference, true);
}

/**
 * A `&` that starts no complete reference (`text[at, end)` is what follows it up to where the
 * reference would need its `;`). When that is a predefined entity or a character number, the `;`
 * was likely forgotten: adding it comes first, escaping second, and neither is certain.
 */
export function bareAmpersandFixes(text: string, base: number, at: number, end: number): ProblemFix[] {
  const escape = escapeFix(base, at, '&');
  if (end === at + 1) return [escape];
  const body = text.slice(at + 1, end);
  const numeric = body.length > 1 && body.charCodeAt(0) === Ch.Hash && body !== '#x';
  if (!numeric && !isPredefinedEntity(body)) return [escape];
  return [{ ...edit(TITLES.addSemicolon(excerpt(text, at, end)), base, end, end, ';', false), preferred: true }, { ...escape, safe: false }];
}

// ---- start tags ------------------------------------------------------------------------------

export function missingSpaceFix(base: number, attributeStart: number, name: string): ProblemFix {
  return edit(TITLES.addSpace(name), base, attributeStart, attributeStart, ' ', true);
}

/** `name 'value'`: the `=` replaces what separates them. */
export function missingEqualsFix(base: number, nameEnd: number, quoteAt: number, name: string): ProblemFix {
  return edit(TITLES.addEquals(name), base, nameEnd, quoteAt, '=', true);
}

/** Junk in a start tag: removed with the spaces after it when spaces also precede it. */
export function removeJunkFix(text: string, base: number, from: number, to: number, limit: number): ProblemFix {
  let end = to;
  if (isWhitespace(text.charCodeAt(from - 1))) while (end < limit && (text.charCodeAt(end) === Ch.Space || text.charCodeAt(end) === Ch.Tab)) end++;
  return edit(TITLES.remove(excerpt(text, from, to)), base, from, end, '', false);
}

/**
 * The closing quote of a value that runs on to the next tag goes where the value evidently ends:
 * before `>` or `/>`, or before the space that precedes the next `name=` (safe); failing those, at
 * the end of its first line (a guess).
 */
export function closingQuoteFix(text: string, base: number, name: string, contentStart: number, runsTo: number, quote: Quote): ProblemFix {
  let at = -1;
  let lineEnd = -1;
  for (let p = contentStart; p < runsTo; ) {
    const c = text.charCodeAt(p);
    if (c === Ch.GreaterThan) {
      at = p > contentStart && text.charCodeAt(p - 1) === Ch.Slash ? p - 1 : p;
      break;
    }
    if (!isWhitespace(c)) {
      p++;
      continue;
    }
    let next = p;
    for (; next < runsTo && isWhitespace(text.charCodeAt(next)); next++) if (lineEnd < 0 && isLineBreak(text.charCodeAt(next))) lineEnd = next;
    const nameEnd = scanName(text, next, runsTo);
    let equals = nameEnd;
    while (equals < runsTo && isWhitespace(text.charCodeAt(equals))) equals++;
    if (nameEnd > next && equals < runsTo && text.charCodeAt(equals) === Ch.Equals) {
      at = p;
      break;
    }
    p = next;
  }
  const safe = at >= 0;
  if (!safe) at = trimmedEnd(text, contentStart, lineEnd >= 0 ? lineEnd : runsTo);
  return closeValueFix(base, name, at, quote, safe);
}

function closeValueFix(base: number, name: string, at: number, quote: Quote, safe: boolean): ProblemFix {
  const mark = quote === Quote.Double ? '"' : "'";
  return edit(TITLES.closeValue(name, mark), base, at, at, mark, safe);
}

/**
 * A quoted value that ends in ` name=` and has more than a space, `>` or `/>` right after its
 * closing quote (`type='file device='disk'`): that quote opened the next value, and this one's
 * closing quote is missing before the space. The fix for the first problem that follows in the
 * tag, whose others come from the same misreading; undefined when the value is not one of those.
 */
export function swallowedValueFix(text: string, base: number, name: string, contentStart: number, closingQuote: number, quote: Quote): ProblemFix | undefined {
  const after = text.charCodeAt(closingQuote + 1);
  if (Number.isNaN(after) || isWhitespace(after) || after === Ch.GreaterThan || after === Ch.Slash || after === Ch.LessThan) return undefined;
  let p = trimmedEnd(text, contentStart, closingQuote);
  if (p === contentStart || text.charCodeAt(p - 1) !== Ch.Equals) return undefined;
  p = trimmedEnd(text, contentStart, p - 1);
  const nameEnd = p;
  while (p > contentStart && isNameChar(text.charCodeAt(p - 1))) p--;
  if (p === nameEnd || p === contentStart || !isNameStartChar(text.charCodeAt(p)) || !isWhitespace(text.charCodeAt(p - 1))) return undefined;
  return closeValueFix(base, name, trimmedEnd(text, contentStart, p), quote, true);
}

/** An unquoted value put in the quotes the tag's other values use (`'` when none has any), or the other ones if it holds those. */
export function quoteValueFix(text: string, base: number, from: number, to: number, attributes: readonly Attribute[]): ProblemFix {
  const quoted = attributes.find((attribute) => attribute.quote !== Quote.None);
  const value = text.slice(from, to);
  let mark = quoted?.quote === Quote.Double ? '"' : "'";
  if (value.includes(mark)) mark = mark === '"' ? "'" : '"';
  return edit(TITLES.quoteValue(excerpt(text, from, to)), base, from, to, mark + value + mark, true);
}

/**
 * `attributes[repeated]` repeats `attributes[first]`: with the same value, removing the repeat
 * (and the space before it) is safe; with another, keeping either is a choice.
 */
export function duplicateAttributeFixes(text: string, start: number, first: Attribute, repeated: Attribute): ProblemFix[] | undefined {
  if (first.valueOffset < 0 || repeated.valueOffset < 0 || !first.valueClosed || !repeated.valueClosed) return undefined;
  const removal = (attribute: Attribute) => {
    const nameAt = start + attribute.nameOffset;
    return { from: trimmedEnd(text, start + 1, nameAt), to: start + attribute.valueOffset + attribute.valueLength };
  };
  const written = (attribute: Attribute) => excerpt(text, start + attribute.nameOffset, start + attribute.valueOffset + attribute.valueLength);
  const second = removal(repeated);
  if (valueText(text, start, first) === valueText(text, start, repeated)) {
    return [edit(TITLES.removeRepeated(written(repeated)), start, second.from, second.to, '', true)];
  }
  const firstSpan = removal(first);
  return [
    edit(TITLES.keep(written(first)), start, second.from, second.to, '', false),
    edit(TITLES.keep(written(repeated)), start, firstSpan.from, firstSpan.to, '', false),
  ];
}

function valueText(text: string, start: number, attribute: Attribute): string {
  const quoted = attribute.quote !== Quote.None ? 1 : 0;
  const closed = quoted && attribute.valueClosed ? 1 : 0;
  return text.slice(start + attribute.valueOffset + quoted, start + attribute.valueOffset + attribute.valueLength - closed);
}

/**
 * A start tag without `>`: the element it opens is empty and a sibling or its parent's end tag
 * follows, so `/>` (safe); its end tag came, so `>` (safe); otherwise `>`, a guess.
 */
export function startTagEndFix(text: string, start: number, element: ElementNode, ending: '>' | '/>', safe: boolean): ProblemFix {
  const at = trimmedEnd(text, start + 1, start + element.startTagLength);
  const newText = ending === '/>' && text.charCodeAt(at - 1) === Ch.Slash ? '>' : ending;
  return edit(TITLES.endStartTag(ending), start, at, at, newText, safe);
}

// ---- end tags, comments, processing instructions -----------------------------------------------

/** What follows an end tag's name up to its `>` (`junkFrom` to `junkTo`), removed with the space before it. */
export function removeEndTagJunkFix(text: string, start: number, nameEnd: number, junkFrom: number, junkTo: number): ProblemFix {
  return edit(TITLES.remove(excerpt(text, junkFrom, junkTo).trim()), start, nameEnd, junkTo, '', true);
}

/** `>` (or `-->`, `?>`) added at `at`. */
export function addEndFix(base: number, at: number, ending: string, safe: boolean): ProblemFix {
  return edit(TITLES.addEnd(ending), base, at, at, ending, safe);
}

export function doubleHyphenFix(base: number, at: number): ProblemFix {
  return edit(TITLES.splitDoubleHyphen, base, at, at + 2, '- -', true);
}

/**
 * A comment that runs to the end of the text: when it holds no markup, it ends there (safe);
 * otherwise it swallowed the document, and likely ends with its first line, if that holds text.
 */
export function unclosedCommentFix(text: string, start: number, end: number): ProblemFix | undefined {
  const bodyStart = start + 4;
  const markup = text.indexOf('<', bodyStart);
  const swallowed = markup >= 0 && markup < end;
  let at = end;
  if (swallowed) {
    let lineEnd = bodyStart;
    while (lineEnd < markup && !isLineBreak(text.charCodeAt(lineEnd))) lineEnd++;
    at = lineEnd;
  }
  at = trimmedEnd(text, bodyStart, at);
  if (at === bodyStart) return undefined;
  const space = text.charCodeAt(at - 1) === Ch.Space ? '' : ' ';
  return edit(TITLES.addEnd('-->'), start, at, at, `${space}-->`, !swallowed);
}

/** `?>` after what the processing instruction holds (it stopped at a `<` or the end). */
export function unclosedProcessingInstructionFix(text: string, start: number, end: number): ProblemFix {
  const at = trimmedEnd(text, start + 2, end);
  return edit(TITLES.addEnd('?>'), start, at, at, '?>', true);
}

// ---- elements left open ------------------------------------------------------------------------

/** Gaps longer than this between an open element's content and what closes it are not measured. */
const MAX_GAP = 256;

/** What the parser knows where it closes an element that has no end tag. */
export interface Closing {
  text: string;
  /** Absolute start of the element; its `length` runs to where recovery closed it. */
  start: number;
  element: ElementNode;
  /** What follows where it closes: a child given back to the parent, the end tag of an ancestor (its name), or the end of the text. */
  closedBy: ChildNode | string | undefined;
  /** The element is the root and the text ends. */
  atRootEnd: boolean;
  /** Where the sibling before it starts, unless that is text or there is none (-1). */
  previousSiblingAt: number;
  /** Column of `at` when only spaces and tabs precede it on its line, else -1 (recovery's measure). */
  column(at: number): number;
}

/**
 * How to close an element left open. An end tag that closes nothing is the element's own,
 * mistyped, where it stands at the element's indentation where the element ends, ends its
 * content, or follows it on the start tag's line: then both problems get the same rename, so
 * the two never compete. Otherwise the end tag goes where the indentation says.
 */
export function closeFixes(closing: Closing): ProblemFix[] {
  const { element, start } = closing;
  const end = start + element.length;
  const indent = closing.column(start);
  const last = element.children[element.children.length - 1];
  const { closedBy } = closing;
  if (typeof closedBy === 'object' && closedBy.kind === 'strayEndTag' && indent >= 0 && closing.column(end) === indent) {
    const renamed = claimStrayEndTag(closing.text, closedBy, end, element.name);
    if (renamed) return [renamed(start)];
  }
  for (const stray of [last, strayOnStartLine(closing)]) {
    if (stray?.kind !== 'strayEndTag') continue;
    const renamed = claimStrayEndTag(closing.text, stray, start + stray.offset, element.name);
    if (renamed) return [renamed(start)];
  }
  const inserted = insertedEndTag(closing, indent, end);
  const renamed = renameAncestorEndTagFix(closing, indent, end);
  return renamed ? [...inserted, renamed] : inserted;
}

/** The first child, or the one after text, when it is on the start tag's line (`<name>x</nmae>`). */
function strayOnStartLine({ text, start, element }: Closing): ChildNode | undefined {
  const [first, second] = element.children;
  const candidate = first?.kind === 'text' ? second : first;
  if (!candidate) return undefined;
  for (let p = start + element.startTagLength; p < start + candidate.offset; p++) if (isLineBreak(text.charCodeAt(p))) return undefined;
  return candidate;
}

/**
 * Makes the stray end tag at `at` the end tag of `name`, when it can be (it names something
 * else, or nothing: `</>`, `</` alone): sets that fix on its problem and returns it relative
 * to a given base.
 */
function claimStrayEndTag(text: string, stray: StrayEndTagNode, at: number, name: string): ((base: number) => ProblemFix) | undefined {
  const problem = stray.problems?.find((p) => (p.code === 'mismatched-end-tag' || p.code === 'missing-end-tag-name') && !p.fixes);
  if (!problem) return undefined;
  let fix: ProblemFix;
  if (stray.name !== '') fix = edit(TITLES.changeEndTag(name), at, at + 2, at + 2 + stray.name.length, name, true);
  else if (text.charCodeAt(at + 2) === Ch.GreaterThan) fix = edit(TITLES.changeEndTag(name), at, at + 2, at + 2, name, true);
  else if (trimmedEnd(text, at + 2, at + stray.length) === at + 2) fix = edit(TITLES.changeEndTag(name), at, at + 2, at + 2, `${name}>`, true);
  else return undefined;
  problem.fixes = [fix];
  return (base) => ({ ...fix, start: fix.start + at - base, end: fix.end + at - base });
}

/**
 * `</name>` where the indentation says the element ends: right after content that stays on the
 * start tag's line (`<name>x</name>`); otherwise on a line of its own, indented like the start
 * tag, after the last line of content (taking over a line that holds just that indentation, as
 * a deleted end tag leaves). Safe only when the start tag begins its line, as deep as the
 * sibling before it (if that begins one), the content is all on that line or all indented deeper
 * on the lines below, and what follows begins a line at the start tag's indentation or left of it
 * (the parent's end tag strictly left, a sibling after an empty element too), or the text ends
 * after the root.
 */
function insertedEndTag(closing: Closing, indent: number, end: number): ProblemFix[] {
  const { text, start, element } = closing;
  const name = element.name;
  const endTag = `</${name}>`;
  const contentStart = start + element.startTagLength;
  const contentEnd = trimmedEnd(text, Math.max(contentStart, end - MAX_GAP), end);
  const insert = (at: number, newText: string, safe: boolean) => [edit(TITLES.close(name), start, at, at, newText, safe)];
  if (contentEnd > contentStart && isWhitespace(text.charCodeAt(contentEnd - 1))) return insert(end, endTag, false);
  if (indent < 0) return insert(contentEnd, endTag, false);
  const empty = contentEnd === contentStart;
  const previousColumn = closing.previousSiblingAt >= 0 ? closing.column(closing.previousSiblingAt) : -1;
  const closedLeft = closesLeftOf(closing, indent, end, empty) && (previousColumn < 0 || previousColumn === indent);
  // The first line break after the start tag, and whether content comes before it.
  let firstBreak = contentStart;
  while (firstBreak < end && !isLineBreak(text.charCodeAt(firstBreak))) firstBreak++;
  if (!empty && firstBreak >= contentEnd) return insert(contentEnd, endTag, closedLeft);
  const sameNested = nestedSameNameFix(closing, indent);
  if (sameNested) return [sameNested];
  const indentText = text.slice(start - indent, start);
  const lineBreak = lineBreakAt(text, firstBreak);
  let gapBreak = Math.max(contentEnd, firstBreak);
  while (gapBreak < end && !isLineBreak(text.charCodeAt(gapBreak))) gapBreak++;
  const consistent = empty || (trimmedEnd(text, contentStart, firstBreak) === contentStart && contentIndentedConsistently(closing, indent));
  if (gapBreak < end) {
    const lineStart = gapBreak + lineBreakAt(text, gapBreak).length;
    let lineEnd = lineStart;
    while (lineEnd < end && (text.charCodeAt(lineEnd) === Ch.Space || text.charCodeAt(lineEnd) === Ch.Tab)) lineEnd++;
    // A line of spaces (or an empty one, where the start tag has no indentation) is what deleting an end tag leaves.
    const leftByEndTag = lineEnd < end && isLineBreak(text.charCodeAt(lineEnd)) && (lineEnd > lineStart || indent === 0);
    if (leftByEndTag) return insert(lineEnd, endTag, closedLeft && consistent);
    return insert(lineStart, indentText + endTag + lineBreak, closedLeft && consistent);
  }
  if (empty) return insert(contentEnd, endTag, closedLeft);
  if (closing.closedBy === undefined) return insert(contentEnd, lineBreak + indentText + endTag, closedLeft && consistent);
  return insert(contentEnd, endTag, false);
}

/**
 * What follows where the element closes begins a line left of the start tag: a child given back
 * at its indentation or left of it (strictly left after an empty element, which a document
 * without indentation would also give), an ancestor's end tag strictly left, or the end of the
 * text after the root.
 */
function closesLeftOf(closing: Closing, indent: number, end: number, empty: boolean): boolean {
  if (closing.closedBy === undefined) return closing.atRootEnd;
  const column = closing.column(end);
  if (column < 0) return false;
  return typeof closing.closedBy === 'string' || empty ? column < indent : column <= indent;
}

/**
 * An element nested in one of its own name (`<backingStore>` in `<backingStore>`) whose end tag
 * stands at the outer one's indentation: that end tag is likely the outer one's, and the inner
 * one's missing before it, at the inner one's indentation; or the inner one was indented wrong
 * and the outer one's is missing, so not safe.
 */
function nestedSameNameFix(closing: Closing, indent: number): ProblemFix | undefined {
  const { text, start, element } = closing;
  const inner = element.children[element.children.length - 1];
  if (inner?.kind !== 'element' || inner.name !== element.name || inner.endTagOffset < 0) return undefined;
  const innerStart = start + inner.offset;
  const endTagAt = innerStart + inner.endTagOffset;
  const innerIndent = closing.column(innerStart);
  if (closing.column(endTagAt) !== indent || innerIndent <= indent) return undefined;
  const lineStart = endTagAt - indent;
  const lineBreak = lineBreakAt(text, text.charCodeAt(lineStart - 2) === Ch.CarriageReturn ? lineStart - 2 : lineStart - 1);
  const newText = `${text.slice(innerStart - innerIndent, innerStart)}</${inner.name}>${lineBreak}`;
  return edit(TITLES.close(element.name), start, lineStart, lineStart, newText, false);
}

/**
 * Every line the element's own text starts begins right of its start tag (recovery saw to its
 * children's), and each child whose tags begin lines has its end tag under its start tag.
 */
function contentIndentedConsistently(closing: Closing, indent: number): boolean {
  const { text, start, element } = closing;
  for (const child of element.children) {
    if (child.kind === 'element' && child.endTagOffset >= 0) {
      const endTagColumn = closing.column(start + child.offset + child.endTagOffset);
      if (endTagColumn >= 0 && endTagColumn !== closing.column(start + child.offset)) return false;
    }
    if (child.kind !== 'text') continue;
    const from = start + child.offset;
    const to = from + child.length;
    let column = -1;
    for (let p = from; p < to; p++) {
      const c = text.charCodeAt(p);
      if (isLineBreak(c)) column = 0;
      else if (column >= 0 && (c === Ch.Space || c === Ch.Tab)) column++;
      else if (column >= 0) {
        if (column <= indent) return false;
        column = -1;
      }
    }
  }
  return true;
}

/**
 * When the end tag of an ancestor closes the element but stands at the element's own
 * indentation, the end tag may be the element's, misnamed: renaming it is the other choice.
 */
function renameAncestorEndTagFix(closing: Closing, indent: number, end: number): ProblemFix | undefined {
  const { start, element, closedBy } = closing;
  if (typeof closedBy !== 'string' || indent < 0 || closing.column(end) !== indent) return undefined;
  return edit(TITLES.renameEndTag(closedBy, element.name), start, end + 2, end + 2 + closedBy.length, element.name, false);
}
