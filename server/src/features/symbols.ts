/**
 * Document symbols (the Outline, breadcrumbs, Go to Symbol in Editor) and workspace symbols.
 *
 * Symbols are named as an admin thinks of the element, with values read from the document:
 * `disk vda · file web01.qcow2`, `interface network=default · 52:54:00:6b:3c:1a`,
 * `cell 0 · cpus 0-3 · 4 GiB`. The outline holds the structure a user navigates: the domain's
 * children, the children of its sections (`<devices>`, `<cputune>`, `<cpu><numa>` ...), and
 * nothing below a device: a device's `<source>`, `<target>` and `<address>` are in its name and
 * detail already, and listing them would make the outline of a real domain four times as long.
 * Values are read as the rules read them (`Domain.attr`: an attribute whose closing quote is not
 * typed yet is left out), so a half-typed element still gets its symbol, named by what is complete.
 * The few words a name or detail adds to the document's values (`nodes 0-1`, `4 cores`, `120 of
 * 9,000 shown`) are catalogue words: the name is English, and `nameWords` says it in any language.
 */
import { deviceAddresses, DeviceAddress, fieldValue, formatPciAddress, addressOf } from '../rules/addresses';
import { memoryKiB } from '../rules/cpu/facts';
import { Domain, El } from '../rules/domain';
import { ElementNode } from '../parser/nodes';
import { Words, render, words } from '../messages/words';
import { Analysis } from './analysis';
import { inBinaryUnit } from './valueMeaning';

/**
 * The symbol kinds used, by their LSP names (server.ts maps them), each chosen for the icon VS Code
 * draws for it:
 * - Module: the domain, the one unit a document defines;
 * - Namespace: a section that groups other symbols (`devices`, `cputune`, `features` ...): the
 *   braces icon says "a group";
 * - Class: a device, the things a user looks for, drawn in a colour of their own so they stand
 *   out from the sections (Object would be the literal choice, but VS Code draws it with the same
 *   braces as a Namespace);
 * - Struct: an entry with an id that other elements refer to (a NUMA cell, an IOThread, a vCPU, a
 *   throttle group);
 * - Key: a pin or placement, mapping guest resources to the host's (`vcpupin 0 → 2`);
 * - Number: an amount or a count (`memory 4 GiB`, `vcpu 4`, `hard_limit 8 GiB`);
 * - Property: any other setting (`name web01`, `on_crash destroy`, `acpi`).
 */
export type SymbolKindName = 'Module' | 'Namespace' | 'Class' | 'Struct' | 'Key' | 'Number' | 'Property';

export interface DocumentSymbolItem {
  /** In English; `nameWords` in the user's language where the name holds words of ours. */
  name: string;
  nameWords?: Words;
  /** What the name leaves out (a device's address, a value as written); shown dimmed beside it. `detailWords` as for the name. */
  detail: string | undefined;
  detailWords?: Words;
  kind: SymbolKindName;
  /** The element's name, e.g. `disk`. */
  element: string;
  /** The whole element, start tag to end tag (absolute offsets). */
  start: number;
  end: number;
  /** The start tag's name: what the editor selects on a jump. */
  selectionStart: number;
  selectionEnd: number;
  children: readonly DocumentSymbolItem[];
}

/**
 * The most symbols an outline holds. A 1 MB domain has some 5,700; past this the answer alone
 * (2.5 MB of JSON) costs the editor more than the outline is worth, so a section's children stop
 * there and its detail says how many are shown.
 */
export const MAX_DOCUMENT_SYMBOLS = 10_000;

/** The outline of the document: the root element and, below it, the structure (see above). */
export function documentSymbols(analysis: Analysis): DocumentSymbolItem[] {
  return analysis.derived(outlineOf);
}

function outlineOf(analysis: Analysis): DocumentSymbolItem[] {
  const domain = analysis.domain;
  const budget = { left: MAX_DOCUMENT_SYMBOLS - 1 };
  if (domain) return [symbolOf(domain, domain.root, undefined, budget)];
  // Another root (or a root not typed to its end): its element names, one level down.
  const root = analysis.tree.children.find((child): child is ElementNode => child.kind === 'element' && child.name !== '');
  if (!root) return [];
  const elements = root.children.filter((child): child is ElementNode => child.kind === 'element' && child.name !== '');
  const children = elements.slice(0, budget.left).map((child) => plainSymbol(child, root.offset + child.offset, 'Property', NO_CHILDREN));
  return [plainSymbol(root, root.offset, 'Module', children, root.name, shownOf(children.length, elements.length))];
}

