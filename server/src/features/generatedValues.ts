/**
 * Fixes for the values that have a generator: the domain's `<uuid>`, an interface's MAC address,
 * and a memory amount's unit. A pass over the schema's findings, run once per document version:
 * a `bad-value` or `bad-attribute-value` on one of these gets its fix. The fixes are made here,
 * in absolute offsets, after validation's memo has been read: nothing of them is remembered
 * across versions, so no edit has to move them.
 *
 * - `<uuid>`: libvirt reads a UUID liberally (virUUIDParse, src/util/viruuid.c: 32 hex digits,
 *   with `-` and spaces between the pairs and whitespace around); one it reads is written in the
 *   canonical form (safe: the same UUID), anything else replaced by a fresh random one (version 4,
 *   as virUUIDGenerate makes them; a new identity, so not safe).
 * - A missing `<uuid>` is not reported: libvirt generates one at define (virDomainDefParseIDs,
 *   src/conf/domain_conf.c), and most hand-written and test documents leave it out.
 * - `<mac address>`: one virMacAddrParse (src/util/virmacaddr.c) reads as a unicast address
 *   (one or two hex digits per byte) is written canonically (safe); a multicast one (the low bit of
 *   the first byte set: virDomainNetDefParseXML refuses it) or one libvirt cannot read is replaced
 *   by a fresh `52:54:00:xx:xx:xx` (QEMU's locally administered prefix, the one libvirt generates
 *   with) that no other interface of the document uses.
 * - `unit`: virScaleInteger (src/util/virutil.c) knows, in any case, `b`, `byte`, `bytes`, and for
 *   each of k, m, g, t, p, e the letter alone or followed by `iB` (powers of 1024) or `B` (powers
 *   of 1000). A spelling whose meaning is clear (`GiByte`, `gibibytes`, `MBs`, `Gi`) becomes the
 *   unit (safe); `GByte` and `gigabytes` could mean either power, so both are offered, the
 *   literal `GB` first.
 */
import { Finding, Fix, wordedTitle } from '../finding';
import { words } from '../messages/words';
import { DocumentNode, ElementNode, attributeValue, elementText, valueSpan } from '../parser/nodes';
import { Source } from '../parser/pieceText';
import { pathAt } from '../parser/tree';

/** Where random values come from: the system's generator, or a fixed one in tests. */
export interface RandomSource {
  bytes(count: number): Uint8Array;
}

// node:crypto is loaded on first use: most checks generate nothing.
export const systemRandom: RandomSource = { bytes: (count) => (require('node:crypto') as typeof import('node:crypto')).randomBytes(count) };

/**
 * The values generated for the fixes, remembered by what they replace (its text, and which of
 * the values with that text it is), so that every check of a document offers the same ones: a
 * fix's title does not change at each keystroke elsewhere, and a check from scratch finds what
 * the incremental one found. Bounded: the oldest are forgotten.
 */
export class Generator {
  private readonly values = new Map<string, string>();

  constructor(
    private readonly random: RandomSource = systemRandom,
    private readonly capacity = 1024,
  ) {}

  /** The value remembered for `key` if `usable` still takes it, else a new one from `make` (undefined when it finds none). */
  value(key: string, make: (random: RandomSource) => string | undefined, usable: (value: string) => boolean = () => true): string | undefined {
    const known = this.values.get(key);
    if (known !== undefined && usable(known)) return known;
    const made = make(this.random);
    if (made === undefined) return undefined;
    this.values.delete(key);
    this.values.set(key, made);
    if (this.values.size > this.capacity) this.values.delete(this.values.keys().next().value as string);
    return made;
  }
}

const systemGenerator = new Generator();

/** The titles, in one place (messages/en/fixes.ts). */
const TITLES = {
  canonicalUuid: (uuid: string) => wordedTitle(words('fixes.uuid.canonical', { uuid })),
  freshUuid: () => wordedTitle(words('fixes.uuid.fresh')),
  canonicalMac: (mac: string) => wordedTitle(words('fixes.mac.canonical', { mac })),
  freshMac: (mac: string) => wordedTitle(words('fixes.mac.fresh', { mac })),
  unit: (unit: string) => wordedTitle(words('fixes.change', { name: unit })),
};

/** `findings` with the fixes of the generated values added (as new objects: the ones given are validation's, and may be remembered). */
export function withGeneratedValues(findings: readonly Finding[], source: Source, tree: DocumentNode, generator: Generator = systemGenerator): Finding[] {
  const context = new Context(source, tree, generator);
  return findings.map((finding) => {
    if (finding.code !== 'bad-value' && finding.code !== 'bad-attribute-value') return finding;
    const fixes = fixesFor(finding, context);
    return fixes ? { ...finding, fixes: [...(finding.fixes ?? []), ...fixes] } : finding;
  });
}

