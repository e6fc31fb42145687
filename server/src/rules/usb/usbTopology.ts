/**
 * The domain's USB topology as libvirt's QEMU driver builds it when it assigns USB addresses
 * (qemuDomainAssignUSBAddresses, src/qemu/qemu_domain_address.c, over the address set of
 * src/conf/domain_addr.c): one bus per USB controller index with the controller model's port
 * count (virDomainUSBAddressControllerModelToPorts), an 8-port hub on every port a `<hub
 * type='usb'>` sits on (virDomainUSBAddressSetAddHub, hubs first, in document order), then every
 * other USB device's explicit bus/port reserved (virDomainUSBAddressReserve, in the order of
 * virDomainUSBDeviceDefForeach). What goes wrong on the way is kept as problems, one kind per rule.
 *
 * Left out: a device that names a bus but no port (virDomainUSBAddressAssign then looks for a
 * free port on that bus). libvirt only places such devices for a new domain (at start, or a
 * define with ABI update) and skips the whole USB map otherwise, so such a document can be
 * defined (libvirt's own test outputs include one); flagging it would call a defined document wrong.
 *
 * What the document does not say is left open rather than guessed: a controller without a model
 * gets its model from the QEMU binary (2 ports on the x86 PC machines, whose default is
 * piix3-uhci; unknown elsewhere), and a bus 0 with no controller written is the one libvirt adds
 * on the x86 PC machines and unknown elsewhere.
 */
import { Words, words } from '../../messages/words';
import { AttrValue, Domain, El, Span, decimalNumber } from '../domain';
import { domainMachineFamily } from '../machines';

/** libvirt's VIR_DOMAIN_DEVICE_USB_MAX_PORT_DEPTH: a port path has at most 4 levels. */
const MAX_PORT_DEPTH = 4;
/** libvirt's VIR_DOMAIN_USB_HUB_PORTS. */
export const USB_HUB_PORTS = 8;

/** The ports of each USB controller model (virDomainUSBAddressControllerModelToPorts); 0: a UHCI companion of an EHCI controller, which adds no bus. */
const MODEL_PORTS: Readonly<Record<string, number>> = {
  'piix3-uhci': 2,
  'piix4-uhci': 2,
  'vt82c686b-uhci': 2,
  ehci: 6,
  'ich9-ehci1': 6,
  'ich9-uhci1': 0,
  'ich9-uhci2': 0,
  'ich9-uhci3': 0,
  'pci-ohci': 3,
  'nec-xhci': 4,
  'qemu-xhci': 4,
  qusb1: 8,
  qusb2: 8,
};

/** Models whose port count the `ports` attribute sets. */
const PORTS_ATTRIBUTE_MODELS = new Set(['nec-xhci', 'qemu-xhci', 'qusb1', 'qusb2']);

/** A `<controller type='usb'>`, read. */
export interface UsbController {
  el: El;
  /** `model`, trimmed; undefined when absent (libvirt takes the QEMU binary's default). */
  model: string | undefined;
  index: number | undefined;
  /** Has a `<master>` child: a companion controller of another one with the same index. */
  companion: boolean;
}

export type UsbProblemKind = 'bus-missing' | 'port-range' | 'duplicate' | 'controller-index';

export interface UsbProblem {
  kind: UsbProblemKind;
  at: Span;
  message: Words;
  related?: { from: number; to: number; message: Words }[];
}

export interface UsbTopology {
  controllers: UsbController[];
  /** The `<controller type='usb' model='none'>` elements. */
  noneControllers: UsbController[];
  /** Controllers of another model (USB enabled). */
  otherControllers: UsbController[];
  problems: UsbProblem[];
}

interface Port {
  /** Where the port's first occupant names it (its `port` value), when taken. */
  taken?: AttrValue;
  hub?: Hub;
}

interface Hub {
  /** Undefined when the model, hence the count, comes from the QEMU binary. */
  nports: number | undefined;
  /** What the ports belong to, for messages: `the piix3-uhci controller of bus 0`. */
  what: Words;
  ports: Map<number, Port>;
}

/** The USB controllers and the USB address map of the domain, computed once per document version. */
export function usbTopology(domain: Domain): UsbTopology {
  return domain.derived(computeTopology);
}

/** Reads `<controller type='usb'>`. */
export function readUsbController(domain: Domain, el: El): UsbController {
  const index = domain.value(el, 'index');
  return {
    el,
    model: domain.value(el, 'model'),
    index: index === undefined ? undefined : decimalNumber(index),
    companion: domain.child(el, 'master') !== undefined,
  };
}

const COMPANION_MODELS = new Set(['ich9-uhci1', 'ich9-uhci2', 'ich9-uhci3']);

/**
 * libvirt numbers USB controllers written without `index`. When none has one and none is a
 * companion, they take 0, 1, 2 ... in document order (each the lowest unused index); with
 * companions, or indexes written for some only, libvirt's numbering is not modelled and the
 * indexes stay unknown.
 */