/** A section's detail when the outline's budget cut its children short. */
function shownOf(shown: number, all: number): Text | undefined {
  return shown < all ? words('symbols.shown', { shown: shown.toLocaleString('en'), all: all.toLocaleString('en') }) : undefined;
}

/** Part of a name or detail: the document's text as it is, or words of ours. */
type Text = string | Words;

/** The children of a leaf, one array for all: a 1 MB domain has thousands of leaves. */
const NO_CHILDREN: readonly DocumentSymbolItem[] = [];

/** The symbol of an element (named by its element name unless `name` is given). */
function plainSymbol(element: ElementNode, start: number, kind: SymbolKindName, children: readonly DocumentSymbolItem[], name: Text = element.name, detail?: Text): DocumentSymbolItem {
  const selectionStart = start + 1;
  const symbol: DocumentSymbolItem = { name: english(name)!, detail: english(detail), kind, element: element.name, start, end: start + element.length, selectionStart, selectionEnd: selectionStart + element.name.length, children };
  if (typeof name !== 'string') symbol.nameWords = name;
  if (detail !== undefined && typeof detail !== 'string') symbol.detailWords = detail;
  return symbol;
}

function english(text: Text | undefined): string | undefined {
  return text === undefined || typeof text === 'string' ? text : render(text, 'en');
}

/** The symbol of `el`, a child of `parent` (undefined for the root); its children take from `budget` (MAX_DOCUMENT_SYMBOLS). */
function symbolOf(domain: Domain, el: El, parent: string | undefined, budget: { left: number }): DocumentSymbolItem {
  const name = el.element.name;
  const symbol = (label: Label, kind: SymbolKindName, detail: Text | undefined, children: readonly DocumentSymbolItem[]) =>
    plainSymbol(el.element, el.start, kind, children, nameText(name, label.parts), detail);
  if (parent === 'devices') {
    const label = (DEVICES[name] ?? genericLabel)(domain, el);
    return symbol(label, 'Class', joined([label.detail, deviceDetail(domain, el)], ' · '), NO_CHILDREN);
  }
  // Where the element stands: `parent/name` (`numatune/memory`, `numa/cell`), or `domain` for the root.
  const key = parent === undefined ? name : `${parent}/${name}`;
  const label = (SETTINGS[key] ?? genericLabel)(domain, el);
  if (!(key in SECTIONS)) return symbol(label, KINDS[key] ?? 'Property', label.detail, NO_CHILDREN);
  const elements = domain.children(el).filter((child) => child.element.name !== '');
  const children: DocumentSymbolItem[] = [];
  for (const child of elements) {
    if (budget.left === 0) break;
    budget.left--;
    children.push(symbolOf(domain, child, name, budget));
  }
  return symbol(label, parent === undefined ? 'Module' : 'Namespace', joined([label.detail, shownOf(children.length, elements.length)], ' · '), children);
}

/**
 * What a symbol's name says besides the element's name: missing parts are left out, the first
 * part present follows the element's name after a space, the others after ` · `. `detail` goes
 * beside the name.
 */
interface Label {
  parts: (Text | undefined)[];
  detail?: Text;
}

type Labeller = (domain: Domain, el: El) => Label;

function nameText(element: string, parts: (Text | undefined)[]): Text {
  const rest = joined(parts, ' · ');
  return rest === undefined ? element : joined([element, rest])!;
}

/** The parts given, without the missing ones, joined by `separator`; undefined when none is left. Words when any part is. */
function joined(parts: (string | undefined)[], separator?: string): string | undefined;
function joined(parts: (Text | undefined)[], separator?: string): Text | undefined;
function joined(parts: (Text | undefined)[], separator = ' '): Text | undefined {
  const present = parts.filter((part): part is Text => part !== undefined && part !== '');
  if (present.every((part): part is string => typeof part === 'string')) return present.length > 0 ? present.join(separator) : undefined;
  return present.reduce((before, after) => words('symbols.joined', { before, separator, after }));
}

