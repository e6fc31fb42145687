/**
 * Which of the values the schema lists for an attribute libvirt's documents give it most: the
 * `values` of schemas/element-frequencies.json (scripts/elementFrequencies.ts), in how many
 * elements of a name of libvirt's test domains the attribute has each value. A fix that adds a
 * missing attribute writes the likeliest first (`<boot dev='hd'/>`, not the grammar's first `fd`).
 */
import data from '../../../schemas/element-frequencies.json';

const counts = new Map(Object.entries((data as { values: Record<string, Record<string, number>> }).values).map(([key, row]) => [key, new Map(Object.entries(row))]));

/** The row of the values of `attribute` on elements named `element`. */
export function valuesKey(element: string, attribute: string): string {
  return `${element} ${attribute}`;
}

/** `values` of `attribute` on an `element`, the likeliest first; values as likely keep their order. */
export function likeliestFirst(element: string, attribute: string, values: readonly string[]): string[] {
  const row = counts.get(valuesKey(element, attribute));
  const count = (value: string): number => row?.get(value) ?? 0;
  return row ? [...values].sort((x, y) => count(y) - count(x)) : [...values];
}
