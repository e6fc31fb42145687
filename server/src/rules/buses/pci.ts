/**
 * The PCI address map as libvirt builds it when it assigns addresses (qemuDomainAssignPCIAddresses,
 * src/qemu/qemu_domain_address.c, over the address sets of src/conf/domain_addr.c), computed once
 * per document version for every rule of the family:
 * - the buses: one per PCI controller index, the root (pci-root or pcie-root) added where the
 *   machine has one (qemuDomainDefAddDefaultDevices), a gap in the indexes filled with the
 *   default model (qemuDomainPCIAddressSetCreate);
 * - what each bus model accepts and which slots it has (virDomainPCIAddressBusSetModel), and what
 *   each device needs to plug in (qemuDomainDeviceCalculatePCIConnectFlags);
 * - every address written in the document, checked as virDomainPCIAddressValidate and
 *   virDomainPCIAddressFlagsCompatible check it, then reserved (virDomainPCIAddressReserveAddr);
 * - what the chipset occupies on bus 0 (qemuDomainValidateDevicePCISlotsPIIX3 / ...Q35);
 * - whether the PCI controllers left without an address find a slot.
 * Each rule of the family reads its own list of findings from here.
 */
import machineData from '../../../../schemas/machines.json';
import { DeviceAddress, deviceAddresses, fieldValue, formatPciAddress } from '../addresses';
import { Domain, El, Span } from '../domain';
import { domainMachineFamily, effectiveArch, effectiveMachine, isArchIn, MachineFamily } from '../machines';
import { Fix } from '../../finding';
import { MessageKey } from '../../messages/en';
import { Param, Words, words } from '../../messages/words';
import { fixTitle, titled } from '../rule';
import { RelatedSpan, removeElementFix } from '../rule';
import { Controller, controllersOf } from './controllers';

export type PciModel =
  | 'pci-root'
  | 'pcie-root'
  | 'pci-bridge'
  | 'dmi-to-pci-bridge'
  | 'pcie-to-pci-bridge'
  | 'pcie-root-port'
  | 'pcie-switch-upstream-port'
  | 'pcie-switch-downstream-port'
  | 'pci-expander-bus'
  | 'pcie-expander-bus';

/** What a device plugs in as: an endpoint (conventional PCI or PCI Express) or a PCI controller model. */
export type ConnectType = 'pci-device' | 'pcie-device' | Exclude<PciModel, 'pci-root' | 'pcie-root'>;

/** Read-only: endpoints share a few constant ones. */
export interface Connect {
  readonly type: ConnectType;
  /** Integrated devices must sit on bus 0 (VIR_PCI_CONNECT_INTEGRATED). */
  readonly integrated: boolean;
  /** pcie-root-ports share a slot's functions when libvirt places them (VIR_PCI_CONNECT_AGGREGATE_SLOT). */
  readonly aggregate: boolean;
}

interface BusModel {
  accepts: readonly ConnectType[];
  minSlot: number;
  maxSlot: number;
}

const ENDPOINTS: readonly ConnectType[] = ['pci-device', 'pcie-device'];

/** virDomainPCIAddressBusSetModel (src/conf/domain_addr.c). */
const BUS_MODELS: Record<PciModel, BusModel> = {
  'pci-root': { accepts: ['pci-device', 'pci-bridge', 'pci-expander-bus'], minSlot: 1, maxSlot: 31 },
  'pci-bridge': { accepts: ['pci-device', 'pci-bridge'], minSlot: 1, maxSlot: 31 },
  'pci-expander-bus': { accepts: ['pci-device', 'pci-bridge'], minSlot: 0, maxSlot: 31 },
  'pcie-root': { accepts: ['pcie-device', 'pcie-root-port', 'dmi-to-pci-bridge', 'pcie-expander-bus'], minSlot: 1, maxSlot: 31 },
  'dmi-to-pci-bridge': { accepts: ['pci-device', 'pci-bridge'], minSlot: 0, maxSlot: 31 },
  'pcie-to-pci-bridge': { accepts: ['pci-device', 'pci-bridge'], minSlot: 1, maxSlot: 31 },
  'pcie-root-port': { accepts: ['pcie-device', 'pcie-switch-upstream-port', 'pcie-to-pci-bridge'], minSlot: 0, maxSlot: 0 },
  'pcie-switch-downstream-port': { accepts: ['pcie-device', 'pcie-switch-upstream-port', 'pcie-to-pci-bridge'], minSlot: 0, maxSlot: 0 },
  'pcie-switch-upstream-port': { accepts: ['pcie-switch-downstream-port'], minSlot: 0, maxSlot: 31 },
  'pcie-expander-bus': { accepts: ['pcie-root-port', 'dmi-to-pci-bridge'], minSlot: 0, maxSlot: 31 },
};

