/**
 * cpuset/nodeset checks over a whole domain: every set attribute's value (checkSet, mapped onto
 * the document), and the cross references libvirt makes between them and the rest of the domain.
 *
 * | code                         | severity | on                 | meaning                                                                    |
 * |------------------------------|----------|--------------------|----------------------------------------------------------------------------|
 * | (checkSet's codes)           |          | the part of a value | see checkSet.ts                                                            |
 * | vcpupin-duplicate            | error    | `vcpu` value       | a second `<vcpupin>` for the same vCPU (libvirt rejects the domain)       |
 * | vcpupin-vcpu-out-of-range    | warning  | `vcpu` value       | the vCPU is not below the `<vcpu>` count: libvirt ignores the pin          |
 * | vcpu-current-too-large       | error    | `current` value    | more vCPUs online than the `<vcpu>` maximum                                |
 * | iothreadpin-unknown-iothread | error    | `iothread` value   | no such IOThread in `<iothreads>`/`<iothreadids>`                          |
 * | memnode-unknown-cell         | error    | `cellid` value     | no such guest NUMA cell in `<cpu><numa>`                                   |
 * | vcpus-beyond-count           | warning  | the `vcpus` value  | cachetune/memorytune vCPUs at or above the `<vcpu>` count: libvirt drops them (fix: leave them out) |
 */
import { Finding, Fix } from '../../finding';
import { Attribute, DocumentNode, ElementNode, attributeValue, valueSpan } from '../../parser/nodes';
import { walk } from '../../parser/tree';
import { SetCheckOptions, SetFinding, checkSet, safeFixes } from './checkSet';
import { evaluateSet } from './evaluate';
import { IdRange, IdSet } from './idSet';
import { CPUSET_PATTERN, setAttributeKind } from './setAttributes';

/** The host's online CPUs and NUMA nodes, when known and wanted. */
export interface HostTopology {
  cpus?: readonly IdRange[];
  nodes?: readonly IdRange[];
}

/** One set attribute as written in the document. */
export interface SetValue {
  element: ElementNode;
  elementStart: number;
  parent: string | undefined;
  attribute: Attribute;
  /** The value without its quotes, references decoded. */
  value: string;
  /** Where the value's text (inside the quotes) stands. */
  from: number;
  to: number;
  /** The text holds references, so offsets within the value do not map one to one. */
  encoded: boolean;
}

/** Every attribute of `tree` whose "element@attribute" is in `keys`, in document order. */
export function setValuesOf(text: string, tree: DocumentNode, keys: ReadonlySet<string>): SetValue[] {
  const values: SetValue[] = [];
  const setAttributes = setAttributesByElement(keys);
  walk(tree, {
    enter(node, start, parent) {
      if (node.kind !== 'element') return;
      const names = setAttributes.get(node.name);
      if (!names) return;
      for (const attribute of node.attributes) {
        if (attribute.valueOffset < 0 || !attribute.valueClosed || !names.has(attribute.name)) continue;
        const { from, to } = valueSpan(start, attribute);
        values.push({
          element: node,
          elementStart: start,
          parent: parent.kind === 'element' ? parent.name : undefined,
          attribute,
          value: attributeValue(text, start, attribute),
          from,
          to,
          encoded: text.slice(from, to).includes('&'),
        });
      }
    },
  });
  return values;
}

/** Findings on every set value and on the references between the domain's vCPUs, IOThreads and cells. */
export function checkDocumentSets(text: string, tree: DocumentNode, keys: ReadonlySet<string>, host: HostTopology | undefined): Finding[] {
  const findings: Finding[] = [];
  // Pin tables repeat their values (thousands of vCPUs on a few hundred CPUs): check each once.
  // Keyed by the host bound (by identity), the noun, then the value.
  const checked = new Map<readonly IdRange[] | undefined, Map<string | undefined, Map<string, SetFinding[]>>>();
  for (const set of setValuesOf(text, tree, keys)) {
    const options = setOptions(set, host);
    let byNoun = checked.get(options.host);
    if (!byNoun) checked.set(options.host, (byNoun = new Map()));
    let byValue = byNoun.get(options.noun);
    if (!byValue) byNoun.set(options.noun, (byValue = new Map()));
    let found = byValue.get(set.value);
    if (!found) byValue.set(set.value, (found = checkSet(set.value, options)));
    if (found.length > 0) findings.push(...placed(set, found));
  }
  findings.push(...checkReferences(text, tree));
  return findings;
}

/** The attribute names of `keys` ("element@attribute") per element name. */
const byElementOf = new WeakMap<ReadonlySet<string>, Map<string, Set<string>>>();

function setAttributesByElement(keys: ReadonlySet<string>): Map<string, Set<string>> {
  let byElement = byElementOf.get(keys);
  if (!byElement) {
    byElement = new Map();
    for (const key of keys) {
      const at = key.indexOf('@');
      const element = key.slice(0, at);
      let names = byElement.get(element);
      if (!names) byElement.set(element, (names = new Set()));
      names.add(key.slice(at + 1));
    }
    byElementOf.set(keys, byElement);
  }
  return byElement;
}