class Context {
  /** The `<domain>` root and its start; undefined for any other root. */
  readonly root: { element: ElementNode; start: number } | undefined;
  private macs: Set<string> | undefined;
  /** How many values with the same text have been given a generated one in this pass. */
  private readonly occurrences = new Map<string, number>();

  constructor(
    readonly source: Source,
    readonly tree: DocumentNode,
    private readonly generator: Generator,
  ) {
    const element = tree.children.find((child): child is ElementNode => child.kind === 'element');
    this.root = element?.name === 'domain' ? { element, start: element.offset } : undefined;
  }

  /** A random 52:54:00 MAC address, for the bad value `written`, that no `<interface><mac>` of the document uses. */
  freshMac(written: string): string | undefined {
    const used = this.usedMacs();
    const mac = this.generator.value(
      this.keyOf('mac', written),
      (random) => {
        for (let attempt = 0; attempt < 64; attempt++) {
          const [a, b, c] = random.bytes(3);
          const candidate = formatMac([0x52, 0x54, 0x00, a, b, c]);
          if (!used.has(candidate)) return candidate;
        }
        return undefined;
      },
      (known) => !used.has(known),
    );
    if (mac) used.add(mac);
    return mac;
  }

  /** A random UUID (version 4, as virUUIDGenerate makes them) for the bad value `written`. */
  freshUuid(written: string): string {
    return this.generator.value(this.keyOf('uuid', written), (random) => {
      const bytes = random.bytes(16);
      bytes[6] = (bytes[6] & 0x0f) | 0x40;
      bytes[8] = (bytes[8] & 0x3f) | 0x80;
      return formatUuid(bytes);
    }) as string;
  }

  private keyOf(kind: string, written: string): string {
    const key = `${kind}\0${written}`;
    const seen = this.occurrences.get(key) ?? 0;
    this.occurrences.set(key, seen + 1);
    return `${key}\0${seen}`;
  }

  /** The MAC addresses of the domain's interfaces, canonical; read once, when a fix needs them. */
  private usedMacs(): Set<string> {
    if (this.macs) return this.macs;
    const macs = new Set<string>();
    const root = this.root;
    for (const devices of root ? childElements(root.element, root.start, 'devices') : []) {
      for (const device of childElements(devices.element, devices.start, 'interface')) {
        for (const mac of childElements(device.element, device.start, 'mac')) {
          const address = mac.element.attributes.find((a) => a.name === 'address');
          const bytes = address && parseMac(attributeValue(this.source, mac.start, address));
          if (bytes) macs.add(formatMac(bytes));
        }
      }
    }
    return (this.macs = macs);
  }
}

function fixesFor(finding: Finding, context: Context): Fix[] | undefined {
  const path = pathAt(context.tree, finding.start);
  let depth = path.length - 1;
  while (depth > 0 && path[depth].node.kind !== 'element') depth--;
  if (depth === 0) return undefined;
  const element = path[depth].node as ElementNode;
  const start = path[depth].start;
  const parent = path[depth - 1].node;
  if (finding.code === 'bad-value') {
    return element.name === 'uuid' && parent === context.root?.element ? uuidFixes(element, start, context) : undefined;
  }
  // The schema marks the whole value, its quotes with it.
  const attribute = element.attributes.find((a) => a.valueOffset >= 0 && a.valueClosed && start + a.valueOffset <= finding.start && finding.start < start + a.valueOffset + a.valueLength);
  if (!attribute) return undefined;
  const span = valueSpan(start, attribute);
  const value = attributeValue(context.source, start, attribute);
  if (element.name === 'mac' && attribute.name === 'address' && parent.kind === 'element' && parent.name === 'interface') return macFixes(value, span, context);
  if (attribute.name === 'unit' && element.name !== 'address') return unitFixes(value, span);
  return undefined;
}

function uuidFixes(element: ElementNode, start: number, context: Context): Fix[] | undefined {
  if (element.children.some((child) => child.kind !== 'text')) return undefined;
  const content = elementText(context.source, start, element);
  const bytes = parseUuid(content.value);
  if (bytes) return [{ ...TITLES.canonicalUuid(formatUuid(bytes)), start: content.from, end: content.to, newText: formatUuid(bytes), safe: true }];
  return [{ ...TITLES.freshUuid(), start: content.from, end: content.to, newText: context.freshUuid(content.value), safe: false }];
}

