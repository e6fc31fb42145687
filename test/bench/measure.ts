/** What every bench file measures with: medians of wall time, and figures formatted alike. */

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Milliseconds `run` took, and what it returned. */
export function timed<T>(run: () => T): [number, T] {
  const start = process.hrtime.bigint();
  const result = run();
  return [Number(process.hrtime.bigint() - start) / 1e6, result];
}

export function timeMs(run: () => void): number {
  return timed(run)[0];
}

export function fmt(value: number, digits = 3): string {
  return value.toFixed(digits);
}
