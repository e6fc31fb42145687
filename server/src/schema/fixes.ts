/**
 * The schema's fixes: the edit a finding of validate.ts offers where the schema leaves one
 * answer. Made where the finding is, from what validation has at hand (the pattern there, the
 * element, its siblings). Validation remembers findings per element, so each fix reads and
 * edits only the element its finding is remembered with: the element itself, or, for the fixes
 * that move or remove a child, the parent (whose memo any edit among its children drops).
 */
import { Fix, TextEdit, wordedTitle } from '../finding';
import { andList, words } from '../messages/words';
import { isWhitespace } from '../parser/chars';
import { Attribute, ChildNode, ElementNode, Quote, contentEnd, valueSpan } from '../parser/nodes';
import { Source } from '../parser/pieceText';
import { Namespaces, afterElement, qualified, scopeOf, writtenName } from './contentModel';
import { Derivatives, Expectations, P, QName } from './derivatives';
import { likeliestFirst } from './likelyValues';
import { listedNames } from './patterns';
import { QuoteChar, SnippetContext, TabStops, elementSnippet, escapeXml, placeholder, plainText, requiredAttributes, requiredChildren } from './snippets';

/** Every title, in one place: the English `title` and its catalogue words (messages/en/fixes.ts). */
const TITLES = {
  change: (to: string) => wordedTitle(words('fixes.change', { name: to })),
  add: (names: string[]) => wordedTitle(words('fixes.add', { names: andList(names.map((name) => `\`${name}\``)) })),
  remove: (element: string) => wordedTitle(words('fixes.remove', { element })),
  moveBefore: (element: string, sibling: string) => wordedTitle(words('fixes.moveBefore', { element, sibling })),
  moveAfter: (element: string, sibling: string) => wordedTitle(words('fixes.moveAfter', { element, sibling })),
};

/**
 * A word may be this many edits from a name and still count as a typo of it: one in a word of
 * three to five characters, two from six on, none below three (where one edit makes another
 * word). With the rule that exactly one allowed name may be that close, a fix then picks what
 * the user meant; a word that is only the start of a name (`stat` for `static`) is offered too,
 * but as a guess: it may be another word being typed.
 */
function typoDistance(word: string): number {
  return Math.min(2, Math.floor(word.length / 3));
}

export interface CloseMatch {
  candidate: string;
  /** A typo of the candidate (case, or typoDistance edits); else `word` is the candidate cut short. */
  typo: boolean;
}

/** The candidates close to `word`, best first: the typos of them, then those it is the start of (from three characters). */
export function closeMatches(word: string, candidates: readonly string[]): CloseMatch[] {
  const lower = word.toLowerCase();
  const limit = typoDistance(word);
  const found: { candidate: string; rank: number }[] = [];
  for (const candidate of new Set(candidates)) {
    if (candidate === word) continue;
    const distance = candidate.toLowerCase() === lower ? 0 : editDistance(word, candidate);
    if (distance <= limit) found.push({ candidate, rank: distance });
    else if (word.length >= 3 && candidate.toLowerCase().startsWith(lower)) found.push({ candidate, rank: limit + 1 });
  }
  return found.sort((a, b) => a.rank - b.rank).map(({ candidate, rank }) => ({ candidate, typo: rank <= limit }));
}

/** The one candidate `word` is close to: the only one, or the only one it differs from in case alone. */
function soleMatch(word: string, candidates: readonly string[]): CloseMatch | undefined {
  const matches = closeMatches(word, candidates);
  const caseOnly = matches.filter((match) => match.candidate.toLowerCase() === word.toLowerCase());
  if (caseOnly.length === 1) return caseOnly[0];
  return matches.length === 1 ? matches[0] : undefined;
}

/** Edits from `a` to `b`: a character dropped, added or changed, or two next to each other swapped (a typo's usual forms); 3 stands for more than 2. */
function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j], beforePrevious[j - 2] + 1);
    }
    beforePrevious = previous;
    previous = row;
  }
  return previous[b.length];
}

/** A parent as the fixes that move, remove or rename its children read it. */
export interface ParentContent {
  node: ElementNode;
  start: number;
  /** Its content right after its start tag. */
  content: P;
  /** The namespaces in scope inside it. */
  namespaces: Namespaces;
}

interface Child {
  node: ElementNode;
  start: number;
  name: QName;
}