function numberControllers(controllers: UsbController[]): void {
  if (controllers.every((c) => c.index !== undefined || c.el.element.attributes.some((a) => a.name === 'index'))) return;
  const simple = controllers.every((c) => !c.el.element.attributes.some((a) => a.name === 'index') && !c.companion && !COMPANION_MODELS.has(c.model ?? ''));
  controllers.forEach((controller, i) => {
    controller.index = simple ? i : undefined;
  });
}

/**
 * On the x86 PC machines (i440fx, q35) a USB controller written without a model becomes a
 * piix3-uhci (qemuDomainDefaultUSBControllerModel; libvirt's x86_64 test outputs show it with
 * and without ABI update; only the controller libvirt adds itself gets an xHCI one on q35).
 */
function x86DefaultModel(domain: Domain): boolean {
  const family = domainMachineFamily(domain);
  return family === 'i440fx' || family === 'q35';
}

/** libvirt's port count for a controller; undefined when it depends on the QEMU binary. */
function controllerPorts(domain: Domain, controller: UsbController): number | undefined {
  const model = controller.model;
  if (model === undefined) return x86DefaultModel(domain) ? 2 : undefined;
  if (PORTS_ATTRIBUTE_MODELS.has(model)) {
    const ports = decimalNumber(domain.value(controller.el, 'ports'));
    if (ports !== undefined) return ports;
  }
  return MODEL_PORTS[model];
}

/** A port path as virDomainDeviceUSBAddressParsePort reads it: 1 to 4 dot-separated numbers; undefined when it cannot. */
export function parsePortPath(text: string): number[] | undefined {
  const parts = text.trim().split('.');
  if (parts.length > MAX_PORT_DEPTH) return undefined;
  const path: number[] = [];
  for (const part of parts) {
    const n = decimalNumber(part);
    if (n === undefined || part.trim() !== part) return undefined;
    path.push(n);
  }
  // Trailing zeros are absent levels (virDomainUSBAddressGetLastIdx).
  while (path.length > 1 && path[path.length - 1] === 0) path.pop();
  return path;
}

/** The element kinds whose USB address libvirt reserves (virDomainUSBDeviceDefForeach), in its order, hubs aside. */
const RESERVE_ORDER = ['hostdev', 'disk', 'controller', 'input', 'serial', 'sound', 'redirdev'] as const;

interface UsbDevice {
  el: El;
  address: El;
  bus: number | undefined;
  busAttr: AttrValue | undefined;
  portAttr: AttrValue | undefined;
  /** The port path; undefined when absent or not readable. */
  path: number[] | undefined;
}