/** Characters of text content shown in a name: a description or a command line is cut there. */
const MAX_TEXT_SHOWN = 48;

/** The element's text on one line, cut to MAX_TEXT_SHOWN characters; undefined when empty. */
function textOf(domain: Domain, el: El | undefined): string | undefined {
  return el && shown(domain.content(el).value);
}

/** `text` on one line, cut to MAX_TEXT_SHOWN characters; undefined when empty. */
function shown(text: string | undefined): string | undefined {
  // Only the start of a long description is looked at: it may be megabytes.
  const line = text?.trim().slice(0, MAX_TEXT_SHOWN * 4).replace(/\s+/g, ' ');
  if (!line) return undefined;
  return line.length > MAX_TEXT_SHOWN ? `${line.slice(0, MAX_TEXT_SHOWN - 1)}…` : line;
}

/** The last segment of a path: the file name is what tells two images apart. */
function baseName(path: string | undefined): string | undefined {
  if (!path) return undefined;
  const trimmed = path.replace(/\/+$/, '');
  return trimmed.slice(trimmed.lastIndexOf('/') + 1) || path;
}

/** A memory amount in a readable binary unit (`4 GiB`), or as written when libvirt would not read it. */
function amount(value: string | undefined, unit: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  const kib = memoryKiB(value, unit);
  return kib === undefined ? joined([value, unit]) : inBinaryUnit(kib * 1024n);
}

/** An element whose text is a memory amount (`<memory unit='KiB'>4194304</memory>`): readable in the name, as written in the detail. */
function amountLabel(domain: Domain, el: El): Label {
  const value = domain.content(el).value.trim();
  const unit = domain.value(el, 'unit');
  const readable = amount(value, unit);
  const written = joined([value, unit ?? (value === '' ? undefined : 'KiB')]);
  return { parts: [readable], detail: written === readable ? undefined : written };
}

/** `pin`: `0 → 2`, what is pinned and where. */
function arrow(from: string | undefined, to: string | undefined): string | undefined {
  return from === undefined && to === undefined ? undefined : `${from ?? '?'} → ${to ?? '?'}`;
}

/** Attributes that name an element without a labeller of its own, the first present wins. */
const NAMING_ATTRIBUTES = ['name', 'type', 'model', 'mode', 'dev', 'value', 'state', 'enabled', 'enable'];

/** The element's name, with its first naming attribute and its text (`on_crash destroy`, `timer rtc`). */
function genericLabel(domain: Domain, el: El): Label {
  const hasElements = el.element.children.some((child) => child.kind === 'element');
  return { parts: [joined([firstValue(domain, el, NAMING_ATTRIBUTES), hasElements ? undefined : textOf(domain, el)])] };
}

/** A PCI address in libvirt's spelling (0000:01:00.0), from an `<address>` with domain, bus, slot and function. */
function pciText(address: DeviceAddress | undefined): string | undefined {
  if (!address) return undefined;
  const [domainNumber, bus, slot, fn] = ['domain', 'bus', 'slot', 'function'].map((field) => fieldValue(address, field));
  if (domainNumber === undefined || bus === undefined || slot === undefined || fn === undefined) return undefined;
  return formatPciAddress(domainNumber, bus, slot, fn);
}

/** A device's `<address>` in a few characters: `pci 0000:00:03.0`, `drive 0:0:0:1`, `usb 0.1`. */
function addressText(address: DeviceAddress): string | undefined {
  const fields = (...names: string[]) => names.map((name) => fieldValue(address, name) ?? '?');
  switch (address.type) {
    case 'pci':
      return joined(['pci', pciText(address)]);
    case 'drive':
      return `drive ${fields('controller', 'bus', 'target', 'unit').join(':')}`;
    case 'usb':
      return joined(['usb', joined([fieldValue(address, 'bus')?.toString(), writtenValue(address, 'port')], '.')]);
    case 'virtio-serial':
      return `virtio-serial ${fields('controller', 'bus', 'port').join(':')}`;
    case 'ccw': {
      // As the guest names the device: fe.0.0001.
      const [cssid, ssid, devno] = ['cssid', 'ssid', 'devno'].map((name) => fieldValue(address, name)?.toString(16) ?? '?');
      return `ccw ${cssid}.${ssid}.${devno.padStart(4, '0')}`;
    }
    default:
      return address.type;
  }
}