/** A child element to add, and the pattern of its parent where it goes. */
interface Addition {
  name: QName;
  written: string;
}

/** Where lines start: a line break and the whitespace before a node, when nothing else stands there. */
interface Line {
  newline: string;
  indent: string;
}

/** Where new children go among their siblings. */
interface Place {
  offset: number;
  /** The items go before the sibling at `offset`; else after the one ending there. */
  beforeSibling: boolean;
  /** The sibling's line, when it stands on one of its own. */
  line: Line | undefined;
  /** One level of indentation ('' inline). */
  unit: string;
}

/**
 * Fixes that walk an element's children (moving or removing a child, adding a missing one,
 * checking the siblings after a renamed one) are made in elements of at most this many
 * children: libvirt's widest ordered content, `<domain>`, has a few dozen. A `<devices>` of
 * thousands gets none of them: the walks would cost too much, and such children are validated
 * in remembered runs, which an edit of the whitespace between two children does not renew,
 * while moving and removing read that whitespace.
 */
const MAX_CHILDREN_WALKED = 64;
/** Children of one parent for which a place to move to is looked for, each costing a walk per place tried. */
const MAX_MOVES_PER_PARENT = 4;
/** How far back the indentation of a line is looked for: no document indents deeper. */
const INDENT_LOOKBACK = 256;
/** An element longer than this is not moved (its text would be copied into the fix at every check). */
const MAX_MOVED_LENGTH = 65_536;
/** Most choices offered as separate fixes for content that needs one of several elements. */
const MAX_CHOICES = 6;

export class SchemaFixes {
  private readonly steps = new Map<string, P>();
  /** How many children placeChild has looked for a place for, by parent: the same in every check of the parent, which walks its children in order. */
  private readonly moves = new WeakMap<ElementNode, number>();

  constructor(
    private readonly d: Derivatives,
    private readonly expect: Expectations,
    private readonly text: Source,
    /** The quote of the document's root start tag: for values written into elements that have none. */
    private readonly documentQuote: QuoteChar,
  ) {}

  /** Whether the fixes of a child of `parent` read its siblings and the whitespace between them (they do in parents of few children). */
  readsSiblings(parent: ParentContent): boolean {
    return parent.node.children.length <= MAX_CHILDREN_WALKED;
  }

  /** `<interfce>` → `<interface>`, start and end tags, when one allowed name is that close and the siblings after it still fit. */
  renameElement(element: ElementNode, start: number, p: P, namespaces: Namespaces, parent: ParentContent | undefined): Fix | undefined {
    const name = qualified(element.name, namespaces, true);
    const allowed = new Map<string, QName>();
    for (const nameClass of this.expect.elementNames(p)) {
      for (const candidate of listedNames(nameClass)) {
        const written = candidate.ns === name.ns ? writtenName(candidate, namespaces, true) : undefined;
        if (written) allowed.set(written, candidate);
      }
    }
    const match = soleMatch(element.name, [...allowed.keys()]);
    if (!match) return undefined;
    if (parent && this.readsSiblings(parent)) {
      const children = this.childrenOf(parent);
      const renamed = children.map((child) => (child.node === element ? allowed.get(match.candidate)! : child.name));
      if (this.walk(parent.content, renamed).misfits >= this.walk(parent.content, children.map((child) => child.name)).misfits) return undefined;
    }
    const edits = [{ start: start + 1, end: start + 1 + element.name.length, newText: match.candidate }];
    if (element.endTagOffset >= 0) {
      const endName = start + element.endTagOffset + 2;
      edits.push({ start: endName, end: endName + element.name.length, newText: match.candidate });
    }
    return withEdits(TITLES.change(`<${match.candidate}>`), edits, match.typo && !this.d.knowsName('element', name.local));
  }

  /** `placment` → `placement`, when one attribute the tag does not have yet is that close. */
  renameAttribute(element: ElementNode, start: number, attribute: Attribute, p: P, namespaces: Namespaces): Fix | undefined {
    const present = new Set(element.attributes.map((a) => a.name));
    const open: string[] = [];
    for (const candidate of this.expect.attributes(p).flatMap((a) => listedNames(a.name))) {
      const written = writtenName(candidate, namespaces, false);
      if (written && !present.has(written)) open.push(written);
    }
    const match = soleMatch(attribute.name, open);
    if (!match) return undefined;
    const nameStart = start + attribute.nameOffset;
    const safe = match.typo && !this.d.knowsName('attribute', qualified(attribute.name, namespaces, false).local);
    return { start: nameStart, end: nameStart + attribute.name.length, newText: match.candidate, ...TITLES.change(match.candidate), safe };
  }

