/**
 * How likely an element is under its parent, and an attribute on its element: in how many
 * elements of that name they appear in libvirt's test domains (schemas/element-frequencies.json,
 * written by scripts/elementFrequencies.ts and bundled with the server). Completion puts the
 * likely ones first: `<disk>` and `<interface>` before `<lease>`, a `<cpu>`'s `check` before its
 * `match`.
 */
import data from '../../../schemas/element-frequencies.json';

export interface Frequencies {
  source: { documents: number; generatedBy: string };
  /** Parent name → child element name → count. */
  children: Record<string, Record<string, number>>;
  /** `parent/element` (attributesKey) → attribute name → count. */
  attributes: Record<string, Record<string, number>>;
}

type Table = Map<string, Map<string, number>>;

/** As maps: a name the user types (`constructor`) must not find an object's own properties. */
const asTable = (rows: Frequencies['children']): Table => new Map(Object.entries(rows).map(([owner, row]) => [owner, new Map(Object.entries(row))]));

const frequencies = data as Frequencies;
const children = asTable(frequencies.children);
const attributes = asTable(frequencies.attributes);

/** Widest count a sort key holds; the corpus has about 1,200 documents. */
const MAX = 999_999;

/** A fixed-width sort key that puts a higher count first. */
function rankKey(count: number): string {
  return String(MAX - Math.min(count, MAX)).padStart(6, '0');
}

/** Sort key of `child` under `parent` (undefined: the top level, where only `<domain>` goes). */
export function childRank(parent: string | undefined, child: string): string {
  return rankKey((parent !== undefined && children.get(parent)?.get(child)) || 0);
}

/** The row of the attributes of `element` under `parent`. */
export function attributesKey(parent: string | undefined, element: string): string {
  return `${parent ?? ''}/${element}`;
}

/** Sort key of `attribute` on `element` under `parent`. */
export function attributeRank(parent: string | undefined, element: string, attribute: string): string {
  return rankKey(attributes.get(attributesKey(parent, element))?.get(attribute) ?? 0);
}
