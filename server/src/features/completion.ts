/**
 * Completion at the cursor, from the schema and the state around the cursor: the child elements
 * allowed there (given the siblings before and after it), the attributes a start tag does not
 * have yet, the fixed values of the attribute or element text under the cursor, and closing
 * tags. A pure function of (analysis, offset): the LSP layer only converts.
 */
import { Ch, isNameChar, isWhitespace } from '../parser/chars';
import { Source } from '../parser/pieceText';
import { Attribute, DocumentNode, ElementNode, Quote, isClosed, valueSpan } from '../parser/nodes';
import { Located, childIndexAt } from '../parser/tree';
import { Derivatives, Expectations, P, QName, containsName } from '../schema/derivatives';
import { Namespaces, afterElement, enumeratedValues, qualified, writtenName } from '../schema/contentModel';
import { ContentPoint, DocumentView, LaterChildren, SchemaView, contentPatternAt, startTagPatternAt } from '../schema/patternAt';
import { listedNames } from '../schema/patterns';
import { QuoteChar, SnippetContext, elementSnippet, escapeXml, placeholder } from '../schema/snippets';
import { setValueCompletions } from './cpuset/setCompletion';
import { describeAttributeValue, describeText, elementPlacement, openAttributes } from './schemaFacts';
import { SetContext } from './cpuset/setHover';
import { cursorTarget } from './cursor';
import { attributeRank, childRank } from './likelihood';
import { quoteAt } from './quoteStyle';
import { referenceCompletions } from './referenceCompletion';
import { Analysis } from './analysis';
import { Words, render, words } from '../messages/words';

export interface CompletionSuggestion {
  label: string;
  kind: 'element' | 'attribute' | 'value' | 'closingTag';
  /** Replaces text[replaceStart, replaceEnd). */
  insertText: string;
  /** insertText uses snippet syntax (tab stops `$1`, choices `${1|a,b|}`, `$0` the final cursor). */
  snippet: boolean;
  replaceStart: number;
  replaceEnd: number;
  filterText: string;
  /** What the schema says: "element · required", "attribute · optional · static | auto". In English; `detailWords` in the user's language where given. */
  detail: string;
  detailWords?: Words;
  /** Element name and parent, for documentation looked up by the caller. */
  element?: { name: string; parent: string | undefined };
  /** Attribute name, its element and that element's parent, for documentation. */
  attribute?: { name: string; element: string; parent: string | undefined };
  sortText: string;
}

/** A suggestion's detail: its English, and its words for the user's language. */
function detailOf(said: Words): Pick<CompletionSuggestion, 'detail' | 'detailWords'> {
  return { detail: render(said, 'en'), detailWords: said };
}

/** "element · required · repeatable", "attribute · optional · static | auto": the placement, then what the value is when known. */
function schemaDetail(placement: Words, repeatable: boolean, what: Words | string): Pick<CompletionSuggestion, 'detail' | 'detailWords'> {
  let said = repeatable ? words('completion.repeatable', { detail: placement }) : placement;
  if (what) said = words('hover.joined', { line: said, part: what });
  return detailOf(said);
}

/** Characters that ask only inside a cpuset/nodeset value: the next item, a negation, a range's end. */
const SET_TRIGGERS = [',', '^', '-'];

/**
 * Suggestions at `offset`. Without a schema only closing tags are offered. `trigger` is the
 * character that asked (typed ` ` or a quote asks only inside a start tag). `sets` (the schema's
 * set attributes and the host) adds the ids a cpuset/nodeset value may take (cpuset/setCompletion.ts).
 */
