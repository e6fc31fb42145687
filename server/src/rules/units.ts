/** Memory units as libvirt reads them. */

const PREFIXES = 'kmgtpe';

/**
 * Bytes in one `unit`, as libvirt reads it (virScaleInteger): case does not matter; `b`, `byte`,
 * `bytes`; a prefix k…e alone or with `iB` is a power of 1024, with `B` a power of 1000.
 */
export function unitBytes(unit: string): bigint | undefined {
  const lower = unit.toLowerCase();
  if (lower === 'b' || lower === 'byte' || lower === 'bytes') return 1n;
  const power = PREFIXES.indexOf(lower[0]) + 1;
  if (power === 0) return undefined;
  const rest = lower.slice(1);
  if (rest === '' || rest === 'ib') return 1024n ** BigInt(power);
  if (rest === 'b') return 1000n ** BigInt(power);
  return undefined;
}