/**
 * What an address written in the document may put on each bus model: an endpoint fits any bus
 * taking endpoints, and a pci-bridge fits where a PCI device does.
 */
const FITS_WRITTEN = {} as Record<PciModel, ReadonlySet<ConnectType>>;
for (const [model, { accepts }] of Object.entries(BUS_MODELS) as [PciModel, BusModel][]) {
  const fits = new Set(accepts);
  if (fits.has('pci-device') || fits.has('pcie-device')) ENDPOINTS.forEach((type) => fits.add(type));
  if (fits.has('pci-device')) fits.add('pci-bridge');
  FITS_WRITTEN[model] = fits;
}

export function isPciModel(model: string | undefined): model is PciModel {
  return model !== undefined && Object.prototype.hasOwnProperty.call(BUS_MODELS, model);
}

/**
 * That `device` at `address` cannot plug into `bus`, saying what it needs as
 * virDomainPCIAddressFlagsCompatible names it.
 */
function incompatibleWords(type: ConnectType, params: { device: string; address: string; model: string; index: number }): Words {
  if (type === 'pci-device') return words('rules.pci-address-incompatible.pciDevice', params);
  if (type === 'pcie-device') return words('rules.pci-address-incompatible.pcieDevice', params);
  return words('rules.pci-address-incompatible.controller', { ...params, needs: type });
}

/** The parts of a chipset (machines.json's pciBuiltinSlots `what`) in catalogue words. */
const CHIPSET_PARTS: Record<string, MessageKey> = {
  'the PIIX3 ISA bridge': 'rules.pci-builtin-address.part.piix3Isa',
  'the PIIX3 ACPI bridge': 'rules.pci-builtin-address.part.piix3Acpi',
  'the PIIX3 IDE controller': 'rules.pci-builtin-address.part.piix3Ide',
  'the PIIX3 USB controller': 'rules.pci-builtin-address.part.piix3Usb',
  'the ICH9 LPC (ISA) bridge': 'rules.pci-builtin-address.part.ich9Lpc',
  'the ICH9 SMBus controller': 'rules.pci-builtin-address.part.ich9Smbus',
  'the ICH9 SATA controller': 'rules.pci-builtin-address.part.ich9Sata',
};

function chipsetPart(what: string): Param {
  const key = CHIPSET_PARTS[what];
  return key ? words(key) : what;
}

export type RootModel = 'pci-root' | 'pcie-root' | 'none';

interface RootFacts {
  byMachineFamily: Record<string, string>;
  byArch: Record<string, string>;
  armPciRootMachines: { names: string[]; prefixes: string[] };
}

/**
 * The root controller libvirt adds and requires for the domain's machine
 * (qemuDomainDefAddDefaultDevices): pci-root, pcie-root, 'none' for machines without PCI, or
 * undefined when we cannot know (s390, whose root depends on the QEMU binary, unknown machines).
 */
export function machineRoot(domain: Domain): RootModel | undefined {
  const facts = machineData.pciRoot as RootFacts;
  const family = domainMachineFamily(domain);
  if (family && facts.byMachineFamily[family]) return facts.byMachineFamily[family] as RootModel;
  const arch = effectiveArch(domain);
  if (arch === undefined) return undefined;
  if (facts.byArch[arch]) return facts.byArch[arch] as RootModel;
  const machine = effectiveMachine(domain);
  if (machine === undefined) return undefined;
  if (isArchIn(arch, 'arm')) {
    const arm = facts.armPciRootMachines;
    return arm.names.includes(machine) || arm.prefixes.some((prefix) => machine.startsWith(prefix)) ? 'pci-root' : 'none';
  }
  if (isArchIn(arch, 'riscv')) return 'none';
  return undefined;
}

export interface PciAddressValue {
  domain: number;
  bus: number;
  slot: number;
  fn: number;
}

/** A device that has (or wants) a PCI address. */
export interface PciDevice {
  el: El;
  address: DeviceAddress | undefined;
  /** The address written, when it is a complete, non-empty PCI address. */
  at: PciAddressValue | undefined;
  connect: Connect | undefined;
}

export interface Bus {
  index: number;
  model: PciModel;
  /** The `<controller>` that provides it; undefined for one libvirt adds. */
  controller: Controller | undefined;
}

export interface PciFinding {
  at: Span;
  message: Words;
  related?: RelatedSpan[];
  fixes?: Fix[];
}

export interface PciMap {
  root: RootModel | undefined;
  /** Buses by index (0 .. nbuses-1). */
  buses: readonly Bus[];
  doubleUse: PciFinding[];
  incompatible: PciFinding[];
  integrated: PciFinding[];
  invalid: PciFinding[];
  noBuses: PciFinding[];
  builtin: PciFinding[];
  noSlot: PciFinding[];
}