/** An address field as written (a USB port is a dotted path, not a number). */
function writtenValue(address: DeviceAddress, name: string): string | undefined {
  return address.fields.get(name)?.attr.value.trim();
}

/** A device's detail: its alias and its address, when it has them. */
function deviceDetail(domain: Domain, device: El): string | undefined {
  const address = deviceAddresses(domain).of.get(device.element);
  return joined([domain.value(domain.child(device, 'alias'), 'name'), address && addressText(address)], ' · ');
}

/** The value of `<child attribute>`. */
function childValue(domain: Domain, el: El, child: string, attribute: string): string | undefined {
  return domain.value(domain.child(el, child), attribute);
}

/** The value of the first of `attributes` the element has. */
function firstValue(domain: Domain, el: El | undefined, attributes: readonly string[]): string | undefined {
  if (!el) return undefined;
  for (const attribute of attributes) {
    const value = domain.value(el, attribute);
    if (value) return value;
  }
  return undefined;
}

/** A disk's source by its type: `file web01.qcow2`, `volume default/web01`, `rbd pool/image`. */
function diskSource(domain: Domain, disk: El): string | undefined {
  const type = domain.value(disk, 'type');
  const source = domain.child(disk, 'source');
  if (!type || !source) return undefined;
  switch (type) {
    case 'file':
      return joined([type, baseName(domain.value(source, 'file'))]);
    case 'block':
      return joined([type, baseName(domain.value(source, 'dev'))]);
    case 'dir':
      return joined([type, baseName(domain.value(source, 'dir'))]);
    case 'volume':
      return joined([type, joined([domain.value(source, 'pool'), domain.value(source, 'volume')], '/')]);
    case 'network':
      return joined([domain.value(source, 'protocol') ?? type, domain.value(source, 'name')]);
    case 'nvme':
      return joined([type, pciText(addressOf(domain, source))]);
    default:
      return joined([type, baseName(firstValue(domain, source, ['path', 'dev', 'file']))]);
  }
}

/** Where an interface's traffic goes, by its type: the network, bridge, host device ... it is attached to. */
function interfaceSource(domain: Domain, nic: El): string | undefined {
  const type = domain.value(nic, 'type');
  const source = domain.child(nic, 'source');
  let value: string | undefined;
  switch (type) {
    case 'ethernet':
      value = childValue(domain, nic, 'target', 'dev');
      break;
    case 'hostdev':
      value = source && pciText(addressOf(domain, source));
      break;
    case 'server':
    case 'client':
    case 'mcast':
    case 'udp':
      value = source && joined([domain.value(source, 'address'), domain.value(source, 'port')], ':');
      break;
    default:
      value = firstValue(domain, source, ['network', 'bridge', 'dev', 'path', 'switchid']);
  }
  return value ? `${type}=${value}` : type;
}

/** What a host device passes through: a PCI address, a USB vendor:product or bus/device, a SCSI adapter ... */
function hostdevSource(domain: Domain, hostdev: El): string | undefined {
  const type = domain.value(hostdev, 'type');
  const source = domain.child(hostdev, 'source');
  if (!source) return type;
  if (domain.value(hostdev, 'mode') === 'capabilities') return joined([type, textOf(domain, domain.children(source)[0])]);
  const address = domain.child(source, 'address');
  switch (type) {
    case 'pci':
      return joined([type, pciText(addressOf(domain, source))]);
    case 'usb': {
      const product = joined([childValue(domain, source, 'vendor', 'id'), childValue(domain, source, 'product', 'id')], ':');
      return joined([type, product ?? joined([domain.value(address, 'bus'), domain.value(address, 'device')], '.')]);
    }
    case 'scsi':
      return joined([type, childValue(domain, source, 'adapter', 'name') ?? domain.value(source, 'protocol'), joined(['bus', 'target', 'unit'].map((field) => domain.value(address, field)), ':')]);
    case 'scsi_host':
      return joined([type, domain.value(source, 'wwpn')]);
    default:
      return joined([type, domain.value(address, 'uuid')]);
  }
}

