/**
 * libvirt's own cross-references, read once per document version from the rules' `Domain` view:
 * every token that defines an id (`<iothread id>`, `<cell id>`, a controller's `index`, an
 * `<alias name>`, a throttle group's `<group_name>`, or a count that numbers ids: `<vcpu>`,
 * `<iothreads>`) and every token that uses one (pins, memnodes, addresses, teaming, filters).
 * Navigation, rename and completion all read this model, one scope at a time: the tokens of a
 * scope (the IOThreads, the PCI controllers ...) are read the first time a request needs them, so
 * a request reads the part of a large domain its scope lives in.
 */
import { DeviceAddress, addressOf, devicesWithAddress } from '../../rules/addresses';
import { controllersOf } from '../../rules/buses/controllers';
import { parseSet } from '../../rules/cpuset/cpusetSyntax';
import { IdSet } from '../../rules/cpuset/idSet';
import { AttrValue, Domain, El, Span, decimalNumber } from '../../rules/domain';
import { diskFacts } from '../../rules/storage/disks';
import { Words, words } from '../../messages/words';
import { ElementNode } from '../../parser/nodes';
import { Located } from '../../parser/tree';
import { Analysis } from '../analysis';
import { cursorTarget } from '../cursor';

/** What an id names: `controller pci`, `controller scsi` ... one scope per controller type. */
export type Scope = 'iothread' | 'cell' | 'vcpu' | 'alias' | 'throttlegroup' | `controller ${string}`;

export interface ReferenceToken extends Span {
  /** `tag`: a `<controller>` start tag's name, which stands for its written index when navigating. */
  role: 'definition' | 'use' | 'tag';
  scope: Scope;
  /** The id named: a number, or a name (aliases, throttle groups). */
  id: number | string;
  /** Several ids (a range in a list, a count numbering ids): `id` is then the first of them. */
  ids?: IdSet;
  /** The element the token is written in. */
  el: El;
  /** Why renaming through this token cannot work: the id is not written here as a single value. */
  fixed?: Words;
  /** The attribute is absent and libvirt reads 0: a rename writes it at `at`. */
  missing?: { attribute: string; at: number; quote: string };
}

/** Where a use is written: the element's path from the root's child ('*' any name), and its attribute (none: its text). */
interface Site {
  path: readonly string[];
  attribute?: string;
  scope: Scope;
  /** A list of ids (`0-3,^2`) rather than one. */
  list?: boolean;
}

const tuneVcpus = (path: string[]): Site => ({ path, attribute: 'vcpus', scope: 'vcpu', list: true });
const interconnect = (name: string, attribute: string): Site => ({ path: ['cpu', 'numa', 'interconnects', name], attribute, scope: 'cell' });

export const SITES: readonly Site[] = [
  { path: ['cputune', 'iothreadpin'], attribute: 'iothread', scope: 'iothread' },
  { path: ['cputune', 'iothreadsched'], attribute: 'iothreads', scope: 'iothread', list: true },
  { path: ['devices', 'disk', 'driver'], attribute: 'iothread', scope: 'iothread' },
  { path: ['devices', 'disk', 'driver', 'iothreads', 'iothread'], attribute: 'id', scope: 'iothread' },
  { path: ['devices', 'controller', 'driver'], attribute: 'iothread', scope: 'iothread' },
  { path: ['devices', 'controller', 'driver', 'iothreads', 'iothread'], attribute: 'id', scope: 'iothread' },
  { path: ['numatune', 'memnode'], attribute: 'cellid', scope: 'cell' },
  { path: ['cpu', 'numa', 'cell', 'distances', 'sibling'], attribute: 'id', scope: 'cell' },
  interconnect('latency', 'initiator'),
  interconnect('latency', 'target'),
  interconnect('bandwidth', 'initiator'),
  interconnect('bandwidth', 'target'),
  { path: ['devices', 'memory', 'target', 'node'], scope: 'cell' },
  // pci-expander-bus and pcie-expander-bus: the guest NUMA node the bus reports.
  { path: ['devices', 'controller', 'target', 'node'], scope: 'cell' },
  { path: ['cputune', 'vcpupin'], attribute: 'vcpu', scope: 'vcpu' },
  { path: ['vcpus', 'vcpu'], attribute: 'id', scope: 'vcpu' },
  tuneVcpus(['cputune', 'vcpusched']),
  tuneVcpus(['cputune', 'cachetune']),
  tuneVcpus(['cputune', 'cachetune', 'monitor']),
  tuneVcpus(['cputune', 'memorytune']),
  tuneVcpus(['cputune', 'memorytune', 'monitor']),
  { path: ['cpu', 'numa', 'cell'], attribute: 'cpus', scope: 'vcpu', list: true },
  { path: ['devices', '*', 'teaming'], attribute: 'persistent', scope: 'alias' },
  { path: ['devices', 'disk', 'throttlefilters', 'throttlefilter'], attribute: 'group', scope: 'throttlegroup' },
];

