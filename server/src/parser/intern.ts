/**
 * What the parser builds once and shares between every tree: names, attributes and attribute
 * lists, looked up by what they hold (hash-consing). A 10 MB domain has 365,000 attributes, and
 * nearly all of them repeat one another: an attribute stores its offsets relative to its element,
 * so `bus='virtio'` in every `<target dev='vda' bus='virtio'/>` is one object, and the list of
 * every `<driver name='qemu' type='qcow2'/>` is one array. Nothing reads them but to compare or
 * to locate text, and nothing writes to them after the parse (nodes.ts): sharing is invisible,
 * and it halved the tree's memory and its share of the parse's time.
 *
 * Each table is open addressing on a hash, bounded: past its limit, new values are made fresh
 * and not kept, so a hostile document cannot grow it without end (all three full hold about
 * 14 MB, for the life of the process).
 */
import { isNameChar, isNameStartChar } from './chars';
import { Attribute, Quote } from './nodes';

/** Slots by `hash & mask`, `free` marking an empty one; `ids` number the values in the order they came. */
class InternTable<T> {
  slots: T[];
  hashes: Int32Array;
  ids: Int32Array;
  mask: number;
  count = 0;

  constructor(
    readonly free: T,
    private readonly limit: number,
  ) {
    this.slots = new Array<T>(1024).fill(free);
    this.hashes = new Int32Array(1024);
    this.ids = new Int32Array(1024);
    this.mask = 1023;
  }

  /** Keeps `value` in `slot` (free, where the search for it ended), unless the table is full; returns its id or -1. */
  add(slot: number, value: T, hash: number): number {
    if (this.count >= this.limit) return -1;
    const id = this.count++;
    this.slots[slot] = value;
    this.hashes[slot] = hash;
    this.ids[slot] = id;
    if (this.count * 2 > this.mask) this.grow();
    return id;
  }

  private grow(): void {
    const { slots, hashes, ids, free } = this;
    this.mask = this.mask * 2 + 1;
    this.slots = new Array<T>(this.mask + 1).fill(free);
    this.hashes = new Int32Array(this.mask + 1);
    this.ids = new Int32Array(this.mask + 1);
    for (let i = 0; i < slots.length; i++) {
      if (slots[i] === free) continue;
      let slot = hashes[i] & this.mask;
      while (this.slots[slot] !== free) slot = (slot + 1) & this.mask;
      this.slots[slot] = slots[i];
      this.hashes[slot] = hashes[i];
      this.ids[slot] = ids[i];
    }
  }
}

// ---- names ------------------------------------------------------------------------------------

const names = new InternTable<string>('', 50_000);

/** The name written at text[start, end): see internHashed. */
export function internName(text: string, start: number, end: number): string {
  let hash = 0;
  for (let p = start; p < end; p++) hash = (Math.imul(hash, 31) + text.charCodeAt(p)) | 0;
  return internHashed(text, start, end, hash);
}

/**
 * The name written at text[start, end), whose hash (as scanHashedName computes it) is `hash`:
 * looked up by its characters where it stands, so a name seen before costs no new string (a
 * slice of a short name is a fresh copy in V8), and every `<disk>` holds the same one. A new name
 * is kept as a small standalone string: a plain slice of a long one would keep the whole (old)
 * document text alive after edits.
 */
export function internHashed(text: string, start: number, end: number, hash: number): string {
  const length = end - start;
  if (length <= 0) return '';
  let slot = hash & names.mask;
  for (;;) {
    const known = names.slots[slot];
    if (known === '') break;
    if (names.hashes[slot] === hash && known.length === length && sameChars(known, text, start)) return known;
    slot = (slot + 1) & names.mask;
  }
  const slice = text.slice(start, end);
  const name = length < 13 ? slice : (' ' + slice).slice(1);
  names.add(slot, name, hash);
  return name;
}

function sameChars(name: string, text: string, start: number): boolean {
  const length = name.length;
  for (let i = 0; i < length; i++) if (name.charCodeAt(i) !== text.charCodeAt(start + i)) return false;
  return true;
}

/**
 * Where `name` ends when it is the whole name written at `start` (before `limit`), else -1: an
 * end tag mostly closes the element just opened, and checking for its name costs one comparison
 * instead of a scan, a hash and a lookup.
 */
export function nameEndIf(text: string, start: number, limit: number, name: string): number {
  const end = start + name.length;
  if (name === '' || end > limit || !sameChars(name, text, start)) return -1;
  if (end === limit) return end;
  const c = text.charCodeAt(end);
  return (c < 128 ? (ASCII_NAME[c] & 2) === 0 : !isNameChar(c)) ? end : -1;
}

/** Bit 1: an ASCII character may start a name; bit 2: it may continue one. */
const ASCII_NAME = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_NAME[c] = (isNameStartChar(c) ? 1 : 0) | (isNameChar(c) ? 2 : 0);

/** The hash of the name scanHashedName found last (one number, not a pair to allocate). */
export let scannedHash = 0;