/** A graphics console's type and where to reach it: `vnc :5900`, `spice autoport`, `vnc 0.0.0.0:5901`. */
function graphicsLabel(domain: Domain, graphics: El): Label {
  const listen = domain.value(graphics, 'listen') ?? childValue(domain, graphics, 'listen', 'address');
  const port = domain.value(graphics, 'port');
  const autoport = domain.value(graphics, 'autoport') === 'yes' || port === '-1';
  const where = autoport ? joined([listen, 'autoport'], ' · ') : port ? `${listen ?? ''}:${port}` : (listen ?? domain.value(graphics, 'socket'));
  return { parts: [joined([domain.value(graphics, 'type'), where])] };
}

/** How an RNG gets its entropy: the host device it reads, or its backend's model. */
function rngBackend(domain: Domain, rng: El): string | undefined {
  const backend = domain.child(rng, 'backend');
  if (!backend) return undefined;
  const model = domain.value(backend, 'model');
  return model === 'random' ? (textOf(domain, backend) ?? model) : joined([model, domain.value(backend, 'type')]);
}

/** A filesystem's mount tag (or target path) and what it exports: `share0 · mount data`. */
function filesystemLabel(domain: Domain, fs: El): Label {
  const source = domain.child(fs, 'source');
  const exported = source && joined([domain.value(source, 'pool'), domain.value(source, 'volume')], '/');
  const what = exported ?? baseName(firstValue(domain, source, ['dir', 'file', 'dev', 'name', 'socket', 'usage']));
  return { parts: [childValue(domain, fs, 'target', 'dir'), joined([domain.value(fs, 'type'), what])] };
}

/** A memory device: its model, its size and the guest NUMA node it belongs to. */
function memoryDeviceLabel(domain: Domain, memory: El): Label {
  const target = domain.child(memory, 'target');
  const size = target && domain.child(target, 'size');
  const node = target && textOf(domain, domain.child(target, 'node'));
  return { parts: [domain.value(memory, 'model'), size && amountLabel(domain, size).parts[0], node && words('symbols.node', { node })] };
}

/** The file name of the path that is the element's text. */
function fileName(domain: Domain, el: El): string | undefined {
  return shown(baseName(domain.content(el).value.trim()));
}

/** An element whose text is a path, by its file name. */
function fileLabel(domain: Domain, el: El): Label {
  return { parts: [fileName(domain, el)] };
}

/** Named by the values of `names`, in order. */
const attributes =
  (...names: string[]): Labeller =>
  (domain, el) => ({ parts: names.map((name) => domain.value(el, name)) });