function computeTopology(domain: Domain): UsbTopology {
  const controllers: UsbController[] = [];
  const byKind = new Map<string, UsbDevice[]>();
  const hubs: UsbDevice[] = [];
  for (const device of domain.devices) {
    const name = device.element.name;
    if (name === 'controller' && domain.value(device, 'type') === 'usb') {
      controllers.push(readUsbController(domain, device));
      continue;
    }
    if (name !== 'hub' && !(RESERVE_ORDER as readonly string[]).includes(name)) continue;
    if (name === 'hub' && domain.value(device, 'type') !== 'usb') continue;
    const address = domain.child(device, 'address');
    if (!address || domain.value(address, 'type') !== 'usb') continue;
    const busAttr = domain.attr(address, 'bus');
    const portAttr = domain.attr(address, 'port');
    const entry: UsbDevice = {
      el: device,
      address,
      bus: busAttr ? decimalNumber(busAttr.value) : 0,
      busAttr,
      portAttr,
      path: portAttr ? parsePortPath(portAttr.value) : undefined,
    };
    if (name === 'hub') hubs.push(entry);
    else {
      const list = byKind.get(name) ?? [];
      list.push(entry);
      byKind.set(name, list);
    }
  }
  numberControllers(controllers);
  const noneControllers = controllers.filter((c) => c.model === 'none');
  const otherControllers = controllers.filter((c) => c.model !== 'none');
  const topology: UsbTopology = { controllers, noneControllers, otherControllers, problems: [] };
  // With USB disabled there is no map; the rules about `model='none'` say what is wrong.
  if (otherControllers.length === 0 && noneControllers.length > 0) return topology;

  const problems = topology.problems;
  const buses = new Map<number, Hub & { at: Span }>();
  for (const controller of otherControllers) {
    if (controller.index === undefined) return topology;
    const nports = controllerPorts(domain, controller);
    if (nports === 0) continue;
    const existing = buses.get(controller.index);
    if (existing) {
      const at = domain.attr(controller.el, 'index') ?? domain.nameSpan(controller.el);
      problems.push({
        kind: 'controller-index',
        at,
        message: words('rules.usb-controller-index-duplicate.second', { index: controller.index }),
        related: [{ ...existing.at, message: words('rules.usb-controller-index-duplicate.first') }],
      });
      continue;
    }
    const bus = controller.index;
    const what =
      controller.model !== undefined
        ? words('rules.usb-port-out-of-range.controller', { model: controller.model, bus })
        : x86DefaultModel(domain)
          ? words('rules.usb-port-out-of-range.defaultModelController', { model: 'piix3-uhci', bus })
          : words('rules.usb-port-out-of-range.defaultController', { bus });
    buses.set(bus, { nports, what, at: domain.attr(controller.el, 'index') ?? domain.nameSpan(controller.el), ports: new Map() });
  }
  // With no USB controller of index 0 written, the x86 PC machines get one from libvirt
  // (qemuDomainDefAddDefaultDevices): piix3-uhci on i440fx, qemu-xhci on q35 (libvirt's x86_64
  // test outputs); elsewhere bus 0 stays unknown.
  if (!controllers.some((c) => c.index === 0)) {
    const family = domainMachineFamily(domain);
    const implicit = family === 'i440fx' ? { model: 'piix3-uhci', nports: 2 } : family === 'q35' ? { model: 'qemu-xhci', nports: 4 } : undefined;
    if (implicit) {
      buses.set(0, { nports: implicit.nports, what: words('rules.usb-port-out-of-range.addedController', { model: implicit.model }), at: domain.nameSpan(domain.root), ports: new Map() });
    }
  }

  const busSpan = (device: UsbDevice): Span => device.busAttr ?? domain.nameSpan(device.address);
  /** The hub holding the last level of the device's path, or undefined (a problem recorded, or the map unknown). */
  const findPort = (device: UsbDevice, path: number[]): { hub: Hub; index: number } | undefined => {
    const bus = device.bus as number;
    const portText = path.join('.');
    const root = buses.get(bus);
    if (!root) {
      if (bus !== 0) problems.push({ kind: 'bus-missing', at: busSpan(device), message: words('rules.usb-bus-missing.missing', { bus }) });
      return undefined;
    }
    const at = device.portAttr as AttrValue;
    let hub: Hub = root;
    for (let level = 0; level < path.length - 1; level++) {
      const port = path[level];
      if (hub.nports !== undefined && port > hub.nports) {
        problems.push({ kind: 'port-range', at, message: words('rules.usb-port-out-of-range.through', { port: portText, through: port, hub: hub.what, count: hub.nports }) });
        return undefined;
      }
      const next: Hub | undefined = hub.ports.get(port)?.hub;
      if (!next) {
        problems.push({ kind: 'port-range', at, message: words('rules.usb-port-out-of-range.noHub', { port: portText, through: port, bus }) });
        return undefined;
      }
      hub = next;
    }
    const last = path[path.length - 1];
    if (hub.nports !== undefined && last > hub.nports) {
      problems.push({ kind: 'port-range', at, message: words('rules.usb-port-out-of-range.noPort', { port: portText, bus, hub: hub.what, count: hub.nports }) });
      return undefined;
    }
    return { hub, index: last };
  };

  const validPath = (device: UsbDevice): number[] | undefined =>
    device.bus !== undefined && device.path !== undefined && device.path[0] !== 0 && !device.path.includes(0) ? device.path : undefined;

  // Hubs with a port, in document order (virDomainUSBAddressSetAddControllers).
  for (const hub of hubs) {
    const path = validPath(hub);
    if (!path) continue;
    const found = findPort(hub, path);
    if (!found) continue;
    const port = found.hub.ports.get(found.index) ?? {};
    if (port.hub) {
      problems.push({
        kind: 'duplicate',
        at: hub.portAttr as AttrValue,
        message: words('rules.usb-address-duplicate.secondHub', { bus: String(hub.bus), port: path.join('.') }),
        related: port.taken ? [{ ...port.taken, message: words('rules.usb-address-duplicate.firstHub') }] : undefined,
      });
      continue;
    }
    port.hub = { nports: USB_HUB_PORTS, what: words('rules.usb-port-out-of-range.hub', { port: path.join('.') }), ports: new Map() };
    port.taken ??= hub.portAttr;
    found.hub.ports.set(found.index, port);
  }

  // Every other device's explicit port (virDomainUSBAddressReserve).
  for (const kind of RESERVE_ORDER) {
    for (const device of byKind.get(kind) ?? []) {
      if (kind === 'controller' && domain.value(device.el, 'type') !== 'ccid') continue;
      const path = validPath(device);
      if (!path) continue;
      const found = findPort(device, path);
      if (!found) continue;
      const port = found.hub.ports.get(found.index);
      if (port?.taken) {
        problems.push({
          kind: 'duplicate',
          at: device.portAttr as AttrValue,
          message: words('rules.usb-address-duplicate.taken', { bus: String(device.bus), port: path.join('.') }),
          related: [{ ...port.taken, message: words(port.hub ? 'rules.usb-address-duplicate.hubOnPort' : 'rules.usb-address-duplicate.firstDevice') }],
        });
        continue;
      }
      found.hub.ports.set(found.index, { ...port, taken: device.portAttr });
    }
  }

  // libvirt's order decides which device is the first on a port; findings read in document order.
  problems.sort((a, b) => a.at.from - b.at.from);
  return topology;
}
