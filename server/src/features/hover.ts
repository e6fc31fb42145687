/**
 * Hover on an element name, an attribute name or value, or the text of a text-only element: the
 * path to it (`domain › cputune › vcpupin @cpuset`), its docs text (the spec's, or ours in
 * English), what the schema says of it where it stands (schemaFacts.ts), and what a value means
 * (valueMeaning.ts; cpuset/nodeset values in cpuset/setHover.ts).
 */
import { decodeReferences, isWhitespace } from '../parser/chars';
import { DocText, DocsLanguage, ElementDoc, ElementDocs, inLanguage } from '../docs/elementDocs';
import { ElementNode, attributeValue, valueSpan } from '../parser/nodes';
import { Source } from '../parser/pieceText';
import { Analysis } from './analysis';
import { Located } from '../parser/tree';
import { commaList, enumeratedValues } from '../schema/contentModel';
import { DocumentView, SchemaView } from '../schema/patternAt';
import { SetContext, setValueHover } from './cpuset/setHover';
import { cursorTarget } from './cursor';
import { AttributeFacts, ElementFacts, attributeFactsAt, contentAfterStartTag, describeAttributeValue, elementFactsAt } from './schemaFacts';
import { describeEnumerated, describeMemoryAmount, isMemoryAmount } from './valueMeaning';
import { Words, render, words } from '../messages/words';

export interface HoverResult {
  markdown: string;
  start: number;
  end: number;
}

/** The schema and the document as validation sees it (with its memo), for the schema's facts. */
export interface HoverSchema {
  schema: SchemaView;
  document: DocumentView;
}

const SECTION_LABEL: Record<DocsLanguage, string> = { en: 'Section', zh: '章节' };

/**
 * With a schema, the hover adds the schema's facts and the hovers on values (set values among
 * them) and text; without one, the docs alone.
 */
export function hoverAt(analysis: Analysis, offset: number, docs: ElementDocs, language: DocsLanguage): HoverResult | undefined {
  const sets: SetContext | undefined = analysis.setKeys && { text: analysis.source, keys: analysis.setKeys, host: analysis.host };
  const schema: HoverSchema | undefined = analysis.schema && { schema: analysis.schema, document: analysis };
  const target = cursorTarget(analysis.tree, offset);
  if (target.kind === 'content') return schema && textHover(schema, target.ancestors, offset, docs, language);
  if (target.kind !== 'startTagName' && target.kind !== 'endTagName' && target.kind !== 'attributeName' && target.kind !== 'attributeValue') return undefined;
  const { element, ancestors } = target;
  const name = element.node.name;
  const names = [...ancestors.map((a) => a.node.name), name];
  const text = (doc: DocText | undefined) => doc && inLanguage(doc, language);
  if (target.kind === 'attributeValue') {
    const { attribute } = target;
    const set = sets && setValueHover(sets, element, attribute, ancestors[ancestors.length - 1]?.node.name, language);
    if (set) return { ...set, markdown: blocks(pathLine(names, attribute.name), set.markdown) };
    if (!schema || attribute.valueOffset < 0 || !attribute.valueClosed) return undefined;
    const facts = attributeFactsAt(schema.schema, schema.document, ancestors, element, attribute);
    const value = attributeValue(schema.document.source, element.start, attribute);
    const meaning = valueMeaning(value, facts?.values ?? [], isMemoryAmount(names, attribute.name) ? unitOf(schema.document.source, element) : undefined, language);
    if (!meaning && !facts) return undefined;
    const valueText = text(docs.valueDoc(names, attribute.name, value.trim(), language));
    const docsText = text(docs.attributeDoc(names, attribute.name, language));
    const { from, to } = valueSpan(element.start, attribute);
    return { markdown: blocks(pathLine(names, attribute.name), meaning, valueText, docsText, facts && attributeFactsLine(facts, language)), start: from, end: to };
  }
  if (target.kind === 'attributeName') {
    const { attribute } = target;
    const docsText = text(docs.attributeDoc(names, attribute.name, language));
    const facts = schema && attributeFactsAt(schema.schema, schema.document, ancestors, element, attribute);
    if (!docsText && !facts) return undefined;
    const start = element.start + attribute.nameOffset;
    return {
      markdown: blocks(pathLine(names, attribute.name), docsText && `**\`${attribute.name}\`** · \`<${name}>\`\n\n${docsText}`, facts && attributeFactsLine(facts, language)),
      start,
      end: start + attribute.name.length,
    };
  }
  const found = docs.elementDoc(names, language);
  const facts = schema && elementFactsAt(schema.schema, schema.document, ancestors, element);
  if (!found && !facts) return undefined;
  const nameStart = target.kind === 'startTagName' ? element.start + 1 : element.start + element.node.endTagOffset + 2;
  return {
    markdown: blocks(pathLine(names), found && elementDocs(name, found, language), facts && elementFactsLines(facts, language)),
    start: nameStart,
    end: nameStart + name.length,
  };
}