/** Where ids are defined by name or number (controllers, and what counts define, are read apart). */
const DEFINING: readonly Site[] = [
  { path: ['iothreadids', 'iothread'], attribute: 'id', scope: 'iothread' },
  { path: ['iothreads'], scope: 'iothread' },
  { path: ['vcpu'], scope: 'vcpu' },
  { path: ['cpu', 'numa', 'cell'], attribute: 'id', scope: 'cell' },
  { path: ['devices', '*', 'alias'], attribute: 'name', scope: 'alias' },
  { path: ['throttlegroups', 'throttlegroup', 'group_name'], scope: 'throttlegroup' },
];

/** The controller a drive address names, by the bus the device is on. */
const DRIVE_BUSES = new Set(['ide', 'sata', 'scsi', 'fdc']);

/** The attribute of an address that names a controller, and which controllers: pci `bus`, drive `controller`... */
function addressReference(domain: Domain, device: El, type: string | undefined): { attribute: string; scope: Scope } | undefined {
  switch (type) {
    case 'pci':
      return { attribute: 'bus', scope: 'controller pci' };
    case 'usb':
      return { attribute: 'bus', scope: 'controller usb' };
    case 'virtio-serial':
    case 'ccid':
      return { attribute: 'controller', scope: `controller ${type}` };
    case 'drive': {
      const name = device.element.name;
      const bus = name === 'disk' ? diskBuses(domain).get(device.element) : name === 'hostdev' && domain.value(device, 'type') === 'scsi' ? 'scsi' : undefined;
      return bus && DRIVE_BUSES.has(bus) ? { attribute: 'controller', scope: `controller ${bus}` } : undefined;
    }
    default:
      return undefined;
  }
}

function diskBuses(domain: Domain): Map<ElementNode, string | undefined> {
  return domain.derived(readDiskBuses);
}

function readDiskBuses(domain: Domain): Map<ElementNode, string | undefined> {
  return new Map(domain.derived(diskFacts).map((disk) => [disk.el.element, disk.bus]));
}

/** Where in a place an id is written: an attribute's value, the element's text, or its tag name. */
type Slot = { attribute: string } | 'text' | 'tag';

/** What a place holds: the scope of its id, and how to read the use written there (none: a definition). */
interface Place {
  scope: Scope;
  site?: Site;
  address?: { device: El; address: DeviceAddress };
}

/**
 * What the place holds: `chain` runs from the root element to the element, `slot` says where in
 * it. `usesOnly` leaves out definitions and lists (what completion offers for).
 */
function placeOf(domain: Domain, chain: readonly Located<ElementNode>[], slot: Slot, usesOnly: boolean): Place | undefined {
  if (chain.length < 2 || chain[0].node !== domain.root.element) return undefined;
  const path = chain.slice(1).map((located) => located.node.name);
  const attribute = typeof slot === 'object' ? slot.attribute : undefined;
  const element = elOf(chain[chain.length - 1]);
  if (slot !== 'tag') {
    const site = SITES.find((candidate) => candidate.attribute === attribute && samePath(candidate.path, path) && !(usesOnly && candidate.list));
    if (site) return { scope: site.scope, site };
  }
  if (path.length === 3 && path[0] === 'devices' && path[2] === 'address') {
    const device = elOf(chain[chain.length - 2]);
    const address = addressOf(domain, device);
    const reference = address && addressReference(domain, device, address.type);
    return address && reference && (slot === 'tag' || reference.attribute === attribute) ? { scope: reference.scope, address: { device, address } } : undefined;
  }
  if (usesOnly) return undefined;
  if (samePath(['devices', 'controller'], path) && (slot === 'tag' || attribute === 'index')) return { scope: `controller ${domain.value(element, 'type') ?? ''}` };
  if (slot === 'tag') return samePath(['cpu', 'numa', 'cell'], path) ? { scope: 'cell' } : undefined;
  const defining = DEFINING.find((candidate) => candidate.attribute === attribute && samePath(candidate.path, path));
  return defining && { scope: defining.scope };
}

