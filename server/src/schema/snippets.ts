/**
 * Elements and attributes written out with what the schema requires of them, as snippets (tab
 * stops, a choice of the listed values): what completion inserts, and what a fix adds for a
 * missing attribute or child. `plainText` gives the text an editor without snippets gets.
 */
import { Derivatives, Expectations, P, QName } from './derivatives';
import { Namespaces, afterElement, describeName, enumeratedValues, requiredNames, writtenName } from './contentModel';
import { NameClass, listedNames } from './patterns';

export type QuoteChar = "'" | '"';

/** What writing a snippet needs: the schema, and the quotes around attribute values. */
export interface SnippetContext {
  d: Derivatives;
  expect: Expectations;
  quote: QuoteChar;
}

/** Nesting of required children an element snippet writes out. */
const SNIPPET_DEPTH = 2;

/** Tab stops numbered across everything one snippet holds. */
export class TabStops {
  private last = 0;

  next(): number {
    return ++this.last;
  }
}

export interface ElementSnippet {
  /** The element, starting with `<`; nested lines start with `\n` and a tab per level. */
  snippet: string;
  /** Its content after the start tag with the required attributes written. */
  content: P;
}

/**
 * The element with its required attributes (a choice of the allowed values where the schema
 * lists them, in `c.quote`) and its required children, as a snippet starting with `<`. An
 * element whose attributes are all optional gets a tab stop where they go instead, so a space
 * there asks for them: `<vcpu$1>$0</vcpu>`. Self-closing when it may be empty and either allows
 * nothing inside or is an element of attributes (no text): `<boot dev='…'/>`, `<apic$1/>`,
 * `<pae/>`; otherwise open for its content: `<devices>$0</devices>`. With `finalCursor` false
 * (several elements in one snippet), no `$0`: its content gets a numbered stop instead.
 */
export function elementSnippet(
  c: SnippetContext,
  p: P,
  name: QName,
  written: string,
  namespaces: Namespaces,
  stops = new TabStops(),
  finalCursor = true,
): ElementSnippet {
  let topContent = p;
  const write = (at: P, elementName: QName, elementWritten: string, depth: number, indent: string): string => {
    const open = c.d.startTagOpen(at, elementName);
    let tag = open;
    let head = `<${elementWritten}`;
    const required = requiredAttributes(c, open, namespaces);
    for (const attribute of required) {
      head += ` ${attribute.written}=${c.quote}${placeholder(stops.next(), attribute.values, c.quote)}${c.quote}`;
      tag = c.d.attribute(tag, attribute.name, undefined);
    }
    const takesAttributes = c.expect.attributes(open).length > 0;
    if (required.length === 0 && takesAttributes) head += `$${stops.next()}`;
    const closed = c.d.startTagClose(tag);
    const content = closed.kind === 'notAllowed' ? c.d.startTagCloseForgiving(tag) : closed;
    const top = depth === 0;
    if (top) topContent = content;
    const cursor = top && finalCursor;
    const children = depth < SNIPPET_DEPTH ? requiredChildren(c, content, namespaces) : [];
    if (children.length > 0) {
      let body = '';
      let q = content;
      for (const child of children) {
        body += `\n${indent}\t${write(q, child.name, child.written, depth + 1, `${indent}\t`)}`;
        q = afterElement(c.d, q, child.name);
      }
      return `${head}>${body}${cursor ? `\n${indent}\t$0` : ''}\n${indent}</${elementWritten}>`;
    }
    const values = enumeratedValues(c.d, content);
    const hasText = takesText(content);
    const takesElements = c.expect.elementNames(content).length > 0;
    if (values.length > 0) return `${head}>${placeholder(stops.next(), values, '')}</${elementWritten}>`;
    const canBeEmpty = c.d.endTag(content).kind !== 'notAllowed';
    if (canBeEmpty && !hasText && (!takesElements || takesAttributes)) return `${head}/>`;
    return `${head}>${cursor ? '$0' : `$${stops.next()}`}</${elementWritten}>`;
  };
  const snippet = write(p, name, written, 0, '');
  return { snippet, content: topContent };
}

