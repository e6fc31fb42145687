/**
 * The domain as libvirt's rules read it: a typed view over one version of the tree, with the
 * facts most rules need (virt type, arch, machine, devices) read once, and `derived` for the
 * facts a family of rules computes from them (the PCI address map, the disks' drive addresses),
 * computed at most once per document version however many rules ask.
 */
import { Attribute, DocumentNode, ElementNode, attributeValue, elementText, valueSpan } from '../parser/nodes';

/** Absolute offsets of a piece of text: a value, a name, an element. */
export interface Span {
  from: number;
  to: number;
}

/** An element with its absolute start. */
export interface El {
  element: ElementNode;
  start: number;
}

/** An attribute's decoded value and where its text stands. */
export interface AttrValue extends Span {
  name: string;
  value: string;
}

export class Domain {
  readonly root: El;
  /** `<domain type>`: kvm, qemu, xen, lxc, ... */
  readonly virtType: string | undefined;
  /** `<os><type arch>`, as written (libvirt picks the host's arch when it is absent). */
  readonly arch: string | undefined;
  /** `<os><type machine>`, as written. */
  readonly machine: string | undefined;
  /** `<os><type>` text: hvm, linux, xen, exe, ... */
  readonly osType: string | undefined;
  /** The children of every `<devices>`, in document order. */
  readonly devices: readonly El[];
  private readonly derivedFacts = new Map<(domain: Domain) => unknown, unknown>();
  private devicesByName: Map<string, El[]> | undefined;

  private constructor(
    readonly text: string,
    root: El,
  ) {
    this.root = root;
    this.virtType = this.attr(root, 'type')?.value;
    const osType = this.first(['os', 'type']);
    this.arch = osType && this.attr(osType, 'arch')?.value.trim();
    this.machine = osType && this.attr(osType, 'machine')?.value.trim();
    this.osType = osType && this.content(osType).value.trim();
    const devices: El[] = [];
    const lists = this.at(['devices']);
    for (let i = 0; i < lists.length; i++) childElements(lists[i], undefined, devices);
    this.devices = devices;
  }

  /** The domain of a tree whose root element is `<domain>`; undefined for anything else. */
  static of(text: string, tree: DocumentNode): Domain | undefined {
    const root = tree.children.find((child): child is ElementNode => child.kind === 'element');
    if (!root || root.name !== 'domain') return undefined;
    return new Domain(text, { element: root, start: root.offset });
  }

  /** True for the QEMU driver's domains (`type='kvm'` or `type='qemu'`). */
  get isQemu(): boolean {
    return this.virtType === 'kvm' || this.virtType === 'qemu';
  }

  /** The devices named `name` (`disk`, `controller` ...), in document order. */
  devicesNamed(name: string): readonly El[] {
    if (!this.devicesByName) {
      this.devicesByName = new Map();
      for (const device of this.devices) {
        const named = this.devicesByName.get(device.element.name);
        if (named) named.push(device);
        else this.devicesByName.set(device.element.name, [device]);
      }
    }
    return this.devicesByName.get(name) ?? [];
  }

  /** `compute(this)`, computed once per document version: facts derived from the domain that several rules read. */
  derived<T>(compute: (domain: Domain) => T): T {
    const known = this.derivedFacts.get(compute);
    if (known !== undefined || this.derivedFacts.has(compute)) return known as T;
    const value = compute(this);
    this.derivedFacts.set(compute, value);
    return value;
  }

  // The walks below are plain loops: 187 rules run them on every document, mostly before
  // they are optimised, and iterators and flatMap allocate there.

  /** The elements along `path` (names from the root's children down), in document order. */
  at(path: readonly string[], from: El = this.root): El[] {
    const found: El[] = [];
    this.collect(path, 0, from.element, from.start, found);
    return found;
  }

  private collect(path: readonly string[], depth: number, element: ElementNode, start: number, into: El[]): void {
    if (depth === path.length) {
      into.push({ element, start });
      return;
    }
    const children = element.children;
    for (let i = 0; i < children.length; i++) {
      const child = children[i];
      if (child.kind === 'element' && child.name === path[depth]) this.collect(path, depth + 1, child, start + child.offset, into);
    }
  }