  /** `placement='stat'` → `static`, when one of the values allowed there is that close. */
  changeAttributeValue(start: number, attribute: Attribute, value: string, allowed: readonly string[]): Fix | undefined {
    const match = soleMatch(value.trim(), allowed);
    if (!match || attribute.quote === Quote.None || !attribute.valueClosed) return undefined;
    const { from, to } = valueSpan(start, attribute);
    const quote = attribute.quote === Quote.Single ? "'" : '"';
    return { start: from, end: to, newText: escapeXml(match.candidate, quote), ...TITLES.change(match.candidate), safe: match.typo };
  }

  /** `<on_poweroff>restrat</on_poweroff>` → `restart`: the text without the whitespace around it. */
  changeText(element: ElementNode, start: number, allowed: readonly string[]): Fix | undefined {
    // Comments or CDATA among the text: the value is not one stretch to replace.
    if (element.children.some((child) => child.kind !== 'text')) return undefined;
    let from = start + element.startTagLength;
    let to = start + contentEnd(element);
    while (from < to && isWhitespace(this.text.charCodeAt(from))) from++;
    while (to > from && isWhitespace(this.text.charCodeAt(to - 1))) to--;
    const match = soleMatch(this.text.slice(from, to), allowed);
    if (!match) return undefined;
    return { start: from, end: to, newText: escapeXml(match.candidate, ''), ...TITLES.change(match.candidate), safe: match.typo };
  }

  /**
   * The required attributes the start tag lacks, after its last attribute: ` protocol='${1|nbd,rbd|}'`,
   * each one's likeliest value first (the one written where snippets are not taken).
   */
  addAttributes(element: ElementNode, start: number, tag: P, namespaces: Namespaces): Fix | undefined {
    const c = this.context(element);
    const missing = requiredAttributes(c, tag, namespaces).map((a) => ({ ...a, values: likeliestFirst(element.name, a.written, a.values) }));
    if (missing.length === 0) return undefined;
    const last = element.attributes[element.attributes.length - 1];
    const at = start + (last ? (last.valueOffset >= 0 ? last.valueOffset + last.valueLength : last.nameOffset + last.name.length) : 1 + element.name.length);
    const stops = new TabStops();
    const snippet = missing.map((a) => ` ${a.written}=${c.quote}${placeholder(stops.next(), a.values, c.quote)}${c.quote}`).join('');
    return { start: at, end: at, newText: plainText(snippet), snippet, ...TITLES.add(missing.map((a) => a.written)), safe: false };
  }

  /**
   * The children `element` lacks at its end (`end`, the content after its children), each with
   * its own required parts, where the content model puts them: after the last sibling that must
   * come before it, on a line of its own when the siblings are. When the content needs one of
   * several elements, a fix for each that completes it.
   */
  addChildren(element: ElementNode, start: number, contentStart: P, end: P, namespaces: Namespaces): Fix[] {
    if (element.children.length > MAX_CHILDREN_WALKED) return [];
    const c = this.context(element);
    const required = requiredChildren(c, end, namespaces);
    if (required.length > 0) {
      const fix = this.insertChildren(element, start, contentStart, required, namespaces, c);
      return fix ? [fix] : [];
    }
    const choices: Addition[] = [];
    for (const nameClass of this.expect.elementNames(end)) {
      for (const name of listedNames(nameClass)) {
        const written = writtenName(name, namespaces, true);
        if (written && !choices.some((choice) => choice.written === written)) choices.push({ name, written });
      }
    }
    if (choices.length > MAX_CHOICES) return [];
    return choices.flatMap((choice) => this.insertChildren(element, start, contentStart, [choice], namespaces, c) ?? []);
  }