export interface RequiredAttribute {
  name: QName;
  written: string;
  values: string[];
}

/**
 * The attributes every way through the start tag `open` needs, with the values the schema lists
 * for them. Only those: an optional one written out looks required (`<disk type='file'>` is
 * libvirt's default), and the tab stop for optional attributes offers it anyway.
 */
export function requiredAttributes(c: SnippetContext, open: P, namespaces: Namespaces): RequiredAttribute[] {
  const attributes = c.expect.attributes(open);
  const found: RequiredAttribute[] = [];
  for (const required of requiredNames(c.d, open, 'attribute')) {
    const patterns = attributes.filter((a) => describeName(a.name) === required);
    const name = patterns.flatMap((a) => listedNames(a.name))[0];
    const written = name && writtenName(name, namespaces, false);
    if (!name || !written) continue;
    found.push({ name, written, values: [...new Set(patterns.flatMap((a) => c.d.listedValues(a).values))] });
  }
  return found;
}

/**
 * The child elements every way through `content` needs, in the order they may come: each the
 * first of those still to place (in the grammar's order) that may come after the one before.
 */
export function requiredChildren(c: SnippetContext, content: P, namespaces: Namespaces): { name: QName; written: string }[] {
  const children: { name: QName; written: string }[] = [];
  const remaining = requiredNames(c.d, content, 'element');
  let q = content;
  while (remaining.length > 0) {
    // By name, the first name class of each (as listed in the grammar's order).
    const allowed = new Map<string, NameClass>();
    for (const n of c.expect.elementNames(q)) if (!allowed.has(describeName(n))) allowed.set(describeName(n), n);
    const index = remaining.findIndex((required) => allowed.has(required));
    if (index < 0) break;
    const [required] = remaining.splice(index, 1);
    const name = listedNames(allowed.get(required)!)[0];
    const written = name && writtenName(name, namespaces, true);
    if (!name || !written) continue;
    children.push({ name, written });
    q = afterElement(c.d, q, name);
  }
  return children;
}

/** Whether text (free, typed or fixed) may come at `p`. */
export function takesText(p: P): boolean {
  const seen = new Set<number>();
  const visit = (q: P): boolean => {
    if (seen.has(q.id)) return false;
    seen.add(q.id);
    switch (q.kind) {
      case 'text':
      case 'data':
      case 'value':
      case 'list':
        return true;
      case 'choice':
      case 'interleave':
      case 'group':
        return visit(q.a) || visit(q.b);
      case 'after':
        return visit(q.a);
      case 'oneOrMore':
        return visit(q.p);
      default:
        return false;
    }
  };
  return visit(p);
}

/** A tab stop: a choice of the values when there are some, escaped for text ('') or a value between `quote`s. */
export function placeholder(stop: number, values: string[], quote: QuoteChar | ''): string {
  if (values.length === 0) return `$${stop}`;
  return `\${${stop}|${values.map((v) => escapeXml(v, quote).replace(/[\\,|$}]/g, '\\$&')).join(',')}|}`;
}

/** The text a snippet inserts where snippets are not taken: each choice its first value, other stops empty. */
export function plainText(snippet: string): string {
  return snippet.replace(/\$\{\d+\|((?:[^\\,|]|\\.)*)(?:,(?:[^\\,|]|\\.)*)*\|\}|\$\d+/g, (_stop, first: string | undefined) =>
    first === undefined ? '' : first.replace(/\\(.)/g, '$1'),
  );
}

export function escapeXml(value: string, quote: string): string {
  let escaped = value.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  if (quote === '"') escaped = escaped.replace(/"/g, '&quot;');
  else if (quote === "'") escaped = escaped.replace(/'/g, '&apos;');
  return escaped;
}
