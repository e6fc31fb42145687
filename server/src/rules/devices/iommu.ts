/**
 * The IOMMU. Mirrors qemuValidateDomainDeviceDefIOMMU (src/qemu/qemu_validate.c): intel exists on
 * Q35 only, smmuv3 on ARM virt only, virtio on both (machines.json `iommuModels`); virtio needs
 * ACPI and, when it has an address, a PCI one. virDomainIOMMUDefValidate
 * (src/conf/domain_validate.c): the `<driver>` options intremap, caching_mode, eim, iotlb and
 * dma_translation are intel's (aw_bits is left out, as the virtio IOMMU may take it in newer releases);
 * intel and smmuv3 take no address. virDomainDefIOMMUValidate: interrupt
 * remapping needs the split I/O APIC, EIM needs interrupt remapping.
 */
import { andList, words } from '../../messages/words';
import { addressOf } from '../addresses';
import { Domain } from '../domain';
import { domainMachineFamily, effectiveArch, effectiveMachine } from '../machines';
import { Rule } from '../rule';
import { iommuMachineFamilies } from './deviceFacts';

const FAMILY_NAMES: Record<string, string> = { q35: 'Q35', armVirt: 'ARM virt' };

export const iommuMachineRule: Rule = {
  code: 'iommu-machine',
  libvirt: 'qemuValidateDomainDeviceDefIOMMU (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: ['iommu'],
  libvirtMessages: [
    "IOMMU device: '%1$s' is only supported with Q35 machines",
    "IOMMU device: '%1$s' is only supported with ARM Virt machines",
    "IOMMU device: '%1$s' is only supported with Q35 and ARM Virt machines",
  ],
  help: words('rules.help.iommu-machine'),
  docsAnchor: 'iommu-devices',
  check(domain, report) {
    for (const iommu of domain.devicesNamed('iommu')) {
      const model = domain.attr(iommu, 'model');
      const families = model && iommuMachineFamilies(model.value.trim());
      const arch = effectiveArch(domain);
      const machine = effectiveMachine(domain);
      if (!model || !families || !arch || !machine) continue;
      const family = domainMachineFamily(domain);
      if (family && families.includes(family)) continue;
      report(model, words('rules.iommu-machine.machine', { model: model.value.trim(), families: andList(families.map((f) => FAMILY_NAMES[f] ?? f)), machine, arch }));
    }
  },
};

// aw_bits is left out: newer libvirt gives the virtio IOMMU an address width too.
const INTEL_OPTIONS = ['intremap', 'caching_mode', 'eim', 'iotlb', 'dma_translation'];

export const iommuOptionsRule: Rule = {
  code: 'iommu-model-options',
  libvirt: 'virDomainIOMMUDefValidate (src/conf/domain_validate.c)',
  stage: 'define',
  driver: 'any',
  onlyWith: ['iommu'],
  libvirtMessages: ["iommu model '%1$s' doesn't support additional attributes", "iommu model '%1$s' can't have address"],
  help: words('rules.help.iommu-model-options'),
  docsAnchor: 'iommu-devices',
  check(domain, report) {
    for (const iommu of domain.devicesNamed('iommu')) {
      const model = domain.value(iommu, 'model');
      if (model === 'smmuv3' || model === 'virtio') {
        const driver = domain.child(iommu, 'driver');
        for (const option of INTEL_OPTIONS) {
          const attr = driver && domain.attr(driver, option);
          if (attr) report(attr, words('rules.iommu-model-options.option', { model, option }));
        }
      }
      if (model === 'smmuv3' || model === 'intel') {
        const address = addressOf(domain, iommu);
        if (address) report(address.span, words('rules.iommu-model-options.address', { model }));
      }
    }
  },
};

function acpiOn(domain: Domain): boolean {
  const acpi = domain.first(['features', 'acpi']);
  return acpi !== undefined && (domain.value(acpi, 'state') ?? 'on') === 'on';
}

export const iommuVirtioRule: Rule = {
  code: 'iommu-virtio-requirements',
  libvirt: 'qemuValidateDomainDeviceDefIOMMU (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: ['iommu'],
  libvirtMessages: ["IOMMU device: '%1$s' requires ACPI", "IOMMU device: '%1$s' needs a PCI address"],
  help: words('rules.help.iommu-virtio-requirements'),
  docsAnchor: 'iommu-devices',
  check(domain, report) {
    for (const iommu of domain.devicesNamed('iommu')) {
      const model = domain.attr(iommu, 'model');
      if (model?.value.trim() !== 'virtio') continue;
      if (!acpiOn(domain)) report(model, words('rules.iommu-virtio-requirements.acpi'));
      const address = addressOf(domain, iommu);
      if (address && address.type !== undefined && address.type !== 'pci') {
        const type = domain.attr(address.el, 'type');
        report(type ?? address.span, words('rules.iommu-virtio-requirements.address', { type: address.type }));
      }
    }
  },
};

export const iommuInterruptsRule: Rule = {
  code: 'iommu-interrupt-remapping',
  libvirt: 'virDomainDefIOMMUValidate (src/conf/domain_validate.c)',
  stage: 'define',
  driver: 'any',
  onlyWith: ['iommu'],
  libvirtMessages: ["IOMMU interrupt remapping requires split I/O APIC (ioapic driver='qemu')", 'IOMMU eim requires interrupt remapping to be enabled'],
  help: words('rules.help.iommu-interrupt-remapping'),
  docsAnchor: 'iommu-devices',
  check(domain, report) {
    const iommu = domain.devices.find((device) => device.element.name === 'iommu');
    const driver = iommu && domain.child(iommu, 'driver');
    if (!driver) return;
    const intremap = domain.attr(driver, 'intremap');
    const eim = domain.attr(driver, 'eim');
    const ioapic = domain.first(['features', 'ioapic']);
    if (intremap?.value.trim() === 'on' && domain.value(ioapic, 'driver') !== 'qemu') {
      report(intremap, words('rules.iommu-interrupt-remapping.ioapic'));
    }
    if (eim?.value.trim() === 'on' && intremap?.value.trim() !== 'on') report(eim, words('rules.iommu-interrupt-remapping.eim'));
  },
};