/** Devices, by element name; a device without an entry is named by genericLabel. */
const DEVICES: Record<string, Labeller> = {
  disk: (domain, disk) => {
    const device = domain.value(disk, 'device');
    return { parts: [childValue(domain, disk, 'target', 'dev'), device === 'disk' ? undefined : device, diskSource(domain, disk)], detail: childValue(domain, disk, 'target', 'bus') };
  },
  interface: (domain, nic) => ({ parts: [interfaceSource(domain, nic), childValue(domain, nic, 'mac', 'address')], detail: childValue(domain, nic, 'model', 'type') }),
  controller: (domain, controller) => ({ parts: [joined([domain.value(controller, 'type'), domain.value(controller, 'index')]), domain.value(controller, 'model')] }),
  hostdev: (domain, hostdev) => ({ parts: [hostdevSource(domain, hostdev)] }),
  graphics: graphicsLabel,
  video: (domain, video) => ({ parts: [childValue(domain, video, 'model', 'type')] }),
  serial: (domain, serial) => ({ parts: [domain.value(serial, 'type'), labelled('port', childValue(domain, serial, 'target', 'port'))] }),
  parallel: (domain, parallel) => ({ parts: [domain.value(parallel, 'type'), labelled('port', childValue(domain, parallel, 'target', 'port'))] }),
  console: (domain, console) => ({ parts: [domain.value(console, 'type'), childValue(domain, console, 'target', 'type')] }),
  channel: (domain, channel) => ({ parts: [domain.value(channel, 'type'), childValue(domain, channel, 'target', 'name') ?? childValue(domain, channel, 'target', 'type')] }),
  tpm: (domain, tpm) => {
    const backend = domain.child(tpm, 'backend');
    return { parts: [domain.value(tpm, 'model'), joined([domain.value(backend, 'type'), domain.value(backend, 'version')])] };
  },
  memballoon: attributes('model'),
  rng: (domain, rng) => ({ parts: [domain.value(rng, 'model'), rngBackend(domain, rng)] }),
  filesystem: filesystemLabel,
  redirdev: attributes('bus', 'type'),
  watchdog: attributes('model', 'action'),
  input: attributes('type', 'bus'),
  sound: attributes('model'),
  audio: attributes('id', 'type'),
  panic: attributes('model'),
  pstore: attributes('backend'),
  iommu: attributes('model'),
  smartcard: attributes('mode'),
  shmem: (domain, shmem) => ({ parts: [domain.value(shmem, 'name'), childValue(domain, shmem, 'model', 'type')] }),
  memory: memoryDeviceLabel,
  vsock: (domain, vsock) => ({ parts: [labelled('cid', childValue(domain, vsock, 'cid', 'auto') === 'yes' ? 'auto' : childValue(domain, vsock, 'cid', 'address'))] }),
  emulator: fileLabel,
  lease: (domain, lease) => ({ parts: [joined([textOf(domain, domain.child(lease, 'lockspace')), textOf(domain, domain.child(lease, 'key'))], '/')] }),
};

/** What `text` says in `label` (an attribute's name) when the element has it: `port 0`, `cpus 0-3`. */
function labelled(label: string, text: string | undefined): string | undefined {
  return text === undefined || text === '' ? undefined : `${label} ${text}`;
}

/** The host's NUMA nodes of a nodeset: `nodes 0-1`. */
function nodes(nodeset: string | undefined): Text | undefined {
  return nodeset === undefined || nodeset === '' ? undefined : words('symbols.nodes', { nodeset });
}

/** The scheduler and priority of a `*sched` element: `fifo 1`. */
function scheduler(domain: Domain, el: El): string | undefined {
  return joined([domain.value(el, 'scheduler'), domain.value(el, 'priority')]);
}