export function completeAt(analysis: Analysis, offset: number, trigger?: string): CompletionSuggestion[] {
  const document: DocumentView = analysis;
  const schema: SchemaView | undefined = analysis.schema;
  const sets: Omit<SetContext, 'text'> | undefined = analysis.setKeys && { keys: analysis.setKeys, host: analysis.host };
  const { source: text, tree } = document;
  const target = cursorTarget(tree, offset);
  if (trigger === ' ' && target.kind !== 'insideTag') return [];
  if ((trigger === '"' || trigger === "'") && target.kind !== 'attributeValue') return [];
  const setValues = (): CompletionSuggestion[] =>
    sets && target.kind === 'attributeValue'
      ? setValueCompletions({ ...sets, text: analysis.source }, () => analysis.domain, target.element, target.attribute, target.ancestors[target.ancestors.length - 1]?.node.name, offset)
      : [];
  if (trigger !== undefined && SET_TRIGGERS.includes(trigger)) return setValues();
  // The quote is asked for only by suggestions with attributes: it walks the path to the cursor
  // again, which is long in a deeply nested document.
  let quote: QuoteChar | undefined;
  const c: Context | undefined = schema && {
    schema,
    document,
    d: schema.derivatives,
    expect: new Expectations(schema.derivatives),
    get quote() {
      return (quote ??= quoteAt(tree, offset));
    },
  };
  switch (target.kind) {
    case 'startTagName': {
      const { element, ancestors } = target;
      const nameStart = element.start + 1;
      const nameEnd = nameStart + element.node.name.length;
      // A bare `<name` being typed gets the whole element; renaming an existing tag only the name.
      const whole = !element.node.startTagClosed && element.node.attributes.length === 0;
      const point = c && contentPatternAt(c.schema, document, ancestors, element.start, element.node);
      return [
        ...(c && point ? elementSuggestions(c, point, nameStart, nameEnd, whole ? 'afterLessThan' : 'nameOnly') : []),
        ...(whole ? closingTagSuggestions(tree, ancestors, nameStart - 1, nameEnd) : []),
      ];
    }
    case 'content': {
      const { ancestors } = target;
      if (text.charCodeAt(offset - 1) === Ch.LessThan) {
        const point = c && contentPatternAt(c.schema, document, ancestors, offset);
        return [...(c && point ? elementSuggestions(c, point, offset, offset, 'afterLessThan') : []), ...closingTagSuggestions(tree, ancestors, offset - 1, offset)];
      }
      const wordStart = startOfName(text, offset);
      if (text.charCodeAt(wordStart - 1) === Ch.Slash && text.charCodeAt(wordStart - 2) === Ch.LessThan) {
        return closingTagSuggestions(tree, ancestors, wordStart - 2, offset);
      }
      const point = c && contentPatternAt(c.schema, document, ancestors, offset);
      return [
        ...referenceCompletions(analysis, target, offset),
        ...(c && point ? textValueSuggestions(c, point, offset, wordStart) : []),
        ...(c && point ? elementSuggestions(c, point, wordStart, offset, 'wholeTag') : []),
        // Nothing typed yet: the children come first, closing the element last.
        ...closingTagSuggestions(tree, ancestors, wordStart, offset).map((suggestion) => ({ ...suggestion, sortText: `2${suggestion.sortText}` })),
      ];
    }
    case 'insideTag': {
      if (!c) return [];
      const { element, ancestors } = target;
      // Right after a value's closing quote the new attribute needs a space before it.
      const prefix = isWhitespace(text.charCodeAt(offset - 1)) ? '' : ' ';
      return attributeSuggestions(c, ancestors, element, undefined, offset, offset, prefix);
    }
    case 'attributeName': {
      if (!c) return [];
      const { element, attribute, ancestors } = target;
      const nameStart = element.start + attribute.nameOffset;
      return attributeSuggestions(c, ancestors, element, attribute, nameStart, nameStart + attribute.name.length, attribute.valueOffset < 0 ? '' : undefined);
    }
    case 'attributeValue':
      return [...setValues(), ...referenceCompletions(analysis, target, offset), ...(c ? attributeValueSuggestions(c, target.ancestors, target.element, target.attribute, offset) : [])];
    case 'strayEndTag': {
      const { tag, ancestors } = target;
      return closingTagSuggestions(tree, ancestors, tag.start, Math.max(offset, tag.start + 2 + tag.node.name.length));
    }
    case 'endTagName': {
      const { element } = target;
      const nameStart = element.start + element.node.endTagOffset + 2;
      return [closingTag(element.node.name, nameStart - 2, nameStart + element.node.name.length)];
    }
    default:
      return [];
  }
}

/** `quote`, around the values a suggestion writes, is the document's own (quoteStyle.ts). */
interface Context extends SnippetContext {
  schema: SchemaView;
  document: DocumentView;
}

type InsertStyle = 'afterLessThan' | 'wholeTag' | 'nameOnly';

