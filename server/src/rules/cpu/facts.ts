/**
 * Facts several CPU and memory rules read, computed once per document version through
 * `domain.derived`: the vCPU counts (virDomainVcpuParse), the CPU topology
 * (virCPUDefParseXML), the guest NUMA cells (virDomainNumaDefParseXML), the memory sizes
 * (virDomainParseMemory) and the memory devices (virDomainMemoryDefParseXML).
 *
 * Sizes are kept in KiB as bigint: libvirt holds them in unsigned long long and some checks
 * (alignment overflow) happen right at 2^53, where a JS number stops being exact.
 */
import { evaluateSet } from '../cpuset/evaluate';
import { IdSet } from '../cpuset/idSet';
import { AttrValue, Domain, El, MAX_NUMBER_TEXT, Span, decimalNumber } from '../domain';
import { unitBytes } from '../units';

/** A value with where it is written. */
export interface Located<T> {
  value: T;
  span: Span;
}

/** The element's text, trimmed, with the span of the trimmed text. */
export function trimmedText(domain: Domain, el: El): AttrValue {
  const content = domain.content(el);
  const raw = domain.text.slice(content.from, content.to);
  const lead = raw.length - raw.trimStart().length;
  const trail = raw.length - raw.trimEnd().length;
  if (raw.trim() === '') return { ...content, value: content.value.trim() };
  return { name: '#text', value: content.value.trim(), from: content.from + lead, to: content.to - trail };
}

/** A non-negative decimal integer as bigint (virStrToLong_ull, base 10); undefined otherwise. */
export function bigDecimal(value: string | undefined): bigint | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  return trimmed.length <= MAX_NUMBER_TEXT && /^\d+$/.test(trimmed) ? BigInt(trimmed) : undefined;
}

/** LLONG_MAX: the largest byte count virDomainParseMemory accepts. */
export const LLONG_MAX = (1n << 63n) - 1n;

/** The bytes in one `unit` as virScaleInteger reads it (case-insensitive); undefined for an unknown unit. */
export function unitScale(unit: string | undefined, fallback: bigint): bigint | undefined {
  return unit === undefined || unit.trim() === '' ? fallback : unitBytes(unit.trim());
}

/**
 * A memory size in KiB as virDomainParseMemory reads it: a decimal number scaled by its unit
 * (KiB by default), rounded up to whole KiB; undefined when libvirt would not read it.
 */
export function memoryKiB(value: string | undefined, unit: string | undefined, defaultScale = 1024n): bigint | undefined {
  const number = bigDecimal(value);
  const scale = unitScale(unit, defaultScale);
  if (number === undefined || scale === undefined) return undefined;
  const bytes = number * scale;
  if (bytes > LLONG_MAX) return undefined;
  return (bytes + 1023n) / 1024n;
}

/** An element like `<size unit='KiB'>N</size>` read as KiB. */
export function elementKiB(domain: Domain, el: El | undefined): Located<bigint> | undefined {
  if (!el) return undefined;
  const text = trimmedText(domain, el);
  const kib = memoryKiB(text.value, domain.value(el, 'unit'));
  return kib === undefined ? undefined : { value: kib, span: text };
}

/** How libvirt prints a KiB count in its messages. */
export function formatKiB(kib: bigint): string {
  return `${kib} KiB`;
}

// ---------------------------------------------------------------------------------------------
// vCPUs and topology

export interface VcpuFacts {
  /** `<vcpu>`, when present. */
  el: El | undefined;
  /** The maximum vCPU count (1 when `<vcpu>` is absent); undefined when the text is not a number. */
  max: number | undefined;
  maxSpan: Span | undefined;
  /** The vCPUs online at boot: `current`, else the maximum. */
  current: number | undefined;
  currentSpan: Span | undefined;
  /** `<vcpus>` lists the vCPUs one by one (then the counts come from there). */
  hasVcpuList: boolean;
}

export function vcpuFacts(domain: Domain): VcpuFacts {
  return domain.derived(computeVcpus);
}