/** Everything but devices, by `parent/name` (`domain` for the root); those without an entry are named by genericLabel. */
const SETTINGS: Record<string, Labeller> = {
  domain: (domain, root) => ({ parts: [textOf(domain, domain.child(root, 'name'))], detail: domain.virtType }),
  'domain/memory': amountLabel,
  'domain/currentMemory': amountLabel,
  'domain/maxMemory': (domain, el) => ({ parts: [amountLabel(domain, el).parts[0], labelled('slots', domain.value(el, 'slots'))], detail: amountLabel(domain, el).detail }),
  'domain/vcpu': (domain, el) => ({ parts: [textOf(domain, el), labelled('current', domain.value(el, 'current'))], detail: joined([domain.value(el, 'placement'), labelled('cpuset', domain.value(el, 'cpuset'))], ' · ') }),
  'domain/os': attributes('firmware'),
  'domain/cpu': (domain, cpu) => ({ parts: [domain.value(cpu, 'mode'), textOf(domain, domain.child(cpu, 'model'))] }),
  'domain/clock': attributes('offset'),
  'domain/seclabel': attributes('type', 'model'),
  'domain/resource': (domain, el) => ({ parts: [textOf(domain, domain.child(el, 'partition'))] }),
  'os/type': (domain, el) => ({ parts: [textOf(domain, el), domain.value(el, 'arch'), domain.value(el, 'machine')] }),
  'os/boot': attributes('dev'),
  'os/loader': (domain, el) => ({ parts: [fileName(domain, el), domain.value(el, 'type')] }),
  'os/nvram': fileLabel,
  'os/kernel': fileLabel,
  'os/initrd': fileLabel,
  'cputune/vcpupin': (domain, el) => ({ parts: [arrow(domain.value(el, 'vcpu'), domain.value(el, 'cpuset'))] }),
  'cputune/iothreadpin': (domain, el) => ({ parts: [arrow(domain.value(el, 'iothread'), domain.value(el, 'cpuset'))] }),
  'cputune/emulatorpin': attributes('cpuset'),
  'cputune/vcpusched': (domain, el) => ({ parts: [domain.value(el, 'vcpus'), scheduler(domain, el)] }),
  'cputune/iothreadsched': (domain, el) => ({ parts: [domain.value(el, 'iothreads'), scheduler(domain, el)] }),
  'cputune/emulatorsched': (domain, el) => ({ parts: [scheduler(domain, el)] }),
  'cputune/cachetune': attributes('vcpus'),
  'cputune/memorytune': attributes('vcpus'),
  'numatune/memory': (domain, el) => ({ parts: [domain.value(el, 'mode') ?? domain.value(el, 'placement'), nodes(domain.value(el, 'nodeset'))] }),
  'numatune/memnode': (domain, el) => ({ parts: [arrow(domain.value(el, 'cellid'), domain.value(el, 'nodeset')), domain.value(el, 'mode')] }),
  'cpu/topology': (domain, el) => ({ parts: TOPOLOGY.map((field) => labelledCount(domain.value(el, field), field)) }),
  'cpu/feature': attributes('name', 'policy'),
  'numa/cell': (domain, el) => ({ parts: [domain.value(el, 'id'), labelled('cpus', domain.value(el, 'cpus')), amount(domain.value(el, 'memory'), domain.value(el, 'unit'))] }),
  'iothreadids/iothread': attributes('id'),
  'vcpus/vcpu': (domain, el) => ({ parts: [domain.value(el, 'id'), domain.value(el, 'enabled') === 'no' ? words('symbols.disabled') : undefined] }),
  'memtune/hard_limit': amountLabel,
  'memtune/soft_limit': amountLabel,
  'memtune/swap_hard_limit': amountLabel,
  'memtune/min_guarantee': amountLabel,
  'hugepages/page': (domain, el) => ({ parts: [amount(domain.value(el, 'size'), domain.value(el, 'unit')), nodes(domain.value(el, 'nodeset'))] }),
  'blkiotune/device': (domain, el) => ({ parts: [textOf(domain, domain.child(el, 'path'))] }),
  'clock/timer': (domain, el) => ({ parts: [domain.value(el, 'name'), domain.value(el, 'present') === 'no' ? words('symbols.timerOff') : domain.value(el, 'tickpolicy')] }),
  'throttlegroups/throttlegroup': (domain, el) => ({ parts: [textOf(domain, domain.child(el, 'group_name'))] }),
};

const TOPOLOGY = ['sockets', 'dies', 'clusters', 'cores', 'threads'] as const;

/** `4 cores` (`1 socket`): a topology count with its word. */
function labelledCount(count: string | undefined, field: (typeof TOPOLOGY)[number]): Text | undefined {
  return count === undefined ? undefined : words(`symbols.topology.${field}.${count === '1' ? 'one' : 'other'}`, { count });
}

/** Elements whose children are in the outline too, by `parent/name` (`domain` for the root). */
const SECTIONS: Record<string, true> = {
  domain: true,
  'domain/devices': true,
  'domain/os': true,
  'domain/cputune': true,
  'domain/numatune': true,
  'domain/cpu': true,
  'cpu/numa': true,
  'domain/features': true,
  'features/hyperv': true,
  'features/kvm': true,
  'features/xen': true,
  'domain/memtune': true,
  'domain/memoryBacking': true,
  'memoryBacking/hugepages': true,
  'domain/blkiotune': true,
  'domain/clock': true,
  'domain/pm': true,
  'domain/iothreadids': true,
  'domain/vcpus': true,
  'domain/perf': true,
  'domain/keywrap': true,
  'domain/throttlegroups': true,
  'domain/qemu:commandline': true,
};

