/**
 * cpuset/nodeset checks over a whole domain: every set attribute's value (checkSet, with its
 * codes), mapped onto the document. What refers to the domain's vCPUs, IOThreads and NUMA cells
 * is checked by the rules of the references family (rules/references/).
 */
import { Finding, Fix, wordedTitle } from '../../finding';
import { words } from '../../messages/words';
import { Attribute, DocumentNode, ElementNode, attributeValue, valueSpan } from '../../parser/nodes';
import { NodeMemo } from '../../parser/parsedDocument';
import { Source } from '../../parser/pieceText';
import { walk } from '../../parser/tree';
import { LocalFindings, subtreeFindings } from '../subtreeFindings';
import { shiftFinding } from '../../finding';
import { SetCheckOptions, SetFinding, checkSet, safeFixes } from './checkSet';
import { IdRange } from '../../rules/cpuset/idSet';
import { CPUSET_PATTERN, setAttributeKind } from './setAttributes';

/** The host's online CPUs and NUMA nodes, when known and wanted. */
export interface HostTopology {
  cpus?: readonly IdRange[];
  nodes?: readonly IdRange[];
  /**
   * The libvirt host these are of (`qemu:///system (kvm01)`), when they come from its
   * capabilities rather than the machine the server runs on: findings name it, and a set beyond
   * it is an error, not a guess.
   */
  name?: string;
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
export function setValuesOf(text: Source, tree: DocumentNode, keys: ReadonlySet<string>): SetValue[] {
  const values: SetValue[] = [];
  const setAttributes = setAttributesByElement(keys);
  walk(tree, {
    enter(node, start, parent) {
      if (node.kind === 'element') values.push(...setValuesOn(text, node, start, parent.kind === 'element' ? parent.name : undefined, setAttributes));
    },
  });
  return values;
}

/** The set attributes of one element. */
function setValuesOn(text: Source, element: ElementNode, start: number, parent: string | undefined, setAttributes: Map<string, Set<string>>): SetValue[] {
  const names = setAttributes.get(element.name);
  if (!names) return [];
  const values: SetValue[] = [];
  for (const attribute of element.attributes) {
    if (attribute.valueOffset < 0 || !attribute.valueClosed || !names.has(attribute.name)) continue;
    const { from, to } = valueSpan(start, attribute);
    values.push({ element, elementStart: start, parent, attribute, value: attributeValue(text, start, attribute), from, to, encoded: text.slice(from, to).includes('&') });
  }
  return values;
}

/**
 * Findings on every set value. With `memos` (the document's, per owner), a keystroke looks again
 * only at the elements the edit patched.
 */
export function checkDocumentSets(
  text: Source,
  tree: DocumentNode,
  keys: ReadonlySet<string>,
  host: HostTopology | undefined,
  memos?: { memo<T>(owner: object): NodeMemo<T> },
): Finding[] {
  // Pin tables repeat their values (thousands of vCPUs on a few hundred CPUs): check each once.
  // Keyed by the host bound (by identity), the noun, then the value.
  const checked = new Map<readonly IdRange[] | undefined, Map<string | undefined, Map<string, SetFinding[]>>>();
  const setAttributes = setAttributesByElement(keys);
  const onElement: LocalFindings<Finding> = (node, start, parent) => {
    // Most elements have no set attribute: no list is made for them.
    if (node.kind !== 'element' || !setAttributes.has(node.name)) return NO_FINDINGS;
    const findings: Finding[] = [];
    for (const set of setValuesOn(text, node, start, parent, setAttributes)) {
      const options = setOptions(set, host);
      let byNoun = checked.get(options.host);
      if (!byNoun) checked.set(options.host, (byNoun = new Map()));
      let byValue = byNoun.get(options.noun);
      if (!byValue) byNoun.set(options.noun, (byValue = new Map()));
      let found = byValue.get(set.value);
      if (!found) byValue.set(set.value, (found = checkSet(set.value, options)));
      if (found.length > 0) findings.push(...placed(set, found));
    }
    return findings;
  };
  return subtreeFindings(tree, memos?.memo(memoOwner(keys, host)), onElement, shiftFinding);
}

const NO_FINDINGS: readonly Finding[] = Object.freeze([]);

/** One memo owner per set attributes and host: the findings depend on both. */
const owners = new WeakMap<ReadonlySet<string>, WeakMap<object, object>>();
const NO_HOST = {};

function memoOwner(keys: ReadonlySet<string>, host: HostTopology | undefined): object {
  let byHost = owners.get(keys);
  if (!byHost) owners.set(keys, (byHost = new WeakMap()));
  let owner = byHost.get(host ?? NO_HOST);
  if (!owner) byHost.set(host ?? NO_HOST, (owner = {}));
  return owner;
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

/** Each set value with all its safe fixes applied (safeFixes), as one edit per value, in document order. */
export function setSafeFixEdits(text: string, tree: DocumentNode, keys: ReadonlySet<string>, host: HostTopology | undefined): Fix[] {
  const edits: Fix[] = [];
  for (const set of setValuesOf(text, tree, keys)) {
    if (set.encoded) continue;
    const fixed = safeFixes(set.value, setOptions(set, host));
    if (fixed === text.slice(set.from, set.to)) continue;
    const title = words('sets.fix.allSafe', { attribute: set.attribute.name, value: fixed });
    edits.push({ ...wordedTitle(title), start: set.from, end: set.to, newText: fixed, safe: true });
  }
  return edits;
}

/** Options for checkSet on one attribute: its noun, and the host's ids when they bound it. */
export function setOptions(set: Pick<SetValue, 'element' | 'attribute' | 'parent'>, host: HostTopology | undefined): SetCheckOptions {
  const kind = setAttributeKind(set.element.name, set.attribute.name, set.parent);
  const bound = kind.host === 'cpus' ? host?.cpus : kind.host === 'nodes' ? host?.nodes : undefined;
  if (!bound) return { noun: kind.noun };
  return host?.name ? { noun: kind.noun, host: bound, hostName: host.name } : { noun: kind.noun, host: bound };
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
    const fixes: Fix[] | undefined = fix && !set.encoded ? [{ title: fix.title, titleWords: fix.titleWords, start: set.from, end: set.to, newText: fix.value, safe: fix.safe }] : undefined;
    return fixes ? { ...finding, start, end, fixes } : { ...finding, start, end };
  });
}