/** The PCI address map of the domain, computed once per document version. */
export function pciMap(domain: Domain): PciMap {
  return domain.derived(computePciMap);
}

const VIRTIO_TRANSITIONAL = 'virtio-transitional';

// What endpoints plug in as, shared by every device (nothing changes a Connect once made).
const PCI_DEVICE: Connect = { type: 'pci-device', integrated: false, aggregate: false };
const INTEGRATED_PCI_DEVICE: Connect = { type: 'pci-device', integrated: true, aggregate: false };
const PCIE_DEVICE: Connect = { type: 'pcie-device', integrated: false, aggregate: false };
const INTEGRATED_PCIE_DEVICE: Connect = { type: 'pcie-device', integrated: true, aggregate: false };

function childAttr(domain: Domain, el: El, child: string, name: string): string | undefined {
  return domain.value(domain.child(el, child), name);
}

/**
 * qemuDomainDeviceCalculatePCIConnectFlags: what `el` needs to plug into a PCI bus, or undefined
 * when it does not use PCI. `pcie` is whether the machine has a pcie-root (virtio and PCI Express
 * devices then prefer PCIe slots; the latest QEMU has transitional virtio).
 */
export function connectOf(domain: Domain, el: El, pcie: boolean): Connect | undefined {
  const model = domain.value(el, 'model');
  switch (el.element.name) {
    case 'controller': {
      const type = domain.value(el, 'type');
      if (type === 'pci') {
        if (!isPciModel(model) || model === 'pci-root' || model === 'pcie-root') return undefined;
        return { type: model, integrated: false, aggregate: model === 'pcie-root-port' };
      }
      if (type === 'sata' || type === 'ide') return PCI_DEVICE;
      if (type === 'usb') {
        if (model === 'none' || model === 'qusb1' || model === 'qusb2') return undefined;
        if (model === 'nec-xhci' || model === 'qemu-xhci' || model === undefined) return express(pcie);
        return PCI_DEVICE;
      }
      if (type === 'scsi') {
        if (model === 'ncr53c90') return undefined;
        if (model === 'virtio-scsi' || model === 'virtio-non-transitional') return express(pcie);
        return PCI_DEVICE;
      }
      if (type === 'virtio-serial') return virtio(model, pcie);
      return undefined;
    }
    case 'filesystem': {
      const driver = childAttr(domain, el, 'driver', 'type');
      if (driver === 'loop' || driver === 'nbd' || driver === 'ploop') return undefined;
      return virtio(model, pcie);
    }
    case 'interface': {
      if (domain.value(el, 'type') === 'hostdev') return undefined;
      const netModel = childAttr(domain, el, 'model', 'type');
      if (netModel === 'usb-net') return undefined;
      if (netModel === undefined || netModel === 'virtio' || netModel === 'virtio-non-transitional' || netModel === 'e1000e' || netModel === 'igb') return express(pcie);
      return PCI_DEVICE;
    }
    case 'sound':
      return model === 'es1370' || model === 'ac97' || model === 'ich6' || model === 'ich9' ? PCI_DEVICE : undefined;
    case 'disk': {
      const target = domain.child(el, 'target');
      const bus = domain.value(target, 'bus') ?? (domain.value(target, 'dev')?.startsWith('vd') ? 'virtio' : undefined);
      return bus === 'virtio' ? virtio(model, pcie) : undefined;
    }
    case 'hostdev': {
      const mode = domain.value(el, 'mode') ?? 'subsystem';
      const type = domain.value(el, 'type');
      if (mode !== 'subsystem' || (type !== 'pci' && type !== 'scsi_host' && type !== 'mdev')) return undefined;
      return express(pcie);
    }
    case 'memballoon':
      return model === 'virtio' || model === 'virtio-non-transitional' || model === VIRTIO_TRANSITIONAL ? virtio(model, pcie) : undefined;
    case 'rng':
    case 'vsock':
      return virtio(model, pcie);
    case 'watchdog':
      return model === 'i6300esb' ? PCI_DEVICE : undefined;
    case 'video': {
      const type = childAttr(domain, el, 'model', 'type');
      if (type === 'none' || type === 'gop' || type === 'ramfb') return undefined;
      if (type === 'virtio' || type === 'bochs') return express(pcie);
      return PCI_DEVICE;
    }
    case 'shmem':
    case 'crypto':
      return PCI_DEVICE;
    case 'input':
      return domain.value(el, 'bus') === 'virtio' ? virtio(model, pcie) : undefined;
    case 'serial':
      return childAttr(domain, el, 'target', 'type') === 'pci-serial' ? PCI_DEVICE : undefined;
    case 'iommu':
      return model === 'virtio' ? express(pcie, true) : undefined;
    case 'memory':
      return model === 'virtio-pmem' || model === 'virtio-mem' ? express(pcie) : undefined;
    case 'panic':
      return model === 'pvpanic' ? INTEGRATED_PCI_DEVICE : undefined;
    default:
      return undefined;
  }
}