/**
 * Every safe fix in the document as non-overlapping edits, in document order: each set value with
 * all its safe fixes applied (safeFixes), then the cross-reference fixes that are safe.
 */
export function safeFixEdits(text: string, tree: DocumentNode, keys: ReadonlySet<string>, host: HostTopology | undefined): Fix[] {
  const edits: Fix[] = [];
  for (const set of setValuesOf(text, tree, keys)) {
    if (set.encoded) continue;
    const fixed = safeFixes(set.value, setOptions(set, host));
    if (fixed !== text.slice(set.from, set.to)) edits.push({ title: `\`${set.attribute.name}\`: ${fixed}`, start: set.from, end: set.to, newText: fixed, safe: true });
  }
  for (const finding of checkReferences(text, tree)) {
    for (const fix of finding.fixes ?? []) {
      if (fix.safe && !edits.some((e) => e.start < fix.end && fix.start < e.end)) edits.push(fix);
    }
  }
  return edits.sort((a, b) => a.start - b.start);
}

/** Options for checkSet on one attribute: its noun, and the host's ids when they bound it. */
export function setOptions(set: Pick<SetValue, 'element' | 'attribute' | 'parent'>, host: HostTopology | undefined): SetCheckOptions {
  const kind = setAttributeKind(set.element.name, set.attribute.name, set.parent);
  const bound = kind.host === 'cpus' ? host?.cpus : kind.host === 'nodes' ? host?.nodes : undefined;
  return bound ? { noun: kind.noun, host: bound } : { noun: kind.noun };
}

/** checkSet's findings on `set`'s value, placed in the document. */
/** A value the schema's cpuset pattern takes: what is wrong with it, only libvirt's parser says. */
const SCHEMA_ACCEPTS = new RegExp(`^(?:${CPUSET_PATTERN})$`);

function placed(set: SetValue, found: readonly SetFinding[]): Finding[] {
  const beyondSchema = SCHEMA_ACCEPTS.test(set.value) || undefined;
  return found.map(({ fix, ...checked }) => {
    const finding: Finding = beyondSchema ? { ...checked, beyondSchema } : checked;
    // With references in the text, a part of the value cannot be pointed at: the whole value is.
    const start = set.encoded ? set.from : set.from + finding.start;
    const end = set.encoded ? set.to : set.from + finding.end;
    const fixes: Fix[] | undefined = fix && !set.encoded ? [{ title: fix.title, start: set.from, end: set.to, newText: fix.value, safe: fix.safe }] : undefined;
    return fixes ? { ...finding, start, end, fixes } : { ...finding, start, end };
  });
}


interface Located {
  element: ElementNode;
  start: number;
}

/** The elements found along `path` (names from the root's children down), in document order. */
function elementsAt(tree: DocumentNode, path: readonly string[]): Located[] {
  const root = tree.children.find((child): child is ElementNode => child.kind === 'element');
  if (!root || root.name !== 'domain') return [];
  let level: Located[] = [{ element: root, start: root.offset }];
  for (const name of path) {
    const next: Located[] = [];
    for (const { element, start } of level) {
      for (const child of element.children) if (child.kind === 'element' && child.name === name) next.push({ element: child, start: start + child.offset });
    }
    level = next;
  }
  return level;
}

/** An attribute with its decoded value and the span of its text. */
function attributeOf(text: string, located: Located, name: string): { value: string; from: number; to: number } | undefined {
  const attribute = located.element.attributes.find((a) => a.name === name && a.valueOffset >= 0 && a.valueClosed);
  if (!attribute) return undefined;
  return { value: attributeValue(text, located.start, attribute), ...valueSpan(located.start, attribute) };
}

/** A whole number as libvirt reads these ids and counts; undefined when it is not one. */
function wholeNumber(value: string): number | undefined {
  const trimmed = value.trim();
  return /^\d{1,9}$/.test(trimmed) ? Number(trimmed) : undefined;
}

function elementText(text: string, located: Located): string {
  const { element, start } = located;
  const end = element.endTagOffset >= 0 ? element.endTagOffset : element.length;
  return text.slice(start + element.startTagLength, start + end);
}

/** A `<vcpupin>` and the vCPU it pins, with where that id is written. */
export interface VcpuPin {
  element: ElementNode;
  vcpu: number;
  span: { from: number; to: number };
}

/**
 * The domain's `<vcpu>` (and its count, when a whole number) and the vCPU each
 * `<cputune><vcpupin>` pins: what vCPU completion offers and the pin checks read.
 */
export function guestVcpus(text: string, tree: DocumentNode): { vcpu: Located | undefined; count: number | undefined; pins: VcpuPin[] } {
  const vcpu = elementsAt(tree, ['vcpu'])[0];
  const pins: VcpuPin[] = [];
  for (const pin of elementsAt(tree, ['cputune', 'vcpupin'])) {
    const attribute = attributeOf(text, pin, 'vcpu');
    const id = attribute && wholeNumber(attribute.value);
    if (attribute && id !== undefined) pins.push({ element: pin.element, vcpu: id, span: attribute });
  }
  return { vcpu, count: vcpu ? wholeNumber(elementText(text, vcpu)) : undefined, pins };
}