/** The scope of the id written at a place (see placeOf). */
export function scopeOfPlace(domain: Domain, chain: readonly Located<ElementNode>[], slot: Slot, usesOnly = false): Scope | undefined {
  return placeOf(domain, chain, slot, usesOnly)?.scope;
}

function samePath(site: readonly string[], path: readonly string[]): boolean {
  return site.length === path.length && site.every((name, i) => name === '*' || name === path[i]);
}

export function elOf(located: Located<ElementNode>): El {
  return { element: located.node, start: located.start };
}

export type Which = 'definitions' | 'uses';

/** The definitions or the uses of one scope, by start, each read once per version. */
export function scopeTokens(analysis: Analysis, scope: Scope, which: Which): readonly ReferenceToken[] {
  const domain = analysis.domain;
  if (!domain) return [];
  const read = analysis.derived(newScopeCache);
  const key = `${which} ${scope}`;
  let tokens = read.get(key);
  if (!tokens) read.set(key, (tokens = (which === 'uses' ? readUses(domain, scope) : readDefinitions(domain, scope)).sort((a, b) => a.from - b.from)));
  return tokens;
}

function newScopeCache(): Map<string, ReferenceToken[]> {
  return new Map();
}

/** The address types whose fields name controllers of a type. */
const ADDRESS_TYPES: Record<string, string> = { pci: 'pci', usb: 'usb', 'virtio-serial': 'virtio-serial', ccid: 'ccid', ide: 'drive', sata: 'drive', scsi: 'drive', fdc: 'drive' };

function readUses(domain: Domain, scope: Scope): ReferenceToken[] {
  const tokens: ReferenceToken[] = [];
  const add: Add = (span, fields) => tokens.push(tokenOf(span, fields));
  for (const site of SITES) if (site.scope === scope) for (const el of elementsAlong(domain, site.path)) readUse(domain, el, site, add);
  const addressType = scope.startsWith('controller ') ? ADDRESS_TYPES[scope.slice('controller '.length)] : undefined;
  for (const { el, address } of addressType ? devicesWithAddress(domain, addressType) : []) readAddressUse(domain, el, address, scope, add);
  return tokens;
}

function readDefinitions(domain: Domain, scope: Scope): ReferenceToken[] {
  const tokens: ReferenceToken[] = [];
  const add: Add = (span, fields) => tokens.push(tokenOf(span, fields));
  if (scope.startsWith('controller ')) defineControllers(domain, scope.slice('controller '.length), add);
  else if (scope === 'iothread') defineIOThreads(domain, add);
  else if (scope === 'cell') defineCells(domain, add);
  else if (scope === 'vcpu') defineVcpus(domain, add);
  else if (scope === 'alias') defineAliases(domain, add);
  else if (scope === 'throttlegroup') defineThrottleGroups(domain, add);
  return tokens;
}

function defineVcpus(domain: Domain, add: Add): void {
  const vcpu = domain.first(['vcpu']);
  const count = vcpu && decimalNumber(domain.content(vcpu).value);
  if (!vcpu || !count) return;
  const fixed = words('rename.fixed.vcpu');
  add(textSpan(domain, vcpu), { role: 'definition', scope: 'vcpu', id: 0, ids: IdSet.of([[0, count - 1]]), el: vcpu, fixed });
}

function defineAliases(domain: Domain, add: Add): void {
  for (const device of domain.devices) {
    const alias = domain.child(device, 'alias');
    const name = alias && domain.attr(alias, 'name');
    if (name && name.value.trim()) add(trimmed(domain, name), { role: 'definition', scope: 'alias', id: name.value.trim(), el: device });
  }
}

function defineThrottleGroups(domain: Domain, add: Add): void {
  for (const group of domain.at(['throttlegroups', 'throttlegroup', 'group_name'])) {
    const span = textSpan(domain, group);
    if (span.to > span.from) add(span, { role: 'definition', scope: 'throttlegroup', id: domain.content(group).value.trim(), el: group });
  }
}

/** The elements along `path`, '*' for any name; `<devices>` children come from the domain's list. */
function elementsAlong(domain: Domain, path: readonly string[]): readonly El[] {
  let level: readonly El[];
  if (path[0] === 'devices') level = path[1] === '*' ? domain.devices : domain.devicesNamed(path[1]);
  else level = domain.at(path.slice(0, 2));
  for (const name of path.slice(2)) {
    const next: El[] = [];
    for (const el of level) next.push(...domain.children(el, name === '*' ? undefined : name));
    level = next;
  }
  return level;
}