/** The kinds of leaves that are not Property (see SymbolKindName). */
const KINDS: Record<string, SymbolKindName> = {
  'domain/memory': 'Number',
  'domain/currentMemory': 'Number',
  'domain/maxMemory': 'Number',
  'domain/vcpu': 'Number',
  'domain/iothreads': 'Number',
  'memtune/hard_limit': 'Number',
  'memtune/soft_limit': 'Number',
  'memtune/swap_hard_limit': 'Number',
  'memtune/min_guarantee': 'Number',
  'blkiotune/weight': 'Number',
  'cputune/shares': 'Number',
  'cputune/period': 'Number',
  'cputune/quota': 'Number',
  'cputune/global_period': 'Number',
  'cputune/global_quota': 'Number',
  'cputune/emulator_period': 'Number',
  'cputune/emulator_quota': 'Number',
  'cputune/iothread_period': 'Number',
  'cputune/iothread_quota': 'Number',
  'cputune/vcpupin': 'Key',
  'cputune/emulatorpin': 'Key',
  'cputune/iothreadpin': 'Key',
  'cputune/vcpusched': 'Key',
  'cputune/iothreadsched': 'Key',
  'cputune/emulatorsched': 'Key',
  'numatune/memory': 'Key',
  'numatune/memnode': 'Key',
  'numa/cell': 'Struct',
  'iothreadids/iothread': 'Struct',
  'vcpus/vcpu': 'Struct',
  'throttlegroups/throttlegroup': 'Struct',
};

export interface WorkspaceSymbolItem {
  /** The document the symbol is in. */
  uri: string;
  /** In English; `nameWords` in the user's language where the name holds words of ours. */
  name: string;
  nameWords?: Words;
  kind: SymbolKindName;
  /** The guest a device belongs to (its `<name>`); undefined for the domain itself. */
  containerName: string | undefined;
  /** The start tag's name (absolute offsets in the document of `uri`). */
  start: number;
  end: number;
}

/** The most symbols one search returns: the editor shows a list, and a workspace of large domains has tens of thousands of devices. */
export const MAX_WORKSPACE_SYMBOLS = 500;

/**
 * The domains among `documents`, each by its guest's name, and their devices, whose names hold
 * the letters of `query` in order (case-insensitive): those starting with the query first, then
 * those containing it, then the rest, each in document order. At most MAX_WORKSPACE_SYMBOLS.
 */
export function workspaceSymbols(documents: Iterable<{ uri: string; analysis: Analysis }>, query: string): WorkspaceSymbolItem[] {
  const wanted = query.toLowerCase();
  // Three ranks of match, filled in document order; the search stops once the best rank is full.
  const ranks: WorkspaceSymbolItem[][] = [[], [], []];
  const offer = (item: WorkspaceSymbolItem): boolean => {
    const rank = matchRank(item.name.toLowerCase(), wanted);
    if (rank !== undefined) ranks[rank].push(item);
    return ranks[0].length >= MAX_WORKSPACE_SYMBOLS;
  };
  search: for (const { uri, analysis } of documents) {
    const domain = analysis.domain;
    const root = domain && documentSymbols(analysis)[0];
    if (!domain || !root) continue;
    const guest = textOf(domain, domain.child(domain.root, 'name'));
    if (offer({ uri, name: guest ?? root.name, kind: root.kind, containerName: undefined, start: root.selectionStart, end: root.selectionEnd })) break;
    for (const section of root.children) {
      if (section.element !== 'devices') continue;
      for (const device of section.children) {
        if (offer({ uri, name: device.name, nameWords: device.nameWords, kind: device.kind, containerName: guest, start: device.selectionStart, end: device.selectionEnd })) break search;
      }
    }
  }
  return ranks.flat().slice(0, MAX_WORKSPACE_SYMBOLS);
}

/** 0: `name` starts with `query`; 1: contains it; 2: holds its characters but spaces in order; undefined: none of these. */
function matchRank(name: string, query: string): number | undefined {
  if (name.startsWith(query)) return 0;
  if (name.includes(query)) return 1;
  const letters = query.replace(/\s+/g, '');
  let at = 0;
  for (let i = 0; i < name.length && at < letters.length; i++) if (name.charCodeAt(i) === letters.charCodeAt(at)) at++;
  return at === letters.length ? 2 : undefined;
}