  /**
   * For a child the schema does not take where it stands: move it to the nearest place among
   * its siblings where it fits (fewer siblings out of place than now), and, when it is a second
   * one, remove it.
   */
  placeChild(element: ElementNode, start: number, parent: ParentContent, again: boolean): Fix[] {
    if (!this.readsSiblings(parent)) return [];
    const children = this.childrenOf(parent);
    const index = children.findIndex((child) => child.node === element);
    if (index < 0) return [];
    const now = this.walk(parent.content, children.map((child) => child.name)).misfits;
    const others = children.filter((child) => child.node !== element);
    const removal = this.removal(parent, element, start);
    const fixes: Fix[] = [];
    const target = this.mayMove(element, parent.node, children[index].name) ? this.bestPlace(parent.content, others, children[index].name, index, now) : undefined;
    if (target !== undefined) {
      const place = this.placeAmong(parent, others, target);
      const insertion = { start: place.offset, end: place.offset, newText: placed(place, [this.text.slice(start, start + element.length)], lineBreak(place)) };
      const title = target < others.length ? TITLES.moveBefore(element.name, others[target].node.name) : TITLES.moveAfter(element.name, others[others.length - 1].node.name);
      fixes.push({ ...removal, ...title, alsoEdits: [insertion], safe: false });
    }
    if (again && this.walk(parent.content, others.map((child) => child.name)).misfits < now) fixes.push({ ...removal, ...TITLES.remove(element.name), safe: false });
    return fixes;
  }

  /** Whether to look for a place for `element`: a name the schema knows, not too long to copy, one of the first few in its parent. */
  private mayMove(element: ElementNode, parent: ElementNode, name: QName): boolean {
    const looked = this.moves.get(parent) ?? 0;
    if (looked >= MAX_MOVES_PER_PARENT || element.length > MAX_MOVED_LENGTH || !this.d.knowsName('element', name.local)) return false;
    this.moves.set(parent, looked + 1);
    return true;
  }

  /** The place among `others` (before others[i], or at the end) nearest `from` where `name` leaves fewer children out of place than `now`. */
  private bestPlace(content: P, others: Child[], name: QName, from: number, now: number): number | undefined {
    const prefix = this.prefixStates(content, others.map((other) => other.name));
    let best: { at: number; misfits: number } | undefined;
    for (let at = 0; at <= others.length; at++) {
      if (at === from) continue;
      const placed = this.step(prefix[at].state, name);
      if (placed.kind === 'notAllowed') continue;
      const misfits = prefix[at].misfits + this.walk(placed, others.slice(at).map((other) => other.name)).misfits;
      if (misfits < now && (!best || misfits < best.misfits || (misfits === best.misfits && Math.abs(at - from) < Math.abs(best.at - from)))) best = { at, misfits };
    }
    return best?.at;
  }

  private insertChildren(element: ElementNode, start: number, contentStart: P, additions: Addition[], namespaces: Namespaces, c: SnippetContext): Fix | undefined {
    const children = this.childrenOf({ node: element, start, content: contentStart, namespaces });
    // The order with the additions in it: each at the first place where everything after it
    // still fits, and after the addition before it where it fits there (they keep their order).
    const order: (Child | Addition)[] = [...children];
    let previous = 0;
    for (const addition of additions) {
      const names = order.map((entry) => entry.name);
      const prefix = this.prefixStates(contentStart, names);
      const fits = (at: number): boolean => {
        const next = this.step(prefix[at].state, addition.name);
        return prefix[at].misfits === 0 && next.kind !== 'notAllowed' && this.walk(next, names.slice(at)).misfits === 0;
      };
      const places = [...Array(order.length + 1).keys()];
      const at = places.find((i) => i >= previous && fits(i)) ?? places.find(fits);
      if (at === undefined) return undefined;
      order.splice(at, 0, addition);
      previous = at + 1;
    }
    // Written in order, each from the pattern where it goes; grouped by the sibling they go before.
    const stops = new TabStops();
    const groups = new Map<number, { snippets: string[] }>();
    let state = contentStart;
    let before = 0;
    for (const entry of order) {
      if ('node' in entry) before++;
      else {
        const group = groups.get(before) ?? { snippets: [] };
        groups.set(before, group);
        group.snippets.push(elementSnippet(c, state, entry.name, entry.written, namespaces, stops, false).snippet);
      }
      state = this.step(state, entry.name);
    }
    if (this.d.endTag(state).kind === 'notAllowed') return undefined;
    const parent: ParentContent = { node: element, start, content: contentStart, namespaces };
    const edits = [...groups].map(([at, group]) => (children.length > 0 ? newChildren(this.placeAmong(parent, children, at), group.snippets) : this.insertionInto(element, start, group.snippets)));
    const [main, ...others] = edits;
    const fix: Fix = { ...main.edit, snippet: main.snippet, ...TITLES.add(additions.map((a) => `<${a.written}>`)), safe: false };
    if (others.length > 0) fix.alsoEdits = others.map((other) => other.edit);
    return fix;
  }