/** The docs of an element: its heading and section, text, attributes, example and link. */
function elementDocs(name: string, doc: ElementDoc, language: DocsLanguage): string {
  const parts = [`**\`<${name}>\`**${doc.section ? ` · ${SECTION_LABEL[language]}: ${doc.section.text}` : ''}`];
  if (doc.markdown) parts.push(inLanguage(doc.markdown, language));
  if (doc.attributes.size > 0) {
    parts.push(
      [...doc.attributes]
        .map(([attribute, text]) => `- \`${attribute}\`: ${inLanguage(text, language)}`)
        .join('\n'),
    );
  }
  if (doc.example) parts.push('```xml\n' + doc.example + '\n```');
  if (doc.link) parts.push(`[libvirt.org](${doc.link})`);
  return parts.join('\n\n');
}

/** On the text of an element of text only, when the text means something: a memory amount, an enumerated value. */
function textHover(schema: HoverSchema, ancestors: Located<ElementNode>[], offset: number, docs: ElementDocs, language: DocsLanguage): HoverResult | undefined {
  const element = ancestors[ancestors.length - 1];
  if (!element || element.node.children.some((child) => child.kind !== 'text') || element.node.endTagOffset < 0) return undefined;
  const { source: text } = schema.document;
  const span = trimmedContent(text, element);
  if (!span || offset < span.from || offset > span.to) return undefined;
  const names = ancestors.map((a) => a.node.name);
  const content = contentAfterStartTag(schema.schema, schema.document, ancestors.slice(0, -1), element);
  const value = decodeReferences(text.slice(span.from, span.to));
  const meaning = valueMeaning(value, content ? enumeratedValues(schema.schema.derivatives, content) : [], isMemoryAmount(names) ? unitOf(text, element) : undefined, language);
  if (!meaning) return undefined;
  const valueDoc = docs.valueDoc(names, '', value.trim(), language);
  return { markdown: blocks(pathLine(names), meaning, valueDoc && inLanguage(valueDoc, language)), start: span.from, end: span.to };
}

/** The element's content without the whitespace around it; undefined when it is only whitespace. */
function trimmedContent(text: Source, element: Located<ElementNode>): { from: number; to: number } | undefined {
  let from = element.start + element.node.startTagLength;
  let to = element.start + element.node.endTagOffset;
  while (from < to && isWhitespace(text.charCodeAt(from))) from++;
  while (to > from && isWhitespace(text.charCodeAt(to - 1))) to--;
  return from < to ? { from, to } : undefined;
}

/** The element's `unit` attribute; null (the default unit applies) when it has none. */
function unitOf(text: Source, element: Located<ElementNode>): string | null {
  const unit = element.node.attributes.find((a) => a.name === 'unit' && a.valueClosed);
  return unit ? attributeValue(text, element.start, unit) : null;
}

/** A memory amount converted (`unit` null: the default KiB; undefined: not an amount), else an enumerated value among the others. */
function valueMeaning(value: string, allowed: string[], unit: string | null | undefined, language: DocsLanguage): string | undefined {
  if (unit !== undefined) {
    const amount = describeMemoryAmount(value, unit ?? undefined);
    if (amount) return `**${render(amount, language)}**`;
  }
  const enumerated = describeEnumerated(value.trim(), allowed);
  return enumerated && render(enumerated, language);
}

/** `domain › cputune › vcpupin @cpuset` */
function pathLine(names: readonly string[], attribute?: string): string {
  return `\`${names.join(' › ')}${attribute ? ` @${attribute}` : ''}\``;
}

/** "**Schema:** required attribute · allowed values: static | auto" */
function attributeFactsLine(facts: AttributeFacts, language: DocsLanguage): string {
  const what = describeAttributeValue(facts);
  const line = words(facts.required ? 'hover.schema.attribute.required' : 'hover.schema.attribute.optional');
  if (!what) return render(line, language);
  const part = facts.values.length > 0 ? words('hover.allowedValues', { values: what }) : what;
  return render(words('hover.joined', { line, part }), language);
}

/** "**Schema:** optional, repeatable element · 2 attributes allowed; required: `vcpu` · text: …" */
function elementFactsLines(facts: ElementFacts, language: DocsLanguage): string {
  const placement = facts.required ? (facts.repeatable ? 'requiredRepeatable' : 'required') : facts.repeatable ? 'optionalRepeatable' : 'optional';
  const parts: (Words | string)[] = [];
  const required = [...facts.attributes].filter(([, attribute]) => attribute.required).map(([name]) => `\`${name}\``);
  const count = facts.attributes.size;
  const number = count === 1 ? 'one' : 'other';
  if (count === 0) parts.push(words('hover.noAttributes'));
  else if (required.length > 0) parts.push(words(`hover.attributes.${number}.required`, { count, required: commaList(required) }));
  else parts.push(words(`hover.attributes.${number}.none`, { count }));
  if (facts.text) parts.push(words('hover.text', { text: facts.text }));
  const said = parts.reduce<Words>((line, part) => words('hover.joined', { line, part }), words(`hover.schema.element.${placement}`));
  return render(said, language);
}

/** The parts given, one paragraph each. */
function blocks(...parts: (string | undefined)[]): string {
  return parts.filter((part): part is string => !!part).join('\n\n');
}