/** The elements the schema allows at the point, given the children before it and after it. */
function elementSuggestions(c: Context, point: ContentPoint, replaceStart: number, replaceEnd: number, style: InsertStyle): CompletionSuggestion[] {
  const later = new LaterChildren(c.d, point);
  const parent = point.element?.node.name;
  const suggestions: CompletionSuggestion[] = [];
  const seen = new Set<string>();
  for (const nameClass of c.expect.elementNames(point.pattern)) {
    for (const name of listedNames(nameClass)) {
      const written = writtenName(name, point.namespaces, true);
      if (!written || seen.has(written)) continue;
      seen.add(written);
      const after = afterElement(c.d, point.pattern, name);
      // No second `<name>`, also when the first one comes after the cursor.
      if (!later.accept(after)) continue;
      const { required: isRequired, repeatable: repeats } = elementPlacement(c.d, point.pattern, nameClass, name);
      const facts = elementFacts(c, point.pattern, name, written, point.namespaces);
      const snippet = style === 'nameOnly' ? written : facts.snippet;
      suggestions.push({
        label: written,
        kind: 'element',
        insertText: style === 'afterLessThan' ? snippet.slice(1) : snippet,
        snippet: style !== 'nameOnly',
        replaceStart,
        replaceEnd,
        filterText: written,
        ...schemaDetail(words(isRequired ? 'completion.element.required' : 'completion.element.optional'), repeats, facts.text),
        element: { name: written, parent },
        // Required first, then the likely ones (likelihood.ts), then in the schema's order.
        sortText: `1${isRequired ? 0 : 1}${childRank(parent, written)}${String(suggestions.length).padStart(4, '0')}`,
      });
    }
  }
  return suggestions;
}

interface ElementFacts {
  /** The element as a snippet starting with `<`. */
  snippet: string;
  /** What its text is, for an element of text only: "destroy | restart", "an integer from 1 to 65535"; else ''. */
  text: Words | string;
}

/** By schema, then by place and name: the same few places are asked again and again as one types. */
const factsCache = new WeakMap<Derivatives, Map<string, ElementFacts>>();

function elementFacts(c: Context, p: P, name: QName, written: string, namespaces: Namespaces): ElementFacts {
  let cache = factsCache.get(c.d);
  if (!cache) {
    cache = new Map();
    factsCache.set(c.d, cache);
  }
  const key = `${p.id}\u0000${written}\u0000${name.ns}\u0000${namespaces.key}\u0000${c.quote}`;
  let facts = cache.get(key);
  if (facts === undefined) {
    if (cache.size >= 20_000) cache.clear();
    const { snippet, content } = elementSnippet(c, p, name, written, namespaces);
    facts = { snippet, text: describeText(c.schema, content, written) };
    cache.set(key, facts);
  }
  return facts;
}

/**
 * The attributes the start tag of `element` may still take. `prefix` undefined inserts the name
 * alone (an attribute with a value is being renamed); otherwise `prefix` and `name="…"`.
 */
function attributeSuggestions(
  c: Context,
  ancestors: Located<ElementNode>[],
  element: Located<ElementNode>,
  editing: Attribute | undefined,
  replaceStart: number,
  replaceEnd: number,
  prefix: string | undefined,
): CompletionSuggestion[] {
  const tag = startTagPatternAt(c.schema, c.document, ancestors, element, editing);
  if (!tag) return [];
  const present = new Set(element.node.attributes.filter((a) => a !== editing).map((a) => a.name));
  const found = [...openAttributes(c.schema, tag.pattern, tag.namespaces, element.node.name)].filter(([name]) => !present.has(name));
  const parent = ancestors[ancestors.length - 1]?.node.name;
  const quote = c.quote;
  return found.map(([name, entry], index) => {
    const values = entry.values;
    const what = describeAttributeValue(entry);
    return {
      label: name,
      kind: 'attribute' as const,
      insertText: prefix === undefined ? name : `${prefix}${name}=${quote}${placeholder(1, values, quote)}${quote}`,
      snippet: prefix !== undefined,
      replaceStart,
      replaceEnd,
      filterText: name,
      ...schemaDetail(words(entry.required ? 'completion.attribute.required' : 'completion.attribute.optional'), false, what),
      attribute: { name, element: element.node.name, parent },
      sortText: `${entry.required ? 0 : 1}${attributeRank(parent, element.node.name, name)}${String(index).padStart(4, '0')}`,
    };
  });
}