/** A PCI Express device: one on a machine with a pcie-root, else a conventional one. */
function express(pcie: boolean, integrated = false): Connect {
  if (!pcie) return integrated ? INTEGRATED_PCI_DEVICE : PCI_DEVICE;
  return integrated ? INTEGRATED_PCIE_DEVICE : PCIE_DEVICE;
}

/** A virtio device: conventional PCI when transitional. */
function virtio(model: string | undefined, pcie: boolean): Connect {
  return model === VIRTIO_TRANSITIONAL ? PCI_DEVICE : express(pcie);
}

/** The numbers of a `type='pci'` address, or undefined when one of them is not a number. */
export function pciAddressValue(address: DeviceAddress): PciAddressValue | undefined {
  const domain = fieldValue(address, 'domain');
  const bus = fieldValue(address, 'bus');
  const slot = fieldValue(address, 'slot');
  const fn = fieldValue(address, 'function');
  if (domain === undefined || bus === undefined || slot === undefined || fn === undefined) return undefined;
  return { domain, bus, slot, fn };
}

/** Where field `name` of `address` is written, or the whole address when it is not. */
function fieldSpan(address: DeviceAddress, name: string): Span {
  return address.fields.get(name)?.attr ?? address.span;
}

/** An integrated device (VIR_PCI_CONNECT_INTEGRATED) off bus 0. */
function integratedFinding(domain: Domain, el: El, address: DeviceAddress, at: PciAddressValue): PciFinding {
  return { at: fieldSpan(address, 'bus'), message: words('rules.pci-address-integrated.integrated', { device: elementLabel(domain, el), address: pciText(at) }) };
}

/** libvirt's spelling of `at`. */
function pciText(at: PciAddressValue): string {
  return formatPciAddress(at.domain, at.bus, at.slot, at.fn);
}

/** A PCI address libvirt treats as given (virDeviceInfoPCIAddressIsPresent): type pci and not all zero. */
function isPresent(at: PciAddressValue): boolean {
  return at.domain !== 0 || at.bus !== 0 || at.slot !== 0 || at.fn !== 0;
}

/** libvirt leaves a device's PCI address to itself when it has no address or an all-zero PCI one (virDeviceInfoPCIAddressIsWanted). */
function wantsAddress(device: PciDevice): boolean {
  return !device.address || (device.address.type === 'pci' && device.at !== undefined && !isPresent(device.at));
}

/** The fix that removes a device's `<address>` from a taken place. */
function removeAddressFix(domain: Domain, address: El): Fix {
  return titled(removeElementFix(domain, address, ''), words('rules.pci-address-double-use.fix.removeAddress'));
}

function elementLabel(domain: Domain, el: El): string {
  if (el.element.name !== 'controller') return `\`<${el.element.name}>\``;
  const type = domain.value(el, 'type');
  const model = domain.value(el, 'model');
  if (type === 'pci' && model) return `\`<controller type='pci' model='${model}'>\``;
  return type ? `\`<controller type='${type}'>\`` : '`<controller>`';
}

interface Slot {
  functions: number;
  aggregate: boolean;
  /** Who took each function: a device or a built-in part. */
  owners: Map<number, { device?: PciDevice; what?: string; controller?: Controller }>;
}

interface BuiltinController {
  type: string;
  index: number;
  slot: number;
  function: number;
  models: string[];
  what: string;
  message: string;
}

interface BuiltinFacts {
  reserved: { slot: number; function: number; what: string }[];
  controllers: BuiltinController[];
}

