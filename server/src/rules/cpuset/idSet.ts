/**
 * A set of CPU/node ids kept as sorted, disjoint, non-adjacent runs: a few runs cover what a
 * 16384-bit bitmap would, and the runs are already the canonical form libvirt prints.
 */

/** An inclusive run of ids, `first <= last`. */
export type IdRange = readonly [first: number, last: number];

export class IdSet {
  /** Sorted; runs never touch or overlap (adjacent runs are merged). */
  private runs: [number, number][] = [];

  static of(ranges: Iterable<IdRange>): IdSet {
    const set = new IdSet();
    for (const [first, last] of ranges) set.add(first, last);
    return set;
  }

  copy(): IdSet {
    const set = new IdSet();
    set.runs = this.runs.map(([a, b]) => [a, b]);
    return set;
  }

  ranges(): readonly IdRange[] {
    return this.runs;
  }

  get isEmpty(): boolean {
    return this.runs.length === 0;
  }

  get count(): number {
    let n = 0;
    for (const [a, b] of this.runs) n += b - a + 1;
    return n;
  }

  has(id: number): boolean {
    for (const [a, b] of this.runs) {
      if (id < a) return false;
      if (id <= b) return true;
    }
    return false;
  }

  /** How many of the ids first..last are in the set. */
  countIn(first: number, last: number): number {
    let n = 0;
    for (const [a, b] of this.runs) {
      if (a > last) break;
      const lo = Math.max(a, first);
      const hi = Math.min(b, last);
      if (lo <= hi) n += hi - lo + 1;
    }
    return n;
  }

  add(first: number, last: number): void {
    const runs = this.runs;
    // Runs that overlap or touch first..last are merged into one.
    let i = 0;
    while (i < runs.length && runs[i][1] < first - 1) i++;
    let j = i;
    let lo = first;
    let hi = last;
    while (j < runs.length && runs[j][0] <= last + 1) {
      lo = Math.min(lo, runs[j][0]);
      hi = Math.max(hi, runs[j][1]);
      j++;
    }
    runs.splice(i, j - i, [lo, hi]);
  }

  remove(first: number, last: number): void {
    const kept: [number, number][] = [];
    for (const [a, b] of this.runs) {
      if (b < first || a > last) {
        kept.push([a, b]);
        continue;
      }
      if (a < first) kept.push([a, first - 1]);
      if (b > last) kept.push([last + 1, b]);
    }
    this.runs = kept;
  }

  intersect(other: IdSet): IdSet {
    const result = new IdSet();
    for (const [a, b] of this.runs) {
      for (const [c, d] of other.runs) {
        const lo = Math.max(a, c);
        const hi = Math.min(b, d);
        if (lo <= hi) result.runs.push([lo, hi]);
      }
    }
    return result;
  }

  subtract(other: IdSet): IdSet {
    const result = this.copy();
    for (const [a, b] of other.runs) result.remove(a, b);
    return result;
  }

  equals(other: IdSet): boolean {
    return (
      this.runs.length === other.runs.length &&
      this.runs.every(([a, b], i) => a === other.runs[i][0] && b === other.runs[i][1])
    );
  }

  /** libvirt's virBitmapFormat: ascending runs, `N` alone or `N-M` (a run of two is `1-2`), comma-separated. */
  format(): string {
    return formatRanges(this.runs);
  }
}

export function formatRanges(ranges: readonly IdRange[]): string {
  return ranges.map(([a, b]) => (a === b ? String(a) : `${a}-${b}`)).join(',');
}
