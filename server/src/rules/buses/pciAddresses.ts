/**
 * The PCI addresses of the domain's devices, checked as libvirt checks them when it assigns
 * addresses (qemuDomainAssignPCIAddresses, src/qemu/qemu_domain_address.c, over
 * src/conf/domain_addr.c). The address map is built once per document version (pci.ts); each
 * rule here reports one kind of its findings.
 */
import { words } from '../../messages/words';
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
    help: words('rules.help.pci-address-double-use'),
    docsAnchor: 'device-addresses',
  },
  (map) => map.doubleUse,
);

export const pciAddressIncompatibleRule = mapRule(
  {
    code: 'pci-address-incompatible',
    libvirt: 'virDomainPCIAddressFlagsCompatible (src/conf/domain_addr.c)',
    libvirtMessages: ["The device at PCI address %1$s cannot be plugged into the PCI controller with index='%2$d'. It requires a controller that accepts a %3$s."],
    help: words('rules.help.pci-address-incompatible'),
    docsAnchor: 'controllers',
  },
  (map) => map.incompatible,
);

export const pciAddressIntegratedRule = mapRule(
  {
    code: 'pci-address-integrated',
    libvirt: 'virDomainPCIAddressFlagsCompatible (src/conf/domain_addr.c)',
    libvirtMessages: ['The device at PCI address %1$s needs to be an integrated device (bus=0)'],
    help: words('rules.help.pci-address-integrated'),
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
    help: words('rules.help.pci-address-invalid'),
    docsAnchor: 'device-addresses',
  },
  (map) => map.invalid,
);

export const pciNoBusesRule = mapRule(
  {
    code: 'pci-no-buses',
    libvirt: 'virDomainPCIAddressValidate / virDomainPCIAddressGetNextAddr (src/conf/domain_addr.c)',
    libvirtMessages: ['No PCI buses available'],
    help: words('rules.help.pci-no-buses'),
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
    help: words('rules.help.pci-builtin-address'),
    docsAnchor: 'controllers',
  },
  (map) => map.builtin,
);

export const pciControllerNoSlotRule = mapRule(
  {
    code: 'pci-controller-no-slot',
    libvirt: 'virDomainPCIAddressSetGrow (src/conf/domain_addr.c)',
    libvirtMessages: ["a PCI slot is needed to connect a PCI controller model='%1$s', but none is available, and it cannot be automatically added"],
    help: words('rules.help.pci-controller-no-slot'),
    docsAnchor: 'controllers',
  },
  (map) => map.noSlot,
);