function computeVcpus(domain: Domain): VcpuFacts {
  const el = domain.child(domain.root, 'vcpu');
  const hasVcpuList = domain.child(domain.root, 'vcpus') !== undefined;
  if (!el) return { el, max: 1, maxSpan: undefined, current: 1, currentSpan: undefined, hasVcpuList };
  const text = trimmedText(domain, el);
  const max = decimalNumber(text.value);
  const currentAttr = domain.attr(el, 'current');
  const current = currentAttr ? decimalNumber(currentAttr.value) : max;
  return { el, max, maxSpan: text, current, currentSpan: currentAttr ?? text, hasVcpuList };
}

export interface TopologyFacts {
  el: El;
  sockets: number;
  dies: number;
  clusters: number;
  cores: number;
  threads: number;
  /** sockets * dies * clusters * cores * threads. */
  total: number;
}

/** `<cpu><topology>` when every count libvirt requires is a positive number. */
export function topologyFacts(domain: Domain): TopologyFacts | undefined {
  return domain.derived(computeTopology);
}

function computeTopology(domain: Domain): TopologyFacts | undefined {
  const el = domain.first(['cpu', 'topology']);
  if (!el) return undefined;
  const read = (name: string, required: boolean): number | undefined => {
    const attr = domain.attr(el, name);
    if (!attr) return required ? undefined : 1;
    const n = decimalNumber(attr.value);
    return n !== undefined && n > 0 ? n : undefined;
  };
  const sockets = read('sockets', true);
  const dies = read('dies', false);
  const clusters = read('clusters', false);
  const cores = read('cores', true);
  const threads = read('threads', true);
  if (sockets === undefined || dies === undefined || clusters === undefined || cores === undefined || threads === undefined) return undefined;
  return { el, sockets, dies, clusters, cores, threads, total: sockets * dies * clusters * cores * threads };
}

// ---------------------------------------------------------------------------------------------
// Guest NUMA cells

export interface NumaCell {
  el: El;
  /** Its position among the cells. */
  index: number;
  /** `id`, or its position when absent; undefined when `id` is not a number. */
  id: number | undefined;
  idSpan: Span;
  /** The vCPUs of `cpus` (undefined when absent or not a valid set). */
  cpus: IdSet | undefined;
  cpusAttr: AttrValue | undefined;
  /** `memory` with `unit`, in KiB. */
  memory: bigint | undefined;
  memoryAttr: AttrValue | undefined;
}

export interface NumaFacts {
  /** `<cpu><numa>` (the first one, the one libvirt reads). */
  numa: El | undefined;
  cells: NumaCell[];
}

/** The guest NUMA cells of `<cpu><numa>`; libvirt's node count is `cells.length`. */
export function numaFacts(domain: Domain): NumaFacts {
  return domain.derived(computeNuma);
}

function computeNuma(domain: Domain): NumaFacts {
  const numa = domain.first(['cpu', 'numa']);
  if (!numa) return { numa, cells: [] };
  const cells = domain.children(numa, 'cell').map((el, index): NumaCell => {
    const idAttr = domain.attr(el, 'id');
    const cpusAttr = domain.attr(el, 'cpus');
    const memoryAttr = domain.attr(el, 'memory');
    return {
      el,
      index,
      id: idAttr ? decimalNumber(idAttr.value) : index,
      idSpan: idAttr ?? domain.nameSpan(el),
      cpus: cpusAttr ? evaluateSet(cpusAttr.value) : undefined,
      cpusAttr,
      memory: memoryAttr ? memoryKiB(memoryAttr.value, domain.value(el, 'unit')) : undefined,
      memoryAttr,
    };
  });
  return { numa, cells };
}

// ---------------------------------------------------------------------------------------------
// Memory sizes and memory devices

export interface MemoryFacts {
  /** `<memory>` in KiB. */
  memory: Located<bigint> | undefined;
  memoryEl: El | undefined;
  /** `<currentMemory>` in KiB. */
  current: Located<bigint> | undefined;
  /** `<maxMemory>` in KiB. */
  max: Located<bigint> | undefined;
  maxEl: El | undefined;
  /** `<maxMemory slots>`. */
  slots: Located<number> | undefined;
}

