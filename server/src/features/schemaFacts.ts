/**
 * What the schema says about an element or attribute at a point: required or optional,
 * repeatable, the values or datatype of an attribute or of an element's text. Completion writes
 * these into its details and hover into its text, so both read them here.
 */
import { ElementNode, Attribute } from '../parser/nodes';
import { Located } from '../parser/tree';
import { Derivatives, Expectations, P, QName, containsName } from '../schema/derivatives';
import { NameClass, listedNames } from '../schema/patterns';
import { Namespaces, afterElement, describeName, enumeratedValues, orChain, qualified, requiredNames, uniqueWords, writtenName } from '../schema/contentModel';
import { DocumentView, SchemaView, contentPatternAt, startTagPatternAt } from '../schema/patternAt';
import { takesText } from '../schema/snippets';
import { Words } from '../messages/words';

/** What an attribute may hold where it stands. */
export interface AttributeFacts {
  required: boolean;
  /** The fixed values the schema lists. */
  values: string[];
  /** Words for the datatypes it accepts ("an integer from 0 to 65535"). */
  data: Words[];
}

/** The attributes the start tag at `tag` of an `element` may still take, by written name, in the schema's order. */
export function openAttributes(schema: SchemaView, tag: P, namespaces: Namespaces, element: string): Map<string, AttributeFacts> {
  const expect = new Expectations(schema.derivatives);
  const required = new Set(requiredNames(schema.derivatives, tag, 'attribute'));
  const found = new Map<string, { values: Set<string>; data: Words[]; required: boolean }>();
  for (const attribute of expect.attributes(tag)) {
    for (const name of listedNames(attribute.name)) {
      const written = writtenName(name, namespaces, false);
      if (!written) continue;
      let entry = found.get(written);
      if (!entry) {
        entry = { values: new Set(), data: [], required: false };
        found.set(written, entry);
      }
      for (const value of schema.derivatives.listedValues(attribute).values) entry.values.add(value);
      for (const data of expect.data(attribute.p)) entry.data.push(schema.datatypes.describe(data.source, { element, attribute: written }));
      entry.required ||= required.has(describeName(attribute.name));
    }
  }
  return new Map([...found].map(([name, entry]) => [name, { required: entry.required, values: [...entry.values], data: uniqueWords(entry.data) }]));
}

/** "static | auto", or the datatypes in words; '' when the schema says nothing of the value. */
export function describeAttributeValue(facts: AttributeFacts): Words | string {
  return facts.values.length > 0 ? listed(facts.values) : orChain(facts.data);
}

/** Whether an element named `name` (of `nameClass`) must come at `p`, and whether another may follow it. */
export function elementPlacement(d: Derivatives, p: P, nameClass: NameClass, name: QName): { required: boolean; repeatable: boolean } {
  const required = requiredNames(d, p, 'element').includes(describeName(nameClass));
  const repeatable = d.startTagOpen(afterElement(d, p, name), name).kind !== 'notAllowed';
  return { required, repeatable };
}

/**
 * What the text of an `element` whose content is `content` may be, when it holds text and no
 * elements: "destroy | restart", "an integer from 1 to 65535"; else ''.
 */
export function describeText(schema: SchemaView, content: P, element: string): Words | string {
  const expect = new Expectations(schema.derivatives);
  if (!takesText(content) || expect.elementNames(content).length > 0) return '';
  const values = enumeratedValues(schema.derivatives, content);
  return values.length > 0 ? listed(values) : orChain(uniqueWords(expect.data(content).map((q) => schema.datatypes.describe(q.source, { element }))));
}

/** "static | auto", shortened when long. */
export function listed(values: string[]): string {
  return values.length <= 8 ? values.join(' | ') : `${values.slice(0, 8).join(' | ')} | … (${values.length})`;
}

/** The facts of `attribute` on `element` (a child of the last of `ancestors`), given the element's other attributes. */
export function attributeFactsAt(
  schema: SchemaView,
  document: DocumentView,
  ancestors: readonly Located<ElementNode>[],
  element: Located<ElementNode>,
  attribute: Attribute,
): AttributeFacts | undefined {
  const tag = startTagPatternAt(schema, document, ancestors, element, attribute);
  if (!tag) return undefined;
  const expect = new Expectations(schema.derivatives);
  const name = qualified(attribute.name, tag.namespaces, false);
  const matching = expect.attributes(tag.pattern).filter((candidate) => containsName(candidate.name, name));
  if (matching.length === 0) return undefined;
  const required = new Set(requiredNames(schema.derivatives, tag.pattern, 'attribute'));
  return {
    required: matching.some((candidate) => required.has(describeName(candidate.name))),
    values: [...new Set(matching.flatMap((candidate) => schema.derivatives.listedValues(candidate).values))],
    data: uniqueWords(matching.flatMap((candidate) => expect.data(candidate.p).map((q) => schema.datatypes.describe(q.source, { element: element.node.name, attribute: attribute.name })))),
  };
}

/** What the schema says of an element where it stands. */
export interface ElementFacts {
  required: boolean;
  repeatable: boolean;
  /** The attributes it may have, given those it has (they pick its shape), with their facts. */
  attributes: Map<string, AttributeFacts>;
  /** Its text, for an element of text only: "destroy | restart", "an integer …"; else ''. */
  text: Words | string;
}

/** The facts of `element`, a child of the last of `ancestors`, given its siblings before it and its attributes. */
export function elementFactsAt(schema: SchemaView, document: DocumentView, ancestors: readonly Located<ElementNode>[], element: Located<ElementNode>): ElementFacts | undefined {
  const d = schema.derivatives;
  const point = contentPatternAt(schema, document, ancestors, element.start, element.node);
  const tag = startTagPatternAt(schema, document, ancestors, element);
  if (!point || !tag) return undefined;
  const expect = new Expectations(d);
  const nameClass = expect.elementNames(point.pattern).find((candidate) => containsName(candidate, tag.name));
  const placement = nameClass ? elementPlacement(d, point.pattern, nameClass, tag.name) : { required: false, repeatable: false };
  const attributes = new Map<string, AttributeFacts>();
  // Those it has, as each stands beside the others; then those it may still take.
  for (const attribute of element.node.attributes) {
    if (attribute.name === 'xmlns' || attribute.name.startsWith('xmlns:')) continue;
    const facts = attributeFactsAt(schema, document, ancestors, element, attribute);
    if (facts) attributes.set(attribute.name, facts);
  }
  for (const [name, facts] of openAttributes(schema, tag.pattern, tag.namespaces, element.node.name)) if (!attributes.has(name)) attributes.set(name, facts);
  return { ...placement, attributes, text: describeText(schema, contentAfter(d, tag.pattern), element.node.name) };
}

/** The content of `element` right after its start tag, as its attributes leave it. */
export function contentAfterStartTag(schema: SchemaView, document: DocumentView, ancestors: readonly Located<ElementNode>[], element: Located<ElementNode>): P | undefined {
  const tag = startTagPatternAt(schema, document, ancestors, element);
  return tag && contentAfter(schema.derivatives, tag.pattern);
}

/** The content after a start tag at `tag`; required attributes not typed yet do not hide it. */
function contentAfter(d: Derivatives, tag: P): P {
  const closed = d.startTagClose(tag);
  return closed.kind === 'notAllowed' ? d.startTagCloseForgiving(tag) : closed;
}
