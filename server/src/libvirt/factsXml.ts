/**
 * Reading the documents libvirt answers with (`virsh capabilities`, `virsh domcapabilities`)
 * through our own parser: elements by name, attributes, text. Tolerant like the parser (a
 * malformed answer yields what can be read), and bounded: a document over MAX_FACTS_LENGTH is
 * refused, and every list read is cut at a count no real host comes near, so a hostile answer
 * costs one linear parse and no more.
 */
import { ElementNode, attributeValue, elementText } from '../parser/nodes';
import { parseDocument } from '../parser/parse';

/** Larger than any capabilities document of a real host (a 1,000-CPU host's is about 1 MB). */
export const MAX_FACTS_LENGTH = 8 * 1024 * 1024;
/** The most items any one list keeps (CPUs, machines, CPU models, enum values…). */
export const MAX_LIST = 65_536;

export class FactsError extends Error {}

/** An element with its absolute start, in one parsed answer. */
export interface FactsElement {
  element: ElementNode;
  start: number;
}

export class FactsDocument {
  private constructor(
    private readonly source: string,
    readonly root: FactsElement,
  ) {}

  /** The answer parsed; throws FactsError when it is too large or its root is not `rootName`. */
  static parse(text: string, rootName: string): FactsDocument {
    if (text.length > MAX_FACTS_LENGTH) throw new FactsError(`the <${rootName}> document is ${Math.round(text.length / 1048576)} MB, over the ${MAX_FACTS_LENGTH >> 20} MB read`);
    const tree = parseDocument(text);
    const root = tree.children.find((child): child is ElementNode => child.kind === 'element');
    if (!root || root.name !== rootName) throw new FactsError(`the answer is not a <${rootName}> document`);
    return new FactsDocument(text, { element: root, start: root.offset });
  }

  /** The child elements of `el` named `name`, in document order (at most MAX_LIST). */
  children(el: FactsElement, name?: string): FactsElement[] {
    const found: FactsElement[] = [];
    for (const child of el.element.children) {
      if (child.kind !== 'element' || (name !== undefined && child.name !== name)) continue;
      found.push({ element: child, start: el.start + child.offset });
      if (found.length >= MAX_LIST) break;
    }
    return found;
  }

  child(el: FactsElement | undefined, name: string): FactsElement | undefined {
    if (!el) return undefined;
    for (const child of el.element.children) if (child.kind === 'element' && child.name === name) return { element: child, start: el.start + child.offset };
    return undefined;
  }

  /** The first element along `path` below `el`. */
  at(el: FactsElement | undefined, path: readonly string[]): FactsElement | undefined {
    let current = el;
    for (const name of path) current = this.child(current, name);
    return current;
  }

  attr(el: FactsElement | undefined, name: string): string | undefined {
    if (!el) return undefined;
    const attribute = el.element.attributes.find((a) => a.name === name && a.valueOffset >= 0);
    return attribute && attributeValue(this.source, el.start, attribute).trim();
  }

  /** The element's text, trimmed. */
  text(el: FactsElement | undefined): string | undefined {
    return el && elementText(this.source, el.start, el.element).value.trim();
  }

  /** `supported='yes'` → true, `'no'` → false, absent → undefined. */
  supported(el: FactsElement | undefined): boolean | undefined {
    const value = this.attr(el, 'supported');
    return value === 'yes' ? true : value === 'no' ? false : undefined;
  }
}

/** A non-negative decimal integer, or undefined. */
export function wholeNumber(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d{1,15}$/.test(value)) return undefined;
  return Number(value);
}

const UNIT_SCALE: Record<string, number> = { b: 1 / 1024, bytes: 1 / 1024, k: 1, kib: 1, kb: 1000 / 1024, m: 1024, mib: 1024, mb: 1e6 / 1024, g: 1024 ** 2, gib: 1024 ** 2, gb: 1e9 / 1024 };

/** A size with its unit (libvirt writes KiB) in KiB, or undefined. */
export function kibibytes(value: string | undefined, unit: string | undefined): number | undefined {
  const number = wholeNumber(value);
  const scale = UNIT_SCALE[(unit ?? 'KiB').toLowerCase()];
  return number === undefined || scale === undefined ? undefined : number * scale;
}