/** What a token says besides where it stands. */
type TokenFields = Omit<ReferenceToken, 'from' | 'to'>;
type Add = (span: Span, fields: TokenFields) => void;

/** Tokens built with every field, in one order: one shape for the engine (a spread builds them ten times slower). */
function tokenOf(span: Span, fields: TokenFields): ReferenceToken {
  const { role, scope, id, ids, el, fixed, missing } = fields;
  return { from: span.from, to: span.to, role, scope, id, ids, el, fixed, missing };
}

function readUse(domain: Domain, el: El, site: Site, add: Add): void {
  const { scope } = site;
  if (site.attribute === undefined) {
    const span = textSpan(domain, el);
    const id = decimalNumber(domain.content(el).value);
    if (id !== undefined) add(span, { role: 'use', scope, id, el });
    return;
  }
  const attr = domain.attr(el, site.attribute);
  if (!attr) return;
  if (!site.list) {
    const id = scope === 'alias' || scope === 'throttlegroup' ? attr.value.trim() : decimalNumber(attr.value);
    if (id !== undefined && id !== '') add(trimmed(domain, attr), { role: 'use', scope, id, el });
    return;
  }
  // Offsets inside the list are those of the written text: not when it holds references.
  if (domain.text.slice(attr.from, attr.to) !== attr.value) return;
  for (const { item } of parseSet(attr.value).segments) {
    if (!item || item.kind === 'junk') continue;
    if (item.kind === 'id' || item.kind === 'negation') {
      add({ from: attr.from + item.id.start, to: attr.from + item.id.end }, { role: 'use', scope, id: item.id.value, el });
    } else if (item.first.value <= item.last.value) {
      const ids = IdSet.of([[item.first.value, item.last.value]]);
      const fixed = words('rename.fixed.range', { range: `${item.first.text}-${item.last.text}`, element: el.element.name, attribute: attr.name });
      add({ from: attr.from + item.start, to: attr.from + item.end }, { role: 'use', scope, id: item.first.value, ids, el, fixed });
    }
  }
}

function readAddressUse(domain: Domain, device: El, address: DeviceAddress, scope: Scope, add: Add): void {
  const reference = addressReference(domain, device, address.type);
  if (reference?.scope !== scope) return;
  const field = address.fields.get(reference.attribute);
  if (field) {
    if (field.value !== undefined) add(trimmed(domain, field.attr), { role: 'use', scope: reference.scope, id: field.value, el: address.el });
    return;
  }
  // libvirt reads an absent bus or controller as 0, but a bare `<address type='pci'/>` asks it to choose the whole address.
  if (address.fields.size === 0) return;
  const attributes = address.el.element.attributes;
  const last = attributes[attributes.length - 1];
  if (!last || last.valueOffset < 0) return;
  const at = address.el.start + last.valueOffset + last.valueLength;
  const quote = domain.text[address.el.start + last.valueOffset] === '"' ? '"' : "'";
  add(address.span, { role: 'use', scope: reference.scope, id: 0, el: address.el, missing: { attribute: reference.attribute, at, quote } });
}

/**
 * `<iothreadids>` lists ids; `<iothreads>N</iothreads>` asks for N in all, and libvirt numbers
 * those the list leaves out from 1 up, skipping the listed ids: the count defines those.
 */
function defineIOThreads(domain: Domain, add: Add): void {
  const listed = new IdSet();
  for (const thread of domain.at(['iothreadids', 'iothread'])) {
    const attr = domain.attr(thread, 'id');
    const id = decimalNumber(attr?.value);
    if (!attr || id === undefined) continue;
    listed.add(id, id);
    add(trimmed(domain, attr), { role: 'definition', scope: 'iothread', id, el: thread });
  }
  const count = domain.first(['iothreads']);
  const n = count && decimalNumber(domain.content(count).value);
  if (!count || !n || n <= listed.count) return;
  const numbered = new IdSet();
  let missing = n - listed.count;
  let next = 1;
  for (const [first, last] of [...listed.ranges(), [Infinity, Infinity] as const]) {
    const take = Math.min(missing, first - next);
    if (take > 0) numbered.add(next, next + take - 1);
    missing -= Math.max(take, 0);
    if (missing === 0) break;
    next = Math.max(next, last + 1);
  }
  const fixed = words('rename.fixed.iothreadCount');
  add(textSpan(domain, count), { role: 'definition', scope: 'iothread', id: numbered.ranges()[0][0], ids: numbered, el: count, fixed });
}