function computePciMap(domain: Domain): PciMap {
  const map: PciMap = { root: undefined, buses: [], doubleUse: [], incompatible: [], integrated: [], invalid: [], noBuses: [], builtin: [], noSlot: [] };
  if (!domain.isQemu) return map;
  const root = machineRoot(domain);
  map.root = root;
  const controllers = controllersOf(domain);
  const pciControllers = controllers.filter((c) => c.type === 'pci' && isPciModel(c.model));
  const declared = new Map<number, Controller>();
  for (const controller of pciControllers) if (!declared.has(controller.index)) declared.set(controller.index, controller);
  // Without a known root and without PCI controllers we cannot tell what libvirt does.
  if (root === undefined && !declared.has(0)) return map;
  let maxIndex = -1;
  for (const index of declared.keys()) maxIndex = Math.max(maxIndex, index);
  const implicitRoot = root === 'pci-root' || root === 'pcie-root' ? root : undefined;
  if (implicitRoot && maxIndex < 0) maxIndex = 0;
  // An index-0 controller of the wrong model is pci-root-model's finding; the map follows the document.
  const rootModel: PciModel = (declared.get(0)?.model as PciModel | undefined) ?? implicitRoot ?? 'pci-root';
  const hasPCIeRoot = rootModel === 'pcie-root' || pciControllers.some((c) => c.model === 'pcie-root');
  const family = domainMachineFamily(domain);
  const gapModel: PciModel = family === 'pseries' ? 'pci-root' : hasPCIeRoot ? 'pcie-root-port' : 'pci-bridge';
  const buses: Bus[] = [];
  for (let index = 0; index <= maxIndex && index <= 255; index++) {
    const controller = declared.get(index);
    buses.push({ index, model: controller ? (controller.model as PciModel) : index === 0 ? rootModel : gapModel, controller });
  }
  map.buses = buses;
  const nbuses = buses.length;

  // Keyed bus * 32 + slot: slots run 0 to 31 wherever one is taken or looked up.
  const slots = new Map<number, Slot>();
  const slotOf = (bus: number, slot: number, create: boolean): Slot | undefined => {
    const key = bus * 32 + slot;
    let found = slots.get(key);
    if (!found && create) slots.set(key, (found = { functions: 0, aggregate: false, owners: new Map() }));
    return found;
  };

  const machine = effectiveMachine(domain) ?? '';
  const builtin = family && Object.prototype.hasOwnProperty.call(machineData.pciBuiltinSlots, family) ? (machineData.pciBuiltinSlots as unknown as Record<string, BuiltinFacts>)[family] : undefined;
  const controllerOfEl = new Map<El['element'], Controller>();
  for (const controller of controllers) controllerOfEl.set(controller.el.element, controller);

  const devices: PciDevice[] = [];
  const addresses = deviceAddresses(domain).of;
  for (const el of domain.devices) {
    const name = el.element.name;
    if (name === 'console' || name === 'emulator') continue;
    const address = addresses.get(el.element);
    if (address && address.type !== 'pci') continue;
    const at = address ? pciAddressValue(address) : undefined;
    if (address && !at) continue;
    const connect = connectOf(domain, el, hasPCIeRoot);
    if (!address && !connect) continue;
    devices.push({ el, address, at, connect });
  }

  // The devices on a taken address, offered a free slot once every address is known.
  const moves: PendingMove[] = [];

  const related = (device: PciDevice): RelatedSpan[] =>
    device.address ? [{ ...device.address.span, message: words('rules.pci-address-double-use.first', { device: elementLabel(domain, device.el), address: pciText(device.at as PciAddressValue) }) }] : [];

  // Collect every written address (qemuDomainCollectPCIAddress).
  for (const device of devices) {
    const { at, address } = device;
    if (!at || !address || !isPresent(at)) continue;
    const controller = controllerOfEl.get(device.el.element);
    if (controller && at.domain === 0 && at.bus === 0 && at.slot === 1) {
      const piix3 =
        (controller.type === 'ide' && controller.index === 0 && at.fn === 1) ||
        (controller.type === 'usb' && controller.index === 0 && (controller.model === undefined || controller.model === 'piix3-uhci') && at.fn === 2);
      if (piix3) {
        if (nbuses > 0 && !acceptsPciDevice(buses[0].model)) {
          map.builtin.push({ at: address.span, message: words('rules.pci-builtin-address.piix3Bus', { type: controller.type.toUpperCase(), address: pciText(at), model: buses[0].model }) });
        }
        continue;
      }
    }
    const connect = device.connect ?? PCI_DEVICE;
    if (nbuses === 0) {
      map.noBuses.push({ at: address.span, message: words('rules.pci-no-buses.address', { device: elementLabel(domain, device.el), address: pciText(at), machine }) });
      continue;
    }
    if (at.domain !== 0) {
      map.invalid.push({ at: fieldSpan(address, 'domain'), message: words('rules.pci-address-invalid.domain', { address: pciText(at), domain: at.domain }) });
      continue;
    }
    // A bus, slot or function beyond what a PCI address can hold is the schema's finding.
    if (at.bus > 255 || at.slot > 31) continue;
    if (at.bus >= buses.length) {
      // libvirt adds buses for endpoints (virDomainPCIAddressSetGrow), but no slot for a controller.
      if (connect.integrated) {
        map.integrated.push(integratedFinding(domain, device.el, address, at));
        continue;
      }
      if (!ENDPOINTS.includes(connect.type) && connect.type !== 'pcie-switch-upstream-port') {
        map.noSlot.push({ at: fieldSpan(address, 'bus'), message: words('rules.pci-controller-no-slot.bus', { model: connect.type, bus: at.bus }) });
        continue;
      }
      const grown = growModel(connect.type, family, hasPCIeRoot);
      if (!grown) {
        reserve(device, at, connect);
        continue;
      }
      while (buses.length <= at.bus) buses.push({ index: buses.length, model: grown, controller: undefined });
    }
    const bus = buses[at.bus];
    if (connect.integrated && at.bus !== 0) {
      map.integrated.push(integratedFinding(domain, device.el, address, at));
      continue;
    }
    const busModel = BUS_MODELS[bus.model];
    if (!FITS_WRITTEN[bus.model].has(connect.type)) {
      const busRelated: RelatedSpan[] = bus.controller ? [{ ...domain.nameSpan(bus.controller.el), message: words('rules.pci-address-incompatible.bus', { index: bus.index, model: bus.model }) }] : [];
      map.incompatible.push({
        at: fieldSpan(address, 'bus'),
        message: incompatibleWords(connect.type, { device: elementLabel(domain, device.el), address: pciText(at), model: bus.model, index: bus.index }),
        related: busRelated,
      });
      continue;
    }
    if (busModel.minSlot > 0 && at.slot < busModel.minSlot) {
      map.invalid.push({ at: fieldSpan(address, 'slot'), message: words('rules.pci-address-invalid.minSlot', { address: pciText(at), slot: at.slot, model: bus.model, min: busModel.minSlot }) });
      continue;
    }
    if (at.slot > busModel.maxSlot) {
      const params = { address: pciText(at), model: bus.model, max: busModel.maxSlot };
      map.invalid.push({ at: fieldSpan(address, 'slot'), message: busModel.maxSlot === 0 ? words('rules.pci-address-invalid.slot0', params) : words('rules.pci-address-invalid.maxSlot', params) });
      continue;
    }
    if (at.fn > 7) {
      map.invalid.push({ at: fieldSpan(address, 'function'), message: words('rules.pci-address-invalid.function', { address: pciText(at), function: at.fn }) });
      continue;
    }
    reserve(device, at, connect);
  }

  function reserve(device: PciDevice, at: PciAddressValue, connect: Connect): void {
    const slot = slotOf(at.bus, at.slot, true) as Slot;
    const bit = 1 << at.fn;
    if (slot.functions & bit) {
      const first = slot.owners.get(at.fn);
      const finding: PciFinding = {
        at: (device.address as DeviceAddress).span,
        message: words('rules.pci-address-double-use.taken', {
          address: pciText(at),
          owner: first?.device ? elementLabel(domain, first.device.el) : first?.what ? chipsetPart(first.what) : words('rules.pci-address-double-use.anotherDevice'),
        }),
        related: first?.device ? related(first.device) : [],
        fixes: [removeAddressFix(domain, (device.address as DeviceAddress).el)],
      };
      map.doubleUse.push(finding);
      moves.push({ finding, address: device.address as DeviceAddress, at });
      return;
    }
    if (!slot.functions && connect.aggregate) slot.aggregate = true;
    slot.functions |= bit;
    slot.owners.set(at.fn, { device });
  }

  // What the chipset occupies on bus 0 (qemuDomainValidateDevicePCISlotsPIIX3 / ...Q35).
  if (nbuses > 0 && builtin) {
    const claim = (slotNumber: number, fn: number, what: string, controller: Controller | undefined) => {
      const slot = slotOf(0, slotNumber, true) as Slot;
      const bit = 1 << fn;
      if (slot.functions & bit) {
        const owner = slot.owners.get(fn);
        if (owner?.device && !(controller && owner.device.el.element === controller.el.element) && owner.device.address) {
          const text = formatPciAddress(0, 0, slotNumber, fn);
          const part = chipsetPart(what);
          const relatedSpan: RelatedSpan[] = controller
            ? [{ ...domain.nameSpan(controller.el), message: words('rules.pci-address-double-use.builtIn', { controller: elementLabel(domain, controller.el), index: controller.index, part, address: text }) }]
            : [];
          const finding: PciFinding = {
            at: owner.device.address.span,
            message: words('rules.pci-address-double-use.chipset', { address: text, part, machine }),
            related: relatedSpan,
            fixes: [removeAddressFix(domain, owner.device.address.el)],
          };
          map.doubleUse.push(finding);
          if (owner.device.at) moves.push({ finding, address: owner.device.address, at: owner.device.at });
        }
        return;
      }
      slot.functions |= bit;
      slot.owners.set(fn, { what, controller });
    };
    for (const spec of builtin.controllers) {
      const controller = controllers.find((c) => c.type === spec.type && c.index === spec.index);
      let present: boolean;
      if (controller) {
        const model = controller.model ?? '';
        present = spec.models.includes('*') || spec.models.includes(model);
      } else if (spec.type === 'ide') {
        // libvirt adds the IDE controller of IDE disks on drive addresses (virDomainDefAddDiskControllersForType).
        present = domain.devices.some((el) => {
          if (el.element.name !== 'disk' || domain.value(domain.child(el, 'target'), 'bus') !== 'ide') return false;
          const address = addresses.get(el.element);
          return !address || (address.type === 'drive' && fieldValue(address, 'controller') === 0);
        });
      } else {
        // libvirt adds the default USB controller (PIIX3 on i440fx) and the q35 SATA controller.
        present = true;
      }
      if (!present) continue;
      const address = controller?.address;
      const at = address?.type === 'pci' ? pciAddressValue(address) : undefined;
      if (address && at && isPresent(at) && !(at.domain === 0 && at.bus === 0 && at.slot === spec.slot && at.fn === spec.function)) {
        map.builtin.push({
          at: address.span,
          message: words('rules.pci-builtin-address.moved', {
            part: chipsetPart(spec.what),
            type: spec.type,
            index: spec.index,
            machine,
            builtin: formatPciAddress(0, 0, spec.slot, spec.function),
            address: pciText(at),
          }),
        });
        continue;
      }
      claim(spec.slot, spec.function, spec.what, controller);
    }
    for (const reserved of builtin.reserved) claim(reserved.slot, reserved.function, reserved.what, undefined);
  }

  // PCI controllers libvirt has to place: do pcie-root-ports and the like still find a slot?
  if (nbuses > 0 && buses[0].model === 'pcie-root') placeControllers(domain, map, buses, devices, slotOf, family, controllerOfEl);

  // Machines without any PCI bus: devices that need one (qemuDomainAssignDevicePCISlots).
  // (microvm guests normally use virtio-mmio; only isapc is known to want PCI slots it lacks.)
  if (nbuses === 0 && root === 'none' && family === 'isapc') {
    for (const device of devices) {
      if (!device.connect || !wantsAddress(device)) continue;
      const controller = controllerOfEl.get(device.el.element);
      if (controller && controller.type === 'ide' && controller.index === 0) continue;
      if (device.el.element.name === 'interface' && childAttr(domain, device.el, 'model', 'type') === 'ne2k_isa') continue;
      map.noBuses.push({ at: domain.nameSpan(device.el), message: words('rules.pci-no-buses.slot', { device: elementLabel(domain, device.el), machine }) });
    }
  }
  for (const move of moves) {
    const fix = moveToFreeSlotFix(move, buses, slotOf);
    if (fix) move.finding.fixes = [fix, ...(move.finding.fixes ?? [])];
  }
  return map;
}