function checkReferences(text: string, tree: DocumentNode): Finding[] {
  const findings: Finding[] = [];
  // The schema knows nothing of how the domain's parts refer to each other.
  const report = (span: { from: number; to: number }, severity: Finding['severity'], code: string, message: string, fixes?: Fix[]): void => {
    const finding: Finding = { start: span.from, end: span.to, severity, code, message, beyondSchema: true };
    findings.push(fixes ? { ...finding, fixes } : finding);
  };

  const { vcpu, count: vcpus, pins } = guestVcpus(text, tree);
  if (vcpu && vcpus !== undefined) {
    const current = attributeOf(text, vcpu, 'current');
    const online = current && wholeNumber(current.value);
    if (current && online !== undefined && online > vcpus) {
      report(current, 'error', 'vcpu-current-too-large', `\`current\` is ${online}, more than the ${vcpus} vCPUs \`<vcpu>\` allows: libvirt rejects the domain.`);
    }
  }

  const pinned = new Set<number>();
  for (const { vcpu: id, span } of pins) {
    if (pinned.has(id)) {
      report(span, 'error', 'vcpupin-duplicate', `vCPU ${id} is pinned twice: libvirt rejects a second \`<vcpupin>\` for the same vCPU.`);
      continue;
    }
    pinned.add(id);
    if (vcpus !== undefined && id >= vcpus) {
      report(span, 'warning', 'vcpupin-vcpu-out-of-range', `The domain has ${vcpus} vCPU${vcpus === 1 ? '' : 's'} (0-${vcpus - 1}): libvirt ignores this pin for vCPU ${id}.`);
    }
  }

  const iothreads = definedIOThreads(text, tree);
  if (iothreads) {
    for (const pin of elementsAt(tree, ['cputune', 'iothreadpin'])) {
      const attribute = attributeOf(text, pin, 'iothread');
      const id = attribute && wholeNumber(attribute.value);
      if (!attribute || id === undefined || iothreads.has(id)) continue;
      report(attribute, 'error', 'iothreadpin-unknown-iothread', `There is no IOThread ${id}: ${iothreads.isEmpty ? 'the domain defines none' : `the domain defines ${iothreads.format()}`} (\`<iothreads>\`, \`<iothreadids>\`).`);
    }
  }

  const cells = new IdSet();
  for (const cell of elementsAt(tree, ['cpu', 'numa', 'cell'])) {
    const id = wholeNumber(attributeOf(text, cell, 'id')?.value ?? '');
    if (id !== undefined) cells.add(id, id);
  }
  for (const memnode of elementsAt(tree, ['numatune', 'memnode'])) {
    const attribute = attributeOf(text, memnode, 'cellid');
    const id = attribute && wholeNumber(attribute.value);
    if (!attribute || id === undefined || cells.has(id)) continue;
    report(attribute, 'error', 'memnode-unknown-cell', `There is no guest NUMA cell ${id}: ${cells.isEmpty ? 'the domain has no `<cpu><numa>` cells' : `its cells are ${cells.format()}`}.`);
  }

  if (vcpus !== undefined) {
    for (const name of ['cachetune', 'memorytune']) {
      for (const tune of elementsAt(tree, ['cputune', name])) {
        const attribute = attributeOf(text, tune, 'vcpus');
        const set = attribute && evaluateSet(attribute.value);
        if (!attribute || !set) continue;
        const kept = set.intersect(IdSet.of([[0, vcpus - 1]]));
        if (kept.count === set.count) continue;
        const dropped = set.subtract(kept);
        const fixes: Fix[] | undefined = kept.isEmpty ? undefined : [{ title: `Keep vCPUs ${kept.format()}`, start: attribute.from, end: attribute.to, newText: kept.format(), safe: true }];
        report(attribute, 'warning', 'vcpus-beyond-count', `The domain has ${vcpus} vCPU${vcpus === 1 ? '' : 's'}: libvirt drops vCPUs ${dropped.format()} from this \`<${name}>\`.`, fixes);
      }
    }
  }
  return findings;
}

/** The IOThread ids the domain defines: `<iothreadids>` when present, else 1..`<iothreads>`. */
function definedIOThreads(text: string, tree: DocumentNode): IdSet | undefined {
  const ids = elementsAt(tree, ['iothreadids', 'iothread']);
  if (ids.length > 0) {
    const set = new IdSet();
    for (const thread of ids) {
      const id = wholeNumber(attributeOf(text, thread, 'id')?.value ?? '');
      if (id !== undefined) set.add(id, id);
    }
    return set;
  }
  const count = elementsAt(tree, ['iothreads'])[0];
  if (!count) return elementsAt(tree, ['cputune', 'iothreadpin']).length > 0 ? new IdSet() : undefined;
  const n = wholeNumber(elementText(text, count));
  return n === undefined ? undefined : n === 0 ? new IdSet() : IdSet.of([[1, n]]);
}