  /**
   * Where items go before children[at], or after the last child: on lines of their own, with the
   * sibling's indentation, when the sibling stands on a line of its own; else inline.
   */
  private placeAmong(parent: ParentContent, children: Child[], at: number): Place {
    const sibling = at < children.length ? children[at] : children[children.length - 1];
    const line = this.lineOf(parent, sibling.node, sibling.start);
    const beforeSibling = at < children.length;
    const offset = beforeSibling ? sibling.start : sibling.start + sibling.node.length;
    return { offset, beforeSibling, line, unit: line ? this.indentUnit(parent, line) : '' };
  }

  /**
   * Inserts into an element without child elements: `<os/>` is opened; content of whitespace
   * over lines gets the items on lines of their own, one level deeper than the end tag; else
   * they go inline.
   */
  private insertionInto(element: ElementNode, start: number, snippets: string[]): { edit: TextEdit; snippet: string } {
    const inline = snippets.map(flattened);
    if (element.selfClosing) {
      const close = start + element.startTagLength - 2;
      const wrap = (items: string[]) => `>${items.join('')}</${element.name}>`;
      return { edit: { start: close, end: close + 2, newText: wrap(inline.map(plainText)) }, snippet: wrap(inline) };
    }
    const from = start + element.startTagLength;
    const to = start + contentEnd(element);
    const endLine = element.children.length === 0 && element.endTagOffset >= 0 ? lineBefore(this.text, from, to) : undefined;
    if (!endLine) return { edit: { start: from, end: from, newText: inline.map(plainText).join('') }, snippet: inline.join('') };
    const unit = endLine.indent.includes('\t') ? '\t' : '  ';
    const line = { newline: endLine.newline, indent: endLine.indent + unit };
    const newText = snippets.map((s) => line.newline + line.indent + reindented(plainText(s), line, unit)).join('') + endLine.newline + endLine.indent;
    // VS Code indents the snippet's lines like the start tag's line.
    const snippet = snippets.map((s) => `\n\t${s.replace(/\n/g, '\n\t')}`).join('') + '\n';
    return { edit: { start: from, end: to, newText }, snippet };
  }

  /** Removes the child with its line when it stands on one of its own; else the element alone. */
  private removal(parent: ParentContent, element: ElementNode, start: number): TextEdit {
    const end = start + element.length;
    const line = this.lineOf(parent, element, start);
    if (!line) return { start, end, newText: '' };
    let after = end;
    const limit = Math.min(parent.start + contentEnd(parent.node), end + INDENT_LOOKBACK);
    while (after < limit && (this.text.charCodeAt(after) === 0x20 || this.text.charCodeAt(after) === 0x09)) after++;
    const lineEnds = after === limit || this.text.charCodeAt(after) === 0x0a || this.text.charCodeAt(after) === 0x0d;
    return lineEnds ? { start: start - line.indent.length - line.newline.length, end: after, newText: '' } : { start, end, newText: '' };
  }

  /** The line a child of `parent` starts, when only whitespace stands before it there. */
  private lineOf(parent: ParentContent, child: ElementNode, start: number): Line | undefined {
    const children = parent.node.children;
    const index = children.indexOf(child);
    const previous: ChildNode | undefined = children[index - 1];
    const gapStart = previous ? parent.start + previous.offset + previous.length : parent.start + parent.node.startTagLength;
    return lineBefore(this.text, gapStart, start);
  }

  /** One level of indentation: what the children's lines have beyond the end tag's, else two spaces (a tab where the document indents with tabs). */
  private indentUnit(parent: ParentContent, line: Line): string {
    const { node, start } = parent;
    const last = node.children[node.children.length - 1];
    const endLine = node.endTagOffset >= 0 && last ? lineBefore(this.text, start + last.offset + last.length, start + node.endTagOffset) : undefined;
    if (endLine && line.indent.length > endLine.indent.length && line.indent.startsWith(endLine.indent)) return line.indent.slice(endLine.indent.length);
    return line.indent.includes('\t') ? '\t' : '  ';
  }