/** The values the schema lists for the attribute whose value holds the cursor: they replace what is between the quotes. */
function attributeValueSuggestions(c: Context, ancestors: Located<ElementNode>[], element: Located<ElementNode>, attribute: Attribute, offset: number): CompletionSuggestion[] {
  const tag = startTagPatternAt(c.schema, c.document, ancestors, element, attribute);
  if (!tag) return [];
  const name = qualified(attribute.name, tag.namespaces, false);
  const values = new Set<string>();
  for (const candidate of c.expect.attributes(tag.pattern)) {
    if (containsName(candidate.name, name)) for (const value of c.d.listedValues(candidate).values) values.add(value);
  }
  const { from: valueStart, to: valueEnd } = valueSpan(element.start, attribute, offset);
  const quote = attribute.quote === Quote.Single ? "'" : '"';
  return [...values].map((value, index) => ({
    label: value,
    kind: 'value' as const,
    insertText: escapeXml(value, quote),
    snippet: false,
    replaceStart: valueStart,
    replaceEnd: Math.max(valueEnd, valueStart),
    filterText: value,
    ...detailOf(words('completion.valueOf.attribute', { attribute: attribute.name })),
    sortText: String(index).padStart(4, '0'),
  }));
}

/** The values the schema lists for the text of the element holding the cursor (`<on_poweroff>` → destroy, restart, …). */
function textValueSuggestions(c: Context, point: ContentPoint, offset: number, wordStart: number): CompletionSuggestion[] {
  const element = point.element;
  if (!element || element.node.children.some((child) => child.kind === 'element')) return [];
  const values = enumeratedValues(c.d, point.contentStart);
  if (values.length === 0) return [];
  const { start, end } = typedText(c.document.source, element, offset) ?? { start: wordStart, end: offset };
  return values.map((value, index) => ({
    label: value,
    kind: 'value' as const,
    insertText: escapeXml(value, ''),
    snippet: false,
    replaceStart: start,
    replaceEnd: end,
    filterText: value,
    ...detailOf(words('completion.valueOf.element', { element: element.node.name })),
    sortText: `0${String(index).padStart(4, '0')}`,
  }));
}

/** The text around the cursor in a text-only element, without its surrounding whitespace. */
function typedText(text: Source, element: Located<ElementNode>, offset: number): { start: number; end: number } | undefined {
  const children = element.node.children;
  const child = children[childIndexAt(children, offset - element.start)];
  if (child?.kind !== 'text') return undefined;
  let start = element.start + child.offset;
  let end = start + child.length;
  while (start < end && isWhitespace(text.charCodeAt(start))) start++;
  while (end > start && isWhitespace(text.charCodeAt(end - 1))) end--;
  return offset >= start && offset <= end ? { start, end } : undefined;
}

/**
 * The elements a `</` at `at` may close, best first: an element just before it that was never
 * closed (recovery may have ended it early, as the cursor sits at its indentation, but it is the
 * one the user is closing), then the element the cursor is in, unless its end tag follows
 * already: a second one would close it early and leave the first stray.
 */
export function closingTagNames(tree: DocumentNode, ancestors: Located<ElementNode>[], at: number): string[] {
  const container = ancestors[ancestors.length - 1];
  const children = container ? container.node.children : tree.children;
  const base = container ? container.start : 0;
  const names: string[] = [];
  for (let i = childIndexAt(children, at - base); i >= 0; i--) {
    const child = children[i];
    if (child.kind !== 'element' || base + child.offset >= at) continue;
    if (!isClosed(child)) names.push(child.name);
    break;
  }
  if (container && !isClosed(container.node) && !names.includes(container.node.name)) names.push(container.node.name);
  return names;
}

function closingTagSuggestions(tree: DocumentNode, ancestors: Located<ElementNode>[], replaceStart: number, replaceEnd: number): CompletionSuggestion[] {
  return closingTagNames(tree, ancestors, replaceStart).map((name, rank) => closingTag(name, replaceStart, replaceEnd, rank));
}

function closingTag(name: string, replaceStart: number, replaceEnd: number, rank = 0): CompletionSuggestion {
  return {
    label: `/${name}`,
    kind: 'closingTag',
    insertText: `</${name}>`,
    snippet: false,
    replaceStart,
    replaceEnd,
    filterText: `</${name}>`,
    ...detailOf(words('completion.closes', { element: name })),
    sortText: `0${rank}`,
  };
}

function startOfName(text: Source, offset: number): number {
  let p = offset;
  while (p > 0 && isNameChar(text.charCodeAt(p - 1))) p--;
  return p;
}
