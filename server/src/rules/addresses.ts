/**
 * A device's `<address>` as libvirt reads it (virDomainDeviceInfoParseXML,
 * src/conf/domain_conf.c): its type and its numeric fields, each read as libvirt reads that
 * type's fields, with where each is written. Every device's address is read once per document
 * version (`deviceAddresses`): the PCI map, the drive, USB, spapr-vio, virtio-serial and CCW rules
 * all look them up there (a 10 MB domain has some 50,000 devices).
 */
import { ElementNode } from '../parser/nodes';
import { AttrValue, Domain, El, Span, libvirtNumber } from './domain';

export interface AddressField {
  /** The number libvirt reads; undefined when the text is not one. */
  value: number | undefined;
  attr: AttrValue;
}

export interface DeviceAddress {
  /** The `<address>` element. */
  el: El;
  /** `type`: pci, drive, usb, ccw, virtio-serial, spapr-vio, ccid, isa, ... (undefined when absent). */
  type: string | undefined;
  /** Every other attribute, read as a number (base 0: decimal, 0x hex, leading-0 octal). */
  fields: ReadonlyMap<string, AddressField>;
  /** What a finding on the whole address marks: the `<address>` tag's name. */
  span: Span;
}

/** The `<address>` child of a device element, when it has one. */
export function addressOf(domain: Domain, device: El): DeviceAddress | undefined {
  const el = domain.child(device, 'address');
  if (!el) return undefined;
  const fields = new Map<string, AddressField>();
  for (const attribute of el.element.attributes) {
    if (attribute.name === 'type') continue;
    const attr = domain.attr(el, attribute.name);
    if (attr) fields.set(attribute.name, { value: libvirtNumber(attr.value), attr });
  }
  return { el, type: domain.value(el, 'type'), fields, span: domain.nameSpan(el) };
}

/** A field's number, or `fallback` when the attribute is absent (libvirt's default is 0 for most). */
export function fieldValue(address: DeviceAddress, name: string, fallback = 0): number | undefined {
  const field = address.fields.get(name);
  return field ? field.value : fallback;
}

/** libvirt's spelling of a PCI address: 0000:00:01.1. */
export function formatPciAddress(domain: number, bus: number, slot: number, fn: number): string {
  return `${hex(domain, 4)}:${hex(bus, 2)}:${hex(slot, 2)}.${hex(fn, 1)}`;
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

export interface AddressedDevice {
  el: El;
  address: DeviceAddress;
}

export interface DeviceAddresses {
  /** The address of each device element that has one. */
  of: ReadonlyMap<ElementNode, DeviceAddress>;
  /** Devices by address type, in document order. */
  byType: ReadonlyMap<string, readonly AddressedDevice[]>;
}

/** Every device's `<address>`, by device and by address type. */
export function deviceAddresses(domain: Domain): DeviceAddresses {
  return domain.derived(computeDeviceAddresses);
}

function computeDeviceAddresses(domain: Domain): DeviceAddresses {
  const of = new Map<ElementNode, DeviceAddress>();
  const byType = new Map<string, AddressedDevice[]>();
  for (const el of domain.devices) {
    const address = addressOf(domain, el);
    if (!address) continue;
    of.set(el.element, address);
    const type = address.type ?? '';
    let list = byType.get(type);
    if (!list) byType.set(type, (list = []));
    list.push({ el, address });
  }
  return { of, byType };
}

/** The devices with an address of `type`. */
export function devicesWithAddress(domain: Domain, type: string): readonly AddressedDevice[] {
  return deviceAddresses(domain).byType.get(type) ?? [];
}
