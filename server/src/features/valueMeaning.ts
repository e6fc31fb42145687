/**
 * What a value means beyond its text: a memory amount in its unit and in a readable one
 * (`524288` KiB = 512 MiB), an enumerated value among the others the schema allows.
 */
import { Words, render, words } from '../messages/words';
import { commaList } from '../schema/contentModel';
import { MAX_NUMBER_TEXT } from '../rules/domain';
import { unitBytes } from '../rules/units';

/** Where libvirt reads a memory amount whose `unit` defaults to KiB (formatdomain: Memory Allocation, Memory Tuning, Memory devices). */
const KIB_TEXT_PATHS = [
  'domain/memory',
  'domain/currentMemory',
  'domain/maxMemory',
  'memtune/hard_limit',
  'memtune/soft_limit',
  'memtune/swap_hard_limit',
  'memtune/min_guarantee',
  'devices/memory/target/size',
  'devices/memory/target/requested',
  'devices/memory/target/current',
  'devices/memory/target/block',
  'devices/memory/target/label/size',
  'devices/memory/source/pagesize',
  'devices/memory/source/alignsize',
];
/** Attributes that are memory amounts, scaled by their element's `unit` attribute. */
const KIB_ATTRIBUTE_PATHS = ['hugepages/page@size', 'numa/cell@memory'];

/** Whether the text of the element at `path` (names from the root), or its `attribute`, is a memory amount in `unit` (default KiB). */
export function isMemoryAmount(path: readonly string[], attribute?: string): boolean {
  const joined = path.join('/');
  const places = attribute === undefined ? KIB_TEXT_PATHS : KIB_ATTRIBUTE_PATHS.map((place) => place.replace('@', '\u0000'));
  const key = attribute === undefined ? joined : `${joined}\u0000${attribute}`;
  return places.some((place) => key === place || key.endsWith(`/${place}`));
}

const BINARY_UNITS = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];
const DECIMAL_UNITS = ['bytes', 'KB', 'MB', 'GB', 'TB', 'PB', 'EB'];

/**
 * `value` in `unit` (KiB when undefined) in words: "524288 KiB = 512 MiB (536,870,912 bytes)",
 * "4 GB = 4 GB ≈ 3.73 GiB" is shortened to "4 GB ≈ 3.73 GiB (…)";
 * undefined when it is not a whole number or the unit is not one libvirt knows.
 */
export function describeMemoryAmount(value: string, unit: string | undefined): Words | string | undefined {
  const trimmed = value.trim();
  if (trimmed.length > MAX_NUMBER_TEXT || !/^\d+$/.test(trimmed)) return undefined;
  const scale = unitBytes(unit ?? 'KiB');
  if (scale === undefined) return undefined;
  const bytes = BigInt(trimmed) * scale;
  const decimal = unit !== undefined && /^[kmgtpe]b$/i.test(unit);
  let said: Words | string = `${trimmed} ${unit ?? 'KiB'}`;
  // Decimal amounts are shown in binary units too: that is how memory is counted.
  const shown = new Set([`${grouped(BigInt(trimmed))} ${unit ?? 'KiB'}`]);
  for (const [base, units] of decimal ? ([[1000n, DECIMAL_UNITS], [1024n, BINARY_UNITS]] as const) : ([[1024n, BINARY_UNITS]] as const)) {
    const converted = inUnit(bytes, base, units);
    const english = render(converted.text, 'en');
    if (shown.has(english)) continue;
    shown.add(english);
    said = words('hover.memory.converted', { amount: said, sign: converted.exact ? '=' : '≈', converted: converted.text });
  }
  if (bytes >= 1024n) said = words('hover.memory.total', { amount: said, bytes: words('hover.memory.bytes.other', { n: grouped(bytes) }) });
  if (unit === undefined) said = words('hover.memory.defaultUnit', { amount: said });
  if (bytes % 1024n !== 0n) said = words('hover.memory.roundedUp', { amount: said, kib: grouped((bytes + 1023n) / 1024n) });
  return said;
}

/** `bytes` in the largest binary unit it reaches, with up to two decimals: "4 GiB", "1.5 MiB". */
export function inBinaryUnit(bytes: bigint): string {
  return render(inUnit(bytes, 1024n, BINARY_UNITS).text, 'en');
}

/** `bytes` in the largest of `units` it reaches, with up to two decimals; below the first unit, in bytes. */
function inUnit(bytes: bigint, base: bigint, units: readonly string[]): { text: Words | string; exact: boolean } {
  let index = 0;
  let divisor = 1n;
  while (index < units.length - 1 && bytes >= divisor * base) {
    divisor *= base;
    index++;
  }
  if (index === 0) return { text: words(bytes === 1n ? 'hover.memory.bytes.one' : 'hover.memory.bytes.other', { n: grouped(bytes) }), exact: true };
  const hundredths = (bytes * 100n + divisor / 2n) / divisor;
  const fraction = (hundredths % 100n).toString().padStart(2, '0').replace(/0+$/, '');
  return { text: `${grouped(hundredths / 100n)}${fraction ? `.${fraction}` : ''} ${units[index]}`, exact: bytes * 100n === hundredths * divisor };
}

function grouped(n: bigint): string {
  return n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** An enumerated value among the schema's: "`static`: one of the allowed values (the other: `auto`)". */
export function describeEnumerated(value: string, allowed: readonly string[]): Words | undefined {
  if (allowed.length === 0) return undefined;
  const code = (v: string): string => `\`${v}\``;
  if (!allowed.includes(value)) return words('hover.value.notAllowed', { value: code(value), allowed: commaList(allowed.map(code)) });
  const others = allowed.filter((v) => v !== value);
  if (others.length === 0) return words('hover.value.only', { value: code(value) });
  return words(others.length === 1 ? 'hover.value.oneOf.one' : 'hover.value.oneOf.other', { value: code(value), others: commaList(others.map(code)) });
}
