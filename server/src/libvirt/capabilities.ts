/**
 * `virsh capabilities` as typed facts: the host (arch, CPUs and NUMA cells with their memory and
 * page sizes, IOMMU support) and the guests it can run (os type, arch, emulator, machine types
 * with their canonical names and vCPU limits, and the domain types, each with its own emulator
 * and machines where it differs). This is what libvirt's virCapabilitiesDomainDataLookup
 * (src/conf/capabilities.c) searches when it checks a domain's type, arch and os type.
 */
import { FactsDocument, FactsElement, MAX_LIST, kibibytes, wholeNumber } from './factsXml';

export interface CapsMachine {
  name: string;
  /** The machine this name stands for (`pc` → `pc-i440fx-9.0`). */
  canonical?: string;
  /** The most vCPUs the machine takes, where libvirt says. */
  maxCpus?: number;
}

export interface CapsGuestDomain {
  /** `kvm`, `qemu`, `test`, `xen`… */
  type: string;
  /** Its own emulator and machines, where they differ from the arch's. */
  emulator?: string;
  machines: CapsMachine[];
}

export interface CapsGuest {
  /** `hvm`, `xen`, `linux`, `exe`… */
  osType: string;
  arch: string;
  wordsize?: number;
  emulator?: string;
  machines: CapsMachine[];
  domains: CapsGuestDomain[];
}

export interface CapsPages {
  sizeKiB: number;
  /** How many are reserved on the cell, where given. */
  count?: number;
}

export interface CapsCell {
  id: number;
  cpus: number[];
  memoryKiB?: number;
  pages: CapsPages[];
}

export interface HostCapabilities {
  /** `x86_64`, `aarch64`…; what libvirt prefers for a domain without an arch. */
  arch?: string;
  /** The host's CPU ids; undefined when the answer has no NUMA topology to read them from. */
  cpus?: number[];
  /** The NUMA cells; empty when the answer has no topology. */
  cells: CapsCell[];
  /** Every page size the host offers, in KiB, ascending. */
  pageSizesKiB: number[];
  /** `<iommu support>`; undefined when not said. */
  iommu?: boolean;
  guests: CapsGuest[];
}

/** The facts of a `<capabilities>` document; throws FactsError when it is not one. */
export function parseCapabilities(xml: string): HostCapabilities {
  const doc = FactsDocument.parse(xml, 'capabilities');
  const host = doc.child(doc.root, 'host');
  const cpu = doc.child(host, 'cpu');
  const pageSizes = new Set<number>();
  for (const pages of cpu ? doc.children(cpu, 'pages') : []) addSize(pageSizes, kibibytes(doc.attr(pages, 'size'), doc.attr(pages, 'unit')));
  const cells = readCells(doc, doc.at(host, ['topology', 'cells']));
  for (const cell of cells) for (const pages of cell.pages) addSize(pageSizes, pages.sizeKiB);
  const cpuIds = new Set<number>();
  for (const cell of cells) for (const id of cell.cpus) if (cpuIds.size < MAX_LIST) cpuIds.add(id);
  const iommu = doc.attr(doc.child(host, 'iommu'), 'support');
  const facts: HostCapabilities = {
    cells,
    pageSizesKiB: [...pageSizes].sort((a, b) => a - b),
    guests: doc.children(doc.root, 'guest').map((guest) => readGuest(doc, guest)).filter((guest): guest is CapsGuest => guest !== undefined),
  };
  const arch = doc.text(doc.child(cpu, 'arch'));
  if (arch) facts.arch = arch;
  if (cells.length > 0 && cpuIds.size > 0) facts.cpus = [...cpuIds].sort((a, b) => a - b);
  if (iommu === 'yes' || iommu === 'no') facts.iommu = iommu === 'yes';
  return facts;
}

function addSize(sizes: Set<number>, size: number | undefined): void {
  if (size !== undefined && size > 0 && sizes.size < MAX_LIST) sizes.add(size);
}

function readCells(doc: FactsDocument, cells: FactsElement | undefined): CapsCell[] {
  if (!cells) return [];
  const read: CapsCell[] = [];
  for (const cell of doc.children(cells, 'cell')) {
    const id = wholeNumber(doc.attr(cell, 'id'));
    if (id === undefined) continue;
    const cpus: number[] = [];
    for (const cpu of doc.children(doc.child(cell, 'cpus') ?? cell, 'cpu')) {
      const cpuId = wholeNumber(doc.attr(cpu, 'id'));
      if (cpuId !== undefined) cpus.push(cpuId);
    }
    const memory = doc.child(cell, 'memory');
    const pages: CapsPages[] = [];
    for (const page of doc.children(cell, 'pages')) {
      const sizeKiB = kibibytes(doc.attr(page, 'size'), doc.attr(page, 'unit'));
      if (sizeKiB === undefined) continue;
      const count = wholeNumber(doc.text(page));
      pages.push(count === undefined ? { sizeKiB } : { sizeKiB, count });
    }
    const entry: CapsCell = { id, cpus, pages };
    const memoryKiB = memory && kibibytes(doc.text(memory), doc.attr(memory, 'unit'));
    if (memoryKiB !== undefined) entry.memoryKiB = memoryKiB;
    read.push(entry);
  }
  return read;
}

function readMachines(doc: FactsDocument, parent: FactsElement): CapsMachine[] {
  const machines: CapsMachine[] = [];
  for (const machine of doc.children(parent, 'machine')) {
    const name = doc.text(machine);
    if (!name) continue;
    const entry: CapsMachine = { name };
    const canonical = doc.attr(machine, 'canonical');
    const maxCpus = wholeNumber(doc.attr(machine, 'maxCpus'));
    if (canonical) entry.canonical = canonical;
    if (maxCpus !== undefined) entry.maxCpus = maxCpus;
    machines.push(entry);
  }
  return machines;
}

function readGuest(doc: FactsDocument, guest: FactsElement): CapsGuest | undefined {
  const osType = doc.text(doc.child(guest, 'os_type'));
  const arch = doc.child(guest, 'arch');
  const archName = doc.attr(arch, 'name');
  if (!osType || !arch || !archName) return undefined;
  const read: CapsGuest = {
    osType,
    arch: archName,
    machines: readMachines(doc, arch),
    domains: doc.children(arch, 'domain').flatMap((domain) => {
      const type = doc.attr(domain, 'type');
      if (!type) return [];
      const entry: CapsGuestDomain = { type, machines: readMachines(doc, domain) };
      const emulator = doc.text(doc.child(domain, 'emulator'));
      if (emulator) entry.emulator = emulator;
      return [entry];
    }),
  };
  const wordsize = wholeNumber(doc.text(doc.child(arch, 'wordsize')));
  const emulator = doc.text(doc.child(arch, 'emulator'));
  if (wordsize !== undefined) read.wordsize = wordsize;
  if (emulator) read.emulator = emulator;
  return read;
}
