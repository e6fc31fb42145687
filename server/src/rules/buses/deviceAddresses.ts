/**
 * Every device's `<address>`, read once per document version and grouped by address type, so
 * that the PCI map and the spapr-vio, virtio-serial and CCW rules do not each read all of them
 * again (a 10 MB domain has some 50,000 devices).
 */
import { addressOf, DeviceAddress } from '../addresses';
import { Domain, El } from '../domain';

export interface AddressedDevice {
  el: El;
  address: DeviceAddress;
}

export interface DeviceAddresses {
  /** The address of each device element that has one. */
  of: ReadonlyMap<El['element'], DeviceAddress>;
  /** Devices by address type, in document order. */
  byType: ReadonlyMap<string, readonly AddressedDevice[]>;
}

export function deviceAddresses(domain: Domain): DeviceAddresses {
  return domain.derived(computeDeviceAddresses);
}

function computeDeviceAddresses(domain: Domain): DeviceAddresses {
  const of = new Map<El['element'], DeviceAddress>();
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