export function memoryFacts(domain: Domain): MemoryFacts {
  return domain.derived(computeMemory);
}

function computeMemory(domain: Domain): MemoryFacts {
  const memoryEl = domain.child(domain.root, 'memory');
  const maxEl = domain.child(domain.root, 'maxMemory');
  const slotsAttr = maxEl && domain.attr(maxEl, 'slots');
  const slots = slotsAttr && decimalNumber(slotsAttr.value);
  return {
    memory: elementKiB(domain, memoryEl),
    memoryEl,
    current: elementKiB(domain, domain.child(domain.root, 'currentMemory')),
    max: elementKiB(domain, maxEl),
    maxEl,
    slots: slotsAttr && slots !== undefined ? { value: slots, span: slotsAttr } : undefined,
  };
}

export interface MemoryDevice {
  el: El;
  /** `model`: dimm, nvdimm, virtio-pmem, virtio-mem, sgx-epc. */
  model: string | undefined;
  target: El | undefined;
  /** `<target><size>` in KiB. */
  size: Located<bigint> | undefined;
  /** `<target><node>`. */
  node: Located<number> | undefined;
  /** `<target><block>` in KiB (virtio-mem). */
  block: Located<bigint> | undefined;
  /** `<target><requested>` in KiB (virtio-mem). */
  requested: Located<bigint> | undefined;
  /** `<target><address base>` in bytes (virtio-mem, virtio-pmem). */
  base: Located<bigint> | undefined;
}

/** The `<memory>` devices, in document order. */
export function memoryDevices(domain: Domain): MemoryDevice[] {
  return domain.derived(computeMemoryDevices);
}

function computeMemoryDevices(domain: Domain): MemoryDevice[] {
  const devices: MemoryDevice[] = [];
  for (const el of domain.devicesNamed('memory')) {
    const target = domain.child(el, 'target');
    const nodeEl = target && domain.child(target, 'node');
    const nodeText = nodeEl && trimmedText(domain, nodeEl);
    const node = nodeText && decimalNumber(nodeText.value);
    const addressEl = target && domain.child(target, 'address');
    const baseAttr = addressEl && domain.attr(addressEl, 'base');
    const base = baseAttr && unsignedLongLong(baseAttr.value);
    devices.push({
      el,
      model: domain.value(el, 'model'),
      target,
      size: elementKiB(domain, target && domain.child(target, 'size')),
      node: nodeText && node !== undefined ? { value: node, span: nodeText } : undefined,
      block: elementKiB(domain, target && domain.child(target, 'block')),
      requested: elementKiB(domain, target && domain.child(target, 'requested')),
      base: baseAttr && base !== undefined ? { value: base, span: baseAttr } : undefined,
    });
  }
  return devices;
}

/** An unsigned long long as virStrToLong_ullp with base 0 reads it: decimal, 0x hex or leading-0 octal. */
export function unsignedLongLong(value: string): bigint | undefined {
  const t = value.trim();
  if (t.length > MAX_NUMBER_TEXT) return undefined;
  let n: bigint;
  if (/^0[xX][0-9a-fA-F]+$/.test(t)) n = BigInt(t);
  else if (/^0[0-7]+$/.test(t)) n = BigInt('0o' + t.slice(1));
  else if (/^\d+$/.test(t)) n = BigInt(t);
  else return undefined;
  return n < 1n << 64n ? n : undefined;
}

/** The `<cpu>` element and its mode (custom when absent). */
export function cpuMode(domain: Domain): { cpu: El | undefined; mode: string; modeAttr: AttrValue | undefined } {
  const cpu = domain.child(domain.root, 'cpu');
  const modeAttr = cpu && domain.attr(cpu, 'mode');
  return { cpu, mode: modeAttr?.value.trim() || 'custom', modeAttr };
}