  /** The first element along `path`, if any. */
  first(path: readonly string[], from: El = this.root): El | undefined {
    return this.firstFrom(path, 0, from.element, from.start);
  }

  private firstFrom(path: readonly string[], depth: number, element: ElementNode, start: number): El | undefined {
    if (depth === path.length) return { element, start };
    const children = element.children;
    for (let i = 0; i < children.length; i++) {
      const child = children[i];
      if (child.kind !== 'element' || child.name !== path[depth]) continue;
      const found = this.firstFrom(path, depth + 1, child, start + child.offset);
      if (found) return found;
    }
    return undefined;
  }

  /** The child elements of `el` (named `name` when given). */
  children(el: El, name?: string): El[] {
    return childElements(el, name, []);
  }

  child(el: El, name: string): El | undefined {
    const children = el.element.children;
    for (let i = 0; i < children.length; i++) {
      const child = children[i];
      if (child.kind === 'element' && child.name === name) return { element: child, start: el.start + child.offset };
    }
    return undefined;
  }

  /** A complete attribute (its closing quote typed) with its decoded value. */
  attr(el: El, name: string): AttrValue | undefined {
    const attribute = completeAttribute(el.element, name);
    if (!attribute) return undefined;
    const { from, to } = valueSpan(el.start, attribute);
    return { name, value: attributeValue(this.text, el.start, attribute), from, to };
  }

  /** The value of a complete attribute, trimmed, or undefined (read without the span `attr` adds). */
  value(el: El | undefined, name: string): string | undefined {
    const attribute = el && completeAttribute(el.element, name);
    return el && attribute && attributeValue(this.text, el.start, attribute).trim();
  }

  /** The text content of an element without child elements. */
  content(el: El): AttrValue {
    return { name: '#text', ...elementText(this.text, el.start, el.element) };
  }

  /** Where the element's name stands in its start tag: what a finding about the element marks. */
  nameSpan(el: El): Span {
    return { from: el.start + 1, to: el.start + 1 + el.element.name.length };
  }

  /** The whole element, start tag to end tag. */
  span(el: El): Span {
    return { from: el.start, to: el.start + el.element.length };
  }
}

/** Adds the child elements of `el` (named `name` when given) to `into`. */
function childElements(el: El, name: string | undefined, into: El[]): El[] {
  const children = el.element.children;
  for (let i = 0; i < children.length; i++) {
    const child = children[i];
    if (child.kind === 'element' && (name === undefined || child.name === name)) into.push({ element: child, start: el.start + child.offset });
  }
  return into;
}

/** The element's attribute `name` when its value is complete (its closing quote typed). */
function completeAttribute(element: ElementNode, name: string): Attribute | undefined {
  const attributes = element.attributes;
  for (let i = 0; i < attributes.length; i++) {
    const attribute = attributes[i];
    if (attribute.name === name && attribute.valueOffset >= 0 && attribute.valueClosed) return attribute;
  }
  return undefined;
}

/**
 * Text longer than this is not read as a bigint: no value libvirt reads needs as many characters,
 * and turning a pasted run of a million digits into one takes a tenth of a second.
 */
export const MAX_NUMBER_TEXT = 64;

/**
 * A number as libvirt's virStrToLong_ui with base 0 reads it (addresses, indexes): decimal,
 * 0x hexadecimal or leading-0 octal; undefined when it is not one.
 */
export function libvirtNumber(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^0[xX][0-9a-fA-F]+$/.test(trimmed)) return parseInt(trimmed.slice(2), 16);
  if (/^0[0-7]+$/.test(trimmed)) return parseInt(trimmed.slice(1), 8);
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  return undefined;
}

/** A decimal number as virStrToLong_ui with base 10 reads it (counts, ids); undefined when it is not one. */
export function decimalNumber(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  return /^\d+$/.test(trimmed) ? Number(trimmed) : undefined;
}
