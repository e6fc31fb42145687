/**
 * ACPI against the machine and the firmware, as the QEMU driver's qemuValidateDomainDef
 * (src/qemu/qemu_validate.c) checks it: `<acpi/>` on a machine type QEMU reports without ACPI
 * (virQEMUCapsMachineSupportsACPI; s390-ccw, see acpiUnsupported in
 * schemas/machines.json); on aarch64, `<acpi/>` without UEFI firmware; on x86, UEFI firmware
 * (`<os firmware='efi'>` or a pflash `<loader>`) without `<acpi/>`.
 */
import machineData from '../../../../schemas/machines.json';
import { words } from '../../messages/words';
import { fixTitle } from '../rule';
import { domainMachineFamily, isArchIn, effectiveArch, effectiveMachine } from '../machines';
import { Rule } from '../rule';
import { acpiOn, bootsUefi, oldStyleUefiLoader, osFirmware } from './facts';

const NO_ACPI_FAMILIES: readonly string[] = machineData.acpiUnsupported.families;
const ACPI_NEEDS_UEFI: readonly string[] = machineData.acpiNeedsUefi.arches;

export const acpiMachineRule: Rule = {
  code: 'acpi-unsupported-machine',
  libvirt: 'qemuValidateDomainDef (src/qemu/qemu_validate.c), virQEMUCapsMachineSupportsACPI (src/qemu/qemu_capabilities.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: ['acpi'],
  libvirtMessages: ["machine type '%1$s' does not support ACPI"],
  help: words('rules.help.acpi-unsupported-machine'),
  docsAnchor: 'hypervisor-features',
  check(domain, report) {
    const acpi = acpiOn(domain);
    const family = acpi && domainMachineFamily(domain);
    if (acpi && family && NO_ACPI_FAMILIES.includes(family))
      report(domain.nameSpan(acpi), words('rules.acpi-unsupported-machine.machine', { machine: effectiveMachine(domain) ?? '' }), {
        fixes: [{ ...fixTitle(words('rules.acpi-unsupported-machine.fix.remove')), start: acpi.start, end: acpi.start + acpi.element.length, newText: '', safe: false }],
      });
  },
};

export const acpiNeedsUefiRule: Rule = {
  code: 'acpi-needs-uefi',
  libvirt: 'qemuValidateDomainDef (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: ['acpi'],
  libvirtMessages: ['ACPI requires UEFI on this architecture'],
  help: words('rules.help.acpi-needs-uefi'),
  docsAnchor: 'hypervisor-features',
  check(domain, report) {
    const acpi = acpiOn(domain);
    const arch = effectiveArch(domain);
    if (acpi && arch && ACPI_NEEDS_UEFI.includes(arch) && !bootsUefi(domain))
      report(domain.nameSpan(acpi), words('rules.acpi-needs-uefi.uefi', { arch }));
  },
};

export const uefiNeedsAcpiRule: Rule = {
  code: 'uefi-needs-acpi',
  libvirt: 'qemuValidateDomainDef (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: ['UEFI requires ACPI on this architecture'],
  help: words('rules.help.uefi-needs-acpi'),
  docsAnchor: 'hypervisor-features',
  check(domain, report) {
    const arch = effectiveArch(domain);
    if (!isArchIn(arch, machineData.uefiNeedsAcpi.archFamily as 'x86') || acpiOn(domain)) return;
    const firmware = osFirmware(domain);
    const loader = oldStyleUefiLoader(domain);
    const at = firmware && firmware.value.trim() === 'efi' ? firmware : loader ? domain.attr(loader, 'type') : undefined;
    if (at) report(at, words('rules.uefi-needs-acpi.acpi', { arch: arch ?? '' }));
  },
};
