/**
 * Which of the values the schema lists for an attribute libvirt's documents give it most:
 * schemas/value-frequencies.json (scripts/elementFrequencies.ts), in how many elements of a name
 * of libvirt's test domains the attribute has each value. A fix that adds a missing attribute
 * writes the likeliest first (`<boot dev='hd'/>`, not the grammar's first `fd`).
 */

export interface ValueFrequencies {
  source: { documents: number; generatedBy: string };
  /** `element attribute` (valuesKey) → value → count. */
  values: Record<string, Record<string, number>>;
}

/** The counts by valuesKey, read when a fix first asks: a check that finds nothing loads none (required here, the bundle evaluates them only then). */
let counts: Map<string, Map<string, number>> | undefined;

function countsByKey(): Map<string, Map<string, number>> {
  counts ??= new Map(Object.entries((require('../../../schemas/value-frequencies.json') as ValueFrequencies).values).map(([key, row]) => [key, new Map(Object.entries(row))]));
  return counts;
}

/** The row of the values of `attribute` on elements named `element`. */
export function valuesKey(element: string, attribute: string): string {
  return `${element} ${attribute}`;
}

/** `values` of `attribute` on an `element`, the likeliest first; values as likely keep their order. */
export function likeliestFirst(element: string, attribute: string, values: readonly string[]): string[] {
  const row = countsByKey().get(valuesKey(element, attribute));
  const count = (value: string): number => row?.get(value) ?? 0;
  return row ? [...values].sort((x, y) => count(y) - count(x)) : [...values];
}