/** End of the name starting at `start` (== start when there is none), as chars.ts scanName; sets scannedHash. */
export function scanHashedName(text: string, start: number, limit: number): number {
  scannedHash = 0;
  if (start >= limit) return start;
  let c = text.charCodeAt(start);
  if (c < 128 ? (ASCII_NAME[c] & 1) === 0 : !isNameStartChar(c)) return start;
  let hash = c;
  let p = start + 1;
  while (p < limit) {
    c = text.charCodeAt(p);
    if (c < 128 ? (ASCII_NAME[c] & 2) === 0 : !isNameChar(c)) break;
    hash = (Math.imul(hash, 31) + c) | 0;
    p++;
  }
  scannedHash = hash;
  return p;
}

// ---- attributes -------------------------------------------------------------------------------

const NO_ATTRIBUTE: Attribute = { name: '', nameOffset: -1, valueOffset: -1, valueLength: 0, quote: Quote.None, valueClosed: false };
const attributes = new InternTable<Attribute>(NO_ATTRIBUTE, 50_000);

/** The id internAttribute gave its last attribute (-1: not kept), for internAttributes. */
export let attributeId = -1;

/** An attribute with these fields; `nameHash` is its name's hash (scannedHash). Sets attributeId. */
export function internAttribute(
  name: string,
  nameHash: number,
  nameOffset: number,
  valueOffset: number,
  valueLength: number,
  quote: Quote,
  valueClosed: boolean,
): Attribute {
  let hash = Math.imul(nameHash ^ nameOffset, 0x9e3779b1);
  hash = Math.imul(hash ^ valueOffset, 0x85ebca6b);
  hash = Math.imul(hash ^ (valueLength * 8 + quote * 2 + (valueClosed ? 1 : 0)), 0xc2b2ae35);
  hash ^= hash >>> 15;
  let slot = hash & attributes.mask;
  for (;;) {
    const known = attributes.slots[slot];
    if (known === NO_ATTRIBUTE) break;
    if (
      attributes.hashes[slot] === hash &&
      known.name === name &&
      known.nameOffset === nameOffset &&
      known.valueOffset === valueOffset &&
      known.valueLength === valueLength &&
      known.quote === quote &&
      known.valueClosed === valueClosed
    ) {
      attributeId = attributes.ids[slot];
      return known;
    }
    slot = (slot + 1) & attributes.mask;
  }
  const attribute = newAttribute(name, nameOffset, valueOffset, valueLength, quote, valueClosed);
  attributeId = attributes.add(slot, attribute, hash);
  return attribute;
}

export function newAttribute(name: string, nameOffset: number, valueOffset: number, valueLength: number, quote: Quote, valueClosed: boolean): Attribute {
  return { name, nameOffset, valueOffset, valueLength, quote, valueClosed };
}

// ---- attribute lists --------------------------------------------------------------------------

const NO_LIST: Attribute[] = [];
const lists = new InternTable<Attribute[]>(NO_LIST, 20_000);

/**
 * The list of `items[0, count)` (count > 0), shared when each is a kept attribute (`ids[i]` its
 * attributeId, not -1) and the same list came before; else a fresh array of exactly that size.
 */
export function internAttributes(items: Attribute[], ids: Int32Array, count: number): Attribute[] {
  let hash = count;
  for (let i = 0; i < count; i++) {
    if (ids[i] < 0) return exactCopy(items, count);
    hash = Math.imul(hash ^ ids[i], 0x9e3779b1);
  }
  hash ^= hash >>> 15;
  let slot = hash & lists.mask;
  for (;;) {
    const known = lists.slots[slot];
    if (known === NO_LIST) break;
    if (lists.hashes[slot] === hash && known.length === count && sameItems(known, items, count)) return known;
    slot = (slot + 1) & lists.mask;
  }
  const list = exactCopy(items, count);
  lists.add(slot, list, hash);
  return list;
}

function sameItems<T>(known: T[], items: T[], count: number): boolean {
  for (let i = 0; i < count; i++) if (known[i] !== items[i]) return false;
  return true;
}

/**
 * The first `count` items in an array of exactly that size. Attributes and children are
 * collected in reused arrays and copied out: an array grown by push keeps room for 17 entries,
 * and that slack cost a fifth of the tree's memory and, through garbage collection, 30% of the
 * parse's instructions (callgrind, 1 MB document). The literals give V8 allocation sites, which
 * let it allocate these long-lived arrays in the old generation.
 */
export function exactCopy<T>(items: T[], count: number): T[] {
  switch (count) {
    case 0:
      return [];
    case 1:
      return [items[0]];
    case 2:
      return [items[0], items[1]];
    case 3:
      return [items[0], items[1], items[2]];
    case 4:
      return [items[0], items[1], items[2], items[3]];
    case 5:
      return [items[0], items[1], items[2], items[3], items[4]];
    default:
      return items.slice(0, count);
  }
}