/** A device on a PCI address another holds: its finding and where it is. */
interface PendingMove {
  finding: PciFinding;
  address: DeviceAddress;
  at: PciAddressValue;
}

/**
 * The fix that moves a device off a taken address to the next slot of its bus that is wholly free
 * (no function of it taken by a device, the chipset or a controller libvirt places), after its
 * own slot and round to the first the bus model has; the slot is then taken, so two devices
 * moved off the same address get different ones.
 */
function moveToFreeSlotFix(move: PendingMove, buses: readonly Bus[], slotOf: (bus: number, slot: number, create: boolean) => Slot | undefined): Fix | undefined {
  const { at, address } = move;
  const bus = buses[at.bus];
  const slotField = address.fields.get('slot');
  if (!bus || !slotField) return undefined;
  const { minSlot, maxSlot } = BUS_MODELS[bus.model];
  const count = maxSlot - minSlot + 1;
  for (let step = 1; step < count; step++) {
    const slot = minSlot + ((((at.slot - minSlot + step) % count) + count) % count);
    if (slotOf(at.bus, slot, false)?.functions) continue;
    (slotOf(at.bus, slot, true) as Slot).functions = 1;
    const functionField = address.fields.get('function');
    const alsoEdits = at.fn !== 0 && functionField ? [{ start: functionField.attr.from, end: functionField.attr.to, newText: numberWrittenLike(functionField.attr.value, 0) }] : undefined;
    return {
      ...fixTitle(words('rules.pci-address-double-use.fix.move', { address: formatPciAddress(at.domain, at.bus, slot, 0) })),
      start: slotField.attr.from,
      end: slotField.attr.to,
      newText: numberWrittenLike(slotField.attr.value, slot),
      ...(alsoEdits ? { alsoEdits } : {}),
      safe: false,
      preferred: true,
    };
  }
  return undefined;
}

