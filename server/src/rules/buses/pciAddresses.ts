/**
 * The PCI addresses of the domain's devices, checked as libvirt checks them when it assigns
 * addresses (qemuDomainAssignPCIAddresses, src/qemu/qemu_domain_address.c, over
 * src/conf/domain_addr.c). The address map is built once per document version (pci.ts); each
 * rule here reports one kind of its findings.
 */
import { Domain } from '../domain';
import { Report, Rule } from '../rule';
import { PciFinding, PciMap, pciMap } from './pci';

function reportAll(findings: readonly PciFinding[], report: Report): void {
  for (const finding of findings) {
    report(finding.at, finding.message, {
      ...(finding.related?.length ? { related: finding.related } : {}),
      ...(finding.fixes?.length ? { fixes: finding.fixes } : {}),
    });
  }
}

function mapRule(
  base: Omit<Rule, 'check' | 'stage' | 'driver'>,
  pick: (map: PciMap) => readonly PciFinding[],
): Rule {
  return {
    ...base,
    stage: 'define',
    driver: 'qemu',
    check(domain: Domain, report: Report) {
      reportAll(pick(pciMap(domain)), report);
    },
  };
}

export const pciAddressDoubleUseRule = mapRule(
  {
    code: 'pci-address-double-use',
    libvirt: 'virDomainPCIAddressReserveAddrInternal (src/conf/domain_addr.c), qemuDomainValidateDevicePCISlotsPIIX3 / qemuDomainValidateDevicePCISlotsQ35 (src/qemu/qemu_domain_address.c)',
    libvirtMessages: ['Attempted double use of PCI Address %1$s'],
    help:
      'Each PCI address (domain:bus:slot.function) holds one device. Two devices on the same address, typically XML copied from another guest, make libvirt ' +
      'refuse the domain; so does a device on a function the machine\'s chipset occupies (on i440fx `pc`: 00:01.0-00:01.3, the PIIX3 ISA bridge, IDE and USB ' +
      'controllers; on q35: 00:1f.0, 00:1f.2 and 00:1f.3, the ICH9 LPC, SATA and SMBus functions). Remove the `<address>` of one device to let libvirt pick a free one, or move it.',
    docsAnchor: 'device-addresses',
  },
  (map) => map.doubleUse,
);

export const pciAddressIncompatibleRule = mapRule(
  {
    code: 'pci-address-incompatible',
    libvirt: 'virDomainPCIAddressFlagsCompatible (src/conf/domain_addr.c)',
    libvirtMessages: ["The device at PCI address %1$s cannot be plugged into the PCI controller with index='%2$d'. It requires a controller that accepts a %3$s."],
    help:
      'Each PCI controller model accepts certain devices: `pcie-root` takes PCIe devices, `pcie-root-port`, `dmi-to-pci-bridge` and `pcie-expander-bus`; ' +
      'each `pcie-root-port` and each `pcie-switch-downstream-port` has room for one PCIe device, a `pcie-switch-upstream-port` or a `pcie-to-pci-bridge`; `pci-root` and ' +
      '`pci-bridge` take PCI devices and bridges (`pci-root` also `pci-expander-bus`); a `pcie-expander-bus` takes root ports and DMI bridges only. ' +
      'The address\'s `bus` names the controller index: move the device to a controller that accepts it.',
    docsAnchor: 'controllers',
  },
  (map) => map.incompatible,
);

export const pciAddressIntegratedRule = mapRule(
  {
    code: 'pci-address-integrated',
    libvirt: 'virDomainPCIAddressFlagsCompatible (src/conf/domain_addr.c)',
    libvirtMessages: ['The device at PCI address %1$s needs to be an integrated device (bus=0)'],
    help:
      'Some devices are part of the machine itself and must sit directly on the root bus (bus 0): the virtio IOMMU and the pvpanic PCI device. ' +
      "Give the address bus='0' (or remove the address and let libvirt place it).",
    docsAnchor: 'iommu-devices',
  },
  (map) => map.integrated,
);

export const pciAddressInvalidRule = mapRule(
  {
    code: 'pci-address-invalid',
    libvirt: 'virDomainPCIAddressValidate (src/conf/domain_addr.c)',
    libvirtMessages: [
      'Invalid PCI address %1$s. Only PCI domain 0 is available',
      'Invalid PCI address %1$s. slot must be >= %2$zu',
      'Invalid PCI address %1$s. slot must be <= %2$zu',
      'Invalid PCI address %1$s. function must be <= %2$u',
    ],
    help:
      'A PCI address must exist on the controller it names: only PCI domain 0 exists; slot 0 is not usable on `pci-root`, `pcie-root`, `pci-bridge` and ' +
      '`pcie-to-pci-bridge` (slots 1-31); root ports (`pcie-root-port`) and switch downstream ports (`pcie-switch-downstream-port`) have only slot 0; functions go from 0 to 7.',
    docsAnchor: 'device-addresses',
  },
  (map) => map.invalid,
);

export const pciNoBusesRule = mapRule(
  {
    code: 'pci-no-buses',
    libvirt: 'virDomainPCIAddressValidate / virDomainPCIAddressGetNextAddr (src/conf/domain_addr.c)',
    libvirtMessages: ['No PCI buses available'],
    help:
      'Some machines have no PCI bus at all (`isapc`, `microvm`, most ARM boards other than `virt`), so nothing can have a PCI address and devices that ' +
      'only exist as PCI cards (a USB controller other than `none`, a virtio memballoon ...) cannot be added. Remove them, set the USB controller to ' +
      "model='none', or use a machine type with PCI.",
    docsAnchor: 'controllers',
  },
  (map) => map.noBuses,
);

export const pciBuiltinAddressRule = mapRule(
  {
    code: 'pci-builtin-address',
    libvirt: 'qemuDomainValidateDevicePCISlotsPIIX3 / qemuDomainValidateDevicePCISlotsQ35, qemuDomainCollectPCIAddress (src/qemu/qemu_domain_address.c)',
    libvirtMessages: [
      'Primary IDE controller must have PCI address 0:0:1.1',
      'PIIX3 USB controller at index 0 must have PCI address 0:0:1.2',
      'Primary SATA controller must have PCI address 0:0:1f.2',
      'Bus 0 must be PCI for integrated PIIX3 USB or IDE controllers',
    ],
    help:
      'Some controllers are part of the machine\'s chipset and sit at a fixed address: on i440fx (`pc`) the first IDE controller at 00:01.1 and the ' +
      'PIIX3 USB controller (index 0) at 00:01.2; on q35 the first SATA controller at 00:1f.2. Remove their `<address>` or give them that one.',
    docsAnchor: 'controllers',
  },
  (map) => map.builtin,
);

export const pciControllerNoSlotRule = mapRule(
  {
    code: 'pci-controller-no-slot',
    libvirt: 'virDomainPCIAddressSetGrow (src/conf/domain_addr.c)',
    libvirtMessages: ["a PCI slot is needed to connect a PCI controller model='%1$s', but none is available, and it cannot be automatically added"],
    help:
      'libvirt adds PCI buses when devices need more slots, but it never adds one for a PCI controller: a `pcie-root-port`, `dmi-to-pci-bridge` or ' +
      '`pcie-expander-bus` needs a free slot on `pcie-root` (or a `pcie-expander-bus`), where pcie-root-ports share a slot eight to one. ' +
      'With every such slot taken, or an address on a bus no controller provides, the controller cannot be placed. Remove some controllers or fix the address.',
    docsAnchor: 'controllers',
  },
  (map) => map.noSlot,
);
