/**
 * ACPI against the machine and the firmware, as the QEMU driver's qemuValidateDomainDef
 * (src/qemu/qemu_validate.c) checks it: `<acpi/>` on a machine type QEMU reports without ACPI
 * (virQEMUCapsMachineSupportsACPI; s390-ccw, see acpiUnsupported in
 * schemas/machines.json); on aarch64, `<acpi/>` without UEFI firmware; on x86, UEFI firmware
 * (`<os firmware='efi'>` or a pflash `<loader>`) without `<acpi/>`.
 */
import machineData from '../../../../schemas/machines.json';
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
  libvirtMessages: ["machine type '%1$s' does not support ACPI"],
  help:
    'ACPI is a PC and ARM firmware interface; s390 `s390-ccw` machines have none, and libvirt refuses `<acpi/>` for a new ' +
    'domain on them (it drops it silently only from configurations it already had). Remove `<acpi/>` from `<features>`.',
  docsAnchor: 'hypervisor-features',
  check(domain, report) {
    const acpi = acpiOn(domain);
    const family = acpi && domainMachineFamily(domain);
    if (acpi && family && NO_ACPI_FAMILIES.includes(family))
      report(domain.nameSpan(acpi), `Machine type '${effectiveMachine(domain)}' has no ACPI`, {
        fixes: [{ title: 'Remove `<acpi/>`', start: acpi.start, end: acpi.start + acpi.element.length, newText: '', safe: false }],
      });
  },
};

export const acpiNeedsUefiRule: Rule = {
  code: 'acpi-needs-uefi',
  libvirt: 'qemuValidateDomainDef (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: ['ACPI requires UEFI on this architecture'],
  help:
    "On aarch64 the guest gets its ACPI tables from UEFI firmware, so libvirt refuses `<acpi/>` unless the domain boots UEFI: `<os firmware='efi'>` " +
    "or a `<loader type='pflash'>`. Add UEFI firmware, or remove `<acpi/>` and let the guest use the device tree.",
  docsAnchor: 'hypervisor-features',
  check(domain, report) {
    const acpi = acpiOn(domain);
    const arch = effectiveArch(domain);
    if (acpi && arch && ACPI_NEEDS_UEFI.includes(arch) && !bootsUefi(domain))
      report(domain.nameSpan(acpi), `\`<acpi/>\` on arch '${arch}' needs UEFI firmware (\`<os firmware='efi'>\` or a pflash \`<loader>\`)`);
  },
};

export const uefiNeedsAcpiRule: Rule = {
  code: 'uefi-needs-acpi',
  libvirt: 'qemuValidateDomainDef (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: ['UEFI requires ACPI on this architecture'],
  help:
    "UEFI firmware for x86 guests expects ACPI, so libvirt refuses `<os firmware='efi'>` or a pflash `<loader>` on x86 unless `<features>` has `<acpi/>`. Add `<acpi/>`.",
  docsAnchor: 'hypervisor-features',
  check(domain, report) {
    const arch = effectiveArch(domain);
    if (!isArchIn(arch, machineData.uefiNeedsAcpi.archFamily as 'x86') || acpiOn(domain)) return;
    const firmware = osFirmware(domain);
    const loader = oldStyleUefiLoader(domain);
    const at = firmware && firmware.value.trim() === 'efi' ? firmware : loader ? domain.attr(loader, 'type') : undefined;
    if (at) report(at, `UEFI firmware on arch '${arch}' needs \`<acpi/>\` in \`<features>\``);
  },
};