/** `value` written as `written` is: hexadecimal with as many digits (`0x05`), or decimal. */
function numberWrittenLike(written: string, value: number): string {
  const trimmed = written.trim();
  if (!/^0[xX]/.test(trimmed)) return String(value);
  return trimmed.slice(0, 2) + value.toString(16).padStart(trimmed.length - 2, '0');
}

/**
 * The model of the buses virDomainPCIAddressSetGrow adds for a device written on a bus beyond the
 * last controller: PHBs on pSeries, pci-bridges for PCI devices on pci-root machines,
 * pcie-root-ports for PCIe devices on pcie-root machines; undefined where libvirt rearranges the
 * address (a conventional PCI device on a pcie-root machine).
 */
function growModel(type: ConnectType, family: MachineFamily | undefined, hasPCIeRoot: boolean): PciModel | undefined {
  if (family === 'pseries') return 'pci-root';
  if (!hasPCIeRoot) return 'pci-bridge';
  return type === 'pcie-device' || type === 'pcie-switch-upstream-port' ? 'pcie-root-port' : undefined;
}

/** Whether a bus takes conventional PCI devices (VIR_PCI_CONNECT_TYPE_PCI_DEVICE), as the PIIX3 functions need. */
function acceptsPciDevice(model: PciModel): boolean {
  return BUS_MODELS[model].accepts.includes('pci-device');
}