/** `<cpu><numa><cell>`: its `id`, or without one its place among the cells (libvirt's numbering). */
function defineCells(domain: Domain, add: Add): void {
  domain.at(['cpu', 'numa', 'cell']).forEach((cell, place) => {
    const attr = domain.attr(cell, 'id');
    if (!attr) {
      add(domain.nameSpan(cell), { role: 'definition', scope: 'cell', id: place, el: cell, fixed: words('rename.fixed.cellPlace') });
      return;
    }
    const id = decimalNumber(attr.value);
    if (id !== undefined) add(trimmed(domain, attr), { role: 'definition', scope: 'cell', id, el: cell });
  });
}

function defineControllers(domain: Domain, type: string, add: Add): void {
  for (const controller of controllersOf(domain)) {
    if (controller.type !== type) continue;
    const scope: Scope = `controller ${type}`;
    const token = { role: 'definition' as const, scope, id: controller.index, el: controller.el };
    if (!controller.indexAttr) {
      add(domain.nameSpan(controller.el), { ...token, fixed: words('rename.fixed.controllerIndex') });
      continue;
    }
    add(trimmed(domain, controller.indexAttr), token);
    add(domain.nameSpan(controller.el), { ...token, role: 'tag' });
  }
}

/** An attribute value's span without the spaces around it. */
function trimmed(domain: Domain, attr: AttrValue | Span): Span {
  return trimSpan(domain.text, attr.from, attr.to);
}

function textSpan(domain: Domain, el: El): Span {
  const { from, to } = domain.content(el);
  return trimSpan(domain.text, from, to);
}

/** [from, to) of `text` without the spaces at either end. */
export function trimSpan(text: string, from: number, to: number): Span {
  while (from < to && text.charCodeAt(from) <= 32) from++;
  while (to > from && text.charCodeAt(to - 1) <= 32) to--;
  return { from, to };
}

/**
 * The token whose span holds `offset` (its end included: the cursor right after a value): a use
 * is read from the element under the cursor alone, a definition looked up among the scope's.
 * Tokens never overlap: items of a list are apart, a controller's tag and index too.
 */
export function tokenAt(analysis: Analysis, offset: number): ReferenceToken | undefined {
  const domain = analysis.domain;
  const target = domain && cursorTarget(analysis.tree, offset);
  if (!domain || !target) return undefined;
  let place: Place | undefined;
  let chain: Located<ElementNode>[] = [];
  if (target.kind === 'attributeValue' || target.kind === 'startTagName') {
    chain = [...target.ancestors, target.element];
    place = placeOf(domain, chain, target.kind === 'startTagName' ? 'tag' : { attribute: target.attribute.name }, false);
  } else if (target.kind === 'content') {
    chain = target.ancestors;
    place = placeOf(domain, chain, 'text', false);
  }
  if (!place) return undefined;
  let found: ReferenceToken | undefined;
  const keep: Add = (span, fields) => {
    if (span.from <= offset && offset <= span.to) found = tokenOf(span, fields);
  };
  if (place.site) readUse(domain, elOf(chain[chain.length - 1]), place.site, keep);
  else if (place.address) readAddressUse(domain, place.address.device, place.address.address, place.scope, keep);
  else found = scopeTokens(analysis, place.scope, 'definitions').find((token) => token.from <= offset && offset <= token.to);
  return found;
}

/** Whether two tokens name an id in common. */
function sameTarget(a: ReferenceToken, b: ReferenceToken): boolean {
  if (a.scope !== b.scope) return false;
  if (typeof a.id === 'string' || typeof b.id === 'string') return a.id === b.id;
  if (a.ids && b.ids) return !a.ids.intersect(b.ids).isEmpty;
  if (a.ids) return a.ids.has(b.id);
  if (b.ids) return b.ids.has(a.id);
  return a.id === b.id;
}

/** The definitions or the uses that name an id the token names, in document order. */
export function tokensNaming(analysis: Analysis, token: ReferenceToken, which: Which): ReferenceToken[] {
  return scopeTokens(analysis, token.scope, which).filter((other) => sameTarget(token, other));
}