function macFixes(value: string, span: { from: number; to: number }, context: Context): Fix[] | undefined {
  const bytes = parseMac(value.trim());
  if (bytes && (bytes[0] & 1) === 0) return [{ ...TITLES.canonicalMac(formatMac(bytes)), start: span.from, end: span.to, newText: formatMac(bytes), safe: true }];
  const fresh = context.freshMac(value);
  return fresh ? [{ ...TITLES.freshMac(fresh), start: span.from, end: span.to, newText: fresh, safe: false }] : undefined;
}

function unitFixes(value: string, span: { from: number; to: number }): Fix[] | undefined {
  const known = knownUnit(value);
  if (!known) return undefined;
  return known.units.map((unit, index) => ({ ...TITLES.unit(unit), start: span.from, end: span.to, newText: unit, safe: known.safe, ...(index === 0 && known.units.length > 1 ? { preferred: true } : {}) }));
}

/** How libvirt writes a unit: `KiB`, `GB`. */
function unitName(prefix: string, binary: boolean): string {
  return `${prefix.toUpperCase()}${binary ? 'iB' : 'B'}`;
}

/**
 * The unit libvirt knows that a spelling it does not stands for: one when the meaning is clear
 * (safe), the decimal and the binary one when the spelling names neither power.
 */
export function knownUnit(written: string): { units: string[]; safe: boolean } | undefined {
  const trimmed = written.trim();
  if (isKnownUnit(trimmed)) return trimmed === written ? undefined : { units: [trimmed], safe: true };
  const value = trimmed.toLowerCase();
  // The prefixes' words all start with their letter: kilo, kibi ... exa, exbi.
  const word = /^(kilo|mega|giga|tera|peta|exa|kibi|mebi|gibi|tebi|pebi|exbi)bytes?$/.exec(value);
  const letter = /^([kmgtpe])(i?)(bytes?|bs|)$/.exec(value);
  let prefix: string;
  let binary: boolean | undefined;
  if (word) {
    prefix = word[1][0];
    binary = word[1].endsWith('bi') ? true : undefined;
  } else if (letter) {
    prefix = letter[1];
    binary = letter[2] ? true : letter[3] === 'bs' ? false : undefined;
  } else return undefined;
  if (binary === undefined) return { units: [unitName(prefix, false), unitName(prefix, true)], safe: false };
  return { units: [unitName(prefix, binary)], safe: true };
}

/** virScaleInteger's suffixes, in any case. */
function isKnownUnit(unit: string): boolean {
  return /^(b|bytes?|[kmgtpe](i?b)?)$/i.test(unit);
}

function childElements(element: ElementNode, start: number, name: string): { element: ElementNode; start: number }[] {
  const found: { element: ElementNode; start: number }[] = [];
  for (const child of element.children) if (child.kind === 'element' && child.name === name) found.push({ element: child, start: start + child.offset });
  return found;
}

const hex = (byte: number) => byte.toString(16).padStart(2, '0');

/** virUUIDParse: the 16 bytes of a UUID libvirt reads, or undefined. */
export function parseUuid(text: string): Uint8Array | undefined {
  const trimmed = text.trim();
  const bytes = new Uint8Array(16);
  let count = 0;
  for (let i = 0; i < trimmed.length; ) {
    // After the 16th byte only the whitespace trimmed away may follow.
    if (count === 16) return undefined;
    if (trimmed[i] === '-' || trimmed[i] === ' ') {
      i++;
      continue;
    }
    const pair = trimmed.slice(i, i + 2);
    if (!/^[0-9a-fA-F]{2}$/.test(pair)) return undefined;
    bytes[count++] = parseInt(pair, 16);
    i += 2;
  }
  return count === 16 ? bytes : undefined;
}

function formatUuid(bytes: Uint8Array): string {
  const digits = Array.from(bytes, hex).join('');
  return `${digits.slice(0, 8)}-${digits.slice(8, 12)}-${digits.slice(12, 16)}-${digits.slice(16, 20)}-${digits.slice(20)}`;
}

/** virMacAddrParse: six bytes of one or two hex digits each, separated by `:`; undefined otherwise. */
export function parseMac(text: string): number[] | undefined {
  const parts = text.split(':');
  if (parts.length !== 6 || !parts.every((part) => /^[0-9a-fA-F]{1,2}$/.test(part))) return undefined;
  return parts.map((part) => parseInt(part, 16));
}

function formatMac(bytes: ArrayLike<number>): string {
  return Array.from(bytes, hex).join(':');
}