  private context(element: ElementNode): SnippetContext {
    const quoted = element.attributes.find((attribute) => attribute.quote !== Quote.None);
    const quote: QuoteChar = quoted ? (quoted.quote === Quote.Single ? "'" : '"') : this.documentQuote;
    return { d: this.d, expect: this.expect, quote };
  }

  private childrenOf(parent: ParentContent): Child[] {
    const children: Child[] = [];
    for (const node of parent.node.children) {
      if (node.kind !== 'element') continue;
      const start = parent.start + node.offset;
      children.push({ node, start, name: qualified(node.name, scopeOf(node, this.text, start, parent.namespaces), true) });
    }
    return children;
  }

  /** The pattern after an element, whatever its attributes and content (remembered: the same steps are taken again and again). */
  private step(p: P, name: QName): P {
    const key = `${p.id}\u0000${name.ns}\u0000${name.local}`;
    let next = this.steps.get(key);
    if (!next) {
      next = afterElement(this.d, p, name);
      this.steps.set(key, next);
    }
    return next;
  }

  /** Through children named `names` from `p`; one the pattern does not take is counted and passed over. */
  private walk(p: P, names: readonly QName[]): { state: P; misfits: number } {
    let state = p;
    let misfits = 0;
    for (const name of names) {
      const next = this.step(state, name);
      if (next.kind === 'notAllowed') misfits++;
      else state = next;
    }
    return { state, misfits };
  }

  /** The walk's state before each of `names`, and after the last. */
  private prefixStates(p: P, names: readonly QName[]): { state: P; misfits: number }[] {
    const states = [{ state: p, misfits: 0 }];
    for (const name of names) {
      const { state, misfits } = states[states.length - 1];
      const next = this.step(state, name);
      states.push(next.kind === 'notAllowed' ? { state, misfits: misfits + 1 } : { state: next, misfits });
    }
    return states;
  }
}

/** Items placed around a sibling, each separated from it by `separator`. */
function placed(place: Place, items: string[], separator: string): string {
  return items.map((item) => (place.beforeSibling ? item + separator : separator + item)).join('');
}

function lineBreak(place: Place): string {
  return place.line ? place.line.newline + place.line.indent : '';
}

/**
 * New children (snippets, their nested lines `\n` and a tab per level) placed around a
 * sibling. As a snippet they are written relative to the sibling's line, which is the line VS
 * Code indents a snippet's lines like; as plain text, with the sibling's indentation.
 */
function newChildren(place: Place, snippets: string[]): { edit: TextEdit; snippet: string } {
  const { line } = place;
  const texts = snippets.map((s) => (line ? reindented(plainText(s), line, place.unit) : flattened(plainText(s))));
  const snippet = placed(place, line ? snippets : snippets.map(flattened), line ? '\n' : '');
  return { edit: { start: place.offset, end: place.offset, newText: placed(place, texts, lineBreak(place)) }, snippet };
}

function withEdits(title: Pick<Fix, 'title' | 'titleWords'>, edits: TextEdit[], safe: boolean): Fix {
  const [main, ...others] = edits;
  const fix: Fix = { ...main, ...title, safe };
  if (others.length > 0) fix.alsoEdits = others;
  return fix;
}

/** The line break and indentation before `at`, when only whitespace stands between them (looked for back to `from`). */
function lineBefore(text: Source, from: number, at: number): Line | undefined {
  const limit = Math.max(from, at - INDENT_LOOKBACK);
  for (let i = at - 1; i >= limit; i--) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) {
      const crlf = i > limit && text.charCodeAt(i - 1) === 0x0d;
      return { newline: crlf ? '\r\n' : '\n', indent: text.slice(i + 1, at) };
    }
    if (c !== 0x20 && c !== 0x09) return undefined;
  }
  return undefined;
}

/** A snippet's item laid out on lines starting `line`: its nested lines (`\n` and a tab per level) indented by `unit`. */
function reindented(text: string, line: Line, unit: string): string {
  return text.replace(/\n(\t*)/g, (_, tabs: string) => line.newline + line.indent + unit.repeat(tabs.length));
}

/** On one line. */
function flattened(text: string): string {
  return text.replace(/\n\t*/g, '');
}