/**
 * The first pass of qemuDomainAssignPCIAddresses on a pcie-root machine: the chipset's preferred
 * slots (primary video, ICH9 USB and audio, the DMI bridge), then each PCI controller without an
 * address takes the first free slot that accepts it, pcie-root-ports sharing a slot's eight
 * functions (virDomainPCIAddressGetNextAddr). A controller that finds none cannot be placed:
 * libvirt adds buses for endpoints, never a slot for a controller (virDomainPCIAddressSetGrow).
 */
function placeControllers(
  domain: Domain,
  map: PciMap,
  buses: readonly Bus[],
  devices: readonly PciDevice[],
  slotOf: (bus: number, slot: number, create: boolean) => Slot | undefined,
  family: MachineFamily | undefined,
  controllerOfEl: Map<El['element'], Controller>,
): void {
  const taken = new Set<El['element']>();
  const slotFree = (bus: number, slot: number) => !(slotOf(bus, slot, false)?.functions ?? 0);
  const take = (bus: number, slot: number, fn: number, aggregate: boolean) => {
    const found = slotOf(bus, slot, true) as Slot;
    if (!found.functions && aggregate) found.aggregate = true;
    found.functions |= 1 << fn;
  };
  if (family === 'q35') {
    const wanted = (device: PciDevice) => wantsAddress(device);
    const firstVideo = devices.find((d) => d.el.element.name === 'video') ?? undefined;
    const hasVideoElement = domain.devices.some((el) => el.element.name === 'video');
    const hasGraphics = domain.devices.some((el) => el.element.name === 'graphics');
    if ((firstVideo && firstVideo.connect && wanted(firstVideo)) || (!hasVideoElement && hasGraphics)) {
      if (slotFree(0, 1)) take(0, 1, 0, false);
    }
    for (const device of devices) {
      const controller = controllerOfEl.get(device.el.element);
      if (controller?.type === 'usb' && controller.model === 'ich9-uhci1' && !device.address) {
        if (slotFree(0, 0x1d)) take(0, 0x1d, 0, false);
        else if (slotFree(0, 0x1a)) take(0, 0x1a, 0, false);
      }
      if (controller?.type === 'pci' && controller.model === 'dmi-to-pci-bridge' && !device.address && slotFree(0, 0x1e)) {
        take(0, 0x1e, 0, false);
        taken.add(device.el.element);
      }
    }
    const ich9Sound = devices.find((d) => d.el.element.name === 'sound' && domain.value(d.el, 'model') === 'ich9' && wanted(d));
    if (ich9Sound && slotFree(0, 0x1b)) take(0, 0x1b, 0, false);
  }
  const placeable = new Set<ConnectType>(['pcie-root-port', 'dmi-to-pci-bridge', 'pcie-expander-bus']);
  const pending = devices
    .filter((d) => d.el.element.name === 'controller' && d.connect && placeable.has(d.connect.type) && wantsAddress(d) && !taken.has(d.el.element))
    .map((d) => ({ device: d, index: controllerOfEl.get(d.el.element)?.index ?? 0 }))
    .sort((a, b) => a.index - b.index);
  for (const { device } of pending) {
    const connect = device.connect as Connect;
    let placed = false;
    for (const bus of buses) {
      const model = BUS_MODELS[bus.model];
      if (!model.accepts.includes(connect.type)) continue;
      for (let slot = model.minSlot; slot <= model.maxSlot && !placed; slot++) {
        const found = slotOf(bus.index, slot, false);
        if (!found || !found.functions) {
          take(bus.index, slot, 0, connect.aggregate);
          placed = true;
        } else if (connect.aggregate && found.aggregate && found.functions !== 0xff) {
          let fn = 0;
          while (found.functions & (1 << fn)) fn++;
          take(bus.index, slot, fn, true);
          placed = true;
        }
      }
      if (placed) break;
    }
    if (!placed) {
      map.noSlot.push({
        at: domain.nameSpan(device.el),
        message: words('rules.pci-controller-no-slot.full', { model: connect.type }),
      });
    }
  }
}
