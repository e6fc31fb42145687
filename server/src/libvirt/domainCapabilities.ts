/**
 * `virsh domcapabilities --virttype T --arch A --machine M [--emulator E]` as typed facts: what
 * one QEMU binary (or other hypervisor) offers one machine type on this host. The emulator
 * path, the machine, the vCPU limit; firmware (the auto-selection enum, the loader's values and
 * enums, firmware features); the CPU modes and the custom models with their usability; and,
 * device by device and feature by feature, whether it is supported and the values of each
 * `<enum>`. libvirt fills these from the same QEMU capabilities its validation reads
 * (virQEMUCapsFillDomainCaps, src/qemu/qemu_capabilities.c), so a value missing from an enum
 * is one qemuValidateDomainDevice* refuses.
 */
import { FactsDocument, FactsElement, MAX_LIST, wholeNumber } from './factsXml';

/** One `<X supported='…'>` with its `<enum name>` children. */
export interface CapsFeature {
  /** Undefined when the element does not say. */
  supported?: boolean;
  /** Enum name → its values, as listed. */
  enums: ReadonlyMap<string, readonly string[]>;
}

export interface CapsCpuModel {
  name: string;
  /** `yes`, `no` or `unknown` (libvirt cannot tell, e.g. TCG or non-x86). */
  usable: 'yes' | 'no' | 'unknown';
  canonical?: string;
  deprecated?: boolean;
  /** The host CPU features the model needs and the host lacks (`<blockers>`). */
  blockers: string[];
}

export interface DomainCapabilities {
  path?: string;
  domain?: string;
  machine?: string;
  arch?: string;
  maxVcpus?: number;
  os?: CapsFeature;
  loader?: CapsFeature & { values: readonly string[] };
  firmwareFeatures?: CapsFeature;
  /** Mode name (`host-passthrough`, `host-model`, `maximum`, `custom`) → its support. */
  cpuModes: ReadonlyMap<string, CapsFeature>;
  /** The custom models by name; undefined when the answer lists none. */
  cpuModels?: ReadonlyMap<string, CapsCpuModel>;
  memoryBacking?: CapsFeature;
  /** Device element name (`disk`, `graphics`, `video`, `tpm`…) → its support. */
  devices: ReadonlyMap<string, CapsFeature>;
  /** Feature element name (`gic`, `vmcoreinfo`, `genid`, `sev`…) → its support. */
  features: ReadonlyMap<string, CapsFeature>;
}

/** The facts of a `<domainCapabilities>` document; throws FactsError when it is not one. */
export function parseDomainCapabilities(xml: string): DomainCapabilities {
  const doc = FactsDocument.parse(xml, 'domainCapabilities');
  const root = doc.root;
  const facts: DomainCapabilities = {
    cpuModes: new Map(),
    devices: featureMap(doc, doc.child(root, 'devices')),
    features: featureMap(doc, doc.child(root, 'features')),
  };
  for (const name of ['path', 'domain', 'machine', 'arch'] as const) {
    const value = doc.text(doc.child(root, name));
    if (value) facts[name] = value;
  }
  const maxVcpus = wholeNumber(doc.attr(doc.child(root, 'vcpu'), 'max'));
  if (maxVcpus !== undefined) facts.maxVcpus = maxVcpus;
  const os = doc.child(root, 'os');
  if (os) {
    facts.os = feature(doc, os);
    const loader = doc.child(os, 'loader');
    if (loader) facts.loader = { ...feature(doc, loader), values: doc.children(loader, 'value').flatMap((value) => doc.text(value) || []) };
    const firmwareFeatures = doc.child(os, 'firmwareFeatures');
    if (firmwareFeatures) facts.firmwareFeatures = feature(doc, firmwareFeatures);
  }
  const cpu = doc.child(root, 'cpu');
  const modes = new Map<string, CapsFeature>();
  for (const mode of cpu ? doc.children(cpu, 'mode') : []) {
    const name = doc.attr(mode, 'name');
    if (!name) continue;
    modes.set(name, feature(doc, mode));
    if (name === 'custom') facts.cpuModels = cpuModels(doc, mode);
  }
  facts.cpuModes = modes;
  const memoryBacking = doc.child(root, 'memoryBacking');
  if (memoryBacking) facts.memoryBacking = feature(doc, memoryBacking);
  return facts;
}

function feature(doc: FactsDocument, el: FactsElement): CapsFeature {
  const enums = new Map<string, string[]>();
  for (const list of doc.children(el, 'enum')) {
    const name = doc.attr(list, 'name');
    if (name && !enums.has(name)) enums.set(name, doc.children(list, 'value').flatMap((value) => doc.text(value) || []));
  }
  const read: CapsFeature = { enums };
  const supported = doc.supported(el);
  if (supported !== undefined) read.supported = supported;
  return read;
}

function featureMap(doc: FactsDocument, parent: FactsElement | undefined): Map<string, CapsFeature> {
  const map = new Map<string, CapsFeature>();
  for (const el of parent ? doc.children(parent) : []) if (!map.has(el.element.name)) map.set(el.element.name, feature(doc, el));
  return map;
}

function cpuModels(doc: FactsDocument, mode: FactsElement): Map<string, CapsCpuModel> {
  const blockers = new Map<string, string[]>();
  for (const list of doc.children(mode, 'blockers')) {
    const model = doc.attr(list, 'model');
    if (model) blockers.set(model, doc.children(list, 'feature').flatMap((f) => doc.attr(f, 'name') || []));
  }
  const models = new Map<string, CapsCpuModel>();
  for (const model of doc.children(mode, 'model')) {
    const name = doc.text(model);
    if (!name || models.has(name) || models.size >= MAX_LIST) continue;
    const usable = doc.attr(model, 'usable');
    const entry: CapsCpuModel = { name, usable: usable === 'yes' || usable === 'no' ? usable : 'unknown', blockers: blockers.get(name) ?? [] };
    const canonical = doc.attr(model, 'canonical');
    if (canonical) entry.canonical = canonical;
    if (doc.attr(model, 'deprecated') === 'yes') entry.deprecated = true;
    models.set(name, entry);
  }
  return models;
}

/** The values of `name` in `feature`'s enums; undefined when the feature or the enum is not listed. */
export function enumValues(feature: CapsFeature | undefined, name: string): readonly string[] | undefined {
  return feature?.enums.get(name);
}
