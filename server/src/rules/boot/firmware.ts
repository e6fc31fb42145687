/**
 * Firmware, loader and NVRAM combinations, as virDomainDefOSValidate (src/conf/domain_validate.c)
 * checks them: with firmware autoselection (`<os firmware>`), 'enrolled-keys' needs 'secure-boot'
 * not switched off and only 'efi' firmware has NVRAM; without it, `<os><firmware>` features
 * cannot be asked for and a `<loader>` needs its path; a stateless loader has no NVRAM nor NVRAM
 * template; a loader with stateless='no' keeps NVRAM only as pflash or with EFI firmware. And the
 * QEMU driver's secure boot limits (qemuValidateDomainDefBoot, src/qemu/qemu_validate.c): q35,
 * x86_64, and SMM when the firmware is not autoselected.
 */
import { Domain } from '../domain';
import { Rule } from '../rule';
import { domainMachineFamily, effectiveArch, effectiveMachine } from '../machines';
import { feature, nvramStore, osChild, osFirmware } from './facts';

/** `<os><firmware><feature name enabled>` as a map of name to its enabled attribute. */
function firmwareFeatures(domain: Domain) {
  const firmware = osChild(domain, 'firmware');
  const features = new Map<string, ReturnType<Domain['attr']>>();
  if (!firmware) return { firmware, features };
  for (const el of domain.children(firmware, 'feature')) {
    const name = domain.value(el, 'name');
    if (name) features.set(name, domain.attr(el, 'enabled'));
  }
  return { firmware, features };
}

export const firmwareRule: Rule = {
  code: 'firmware-loader-nvram',
  libvirt: 'virDomainDefOSValidate (src/conf/domain_validate.c)',
  stage: 'define',
  driver: 'any',
  libvirtMessages: [
    "firmware feature 'enrolled-keys' cannot be enabled when firmware feature 'secure-boot' is disabled",
    "firmware type '%1$s' does not support nvram",
    'cannot use feature-based firmware autoselection when firmware autoselection is disabled',
    'no loader path specified and firmware auto selection disabled',
    'NVRAM template is not permitted when loader is stateless',
    'NVRAM is not permitted when loader is stateless',
    'Only pflash loader type permits NVRAM',
    'Only EFI firmware permits NVRAM',
  ],
  help:
    "libvirt picks the firmware itself when `<os firmware='efi'|'bios'>` is set, and takes the `<loader>` path as given when it is not. " +
    "Feature requests in `<os><firmware>` need autoselection on; without it a `<loader>` must name its file. Only UEFI keeps variables in NVRAM, " +
    "so `<nvram>` goes with 'efi' firmware or a pflash loader, and a stateless loader has neither `<nvram>` nor an NVRAM template. " +
    "Keys enrolled in the variable store are of use only with secure boot, so 'enrolled-keys' cannot be on while 'secure-boot' is off.",
  docsAnchor: 'bios-bootloader',
  check(domain, report) {
    const os = domain.first(['os']);
    if (!os) return;
    const firmwareAttr = osFirmware(domain);
    const firmware = firmwareAttr?.value.trim();
    const loader = domain.child(os, 'loader');
    const nvram = domain.child(os, 'nvram');
    const hasNvram = nvram !== undefined && nvramStore(domain, nvram);
    const { firmware: firmwareEl, features } = firmwareFeatures(domain);
    if (firmwareAttr && firmware) {
      const enrolled = features.get('enrolled-keys');
      const secure = features.get('secure-boot');
      if (enrolled?.value.trim() === 'yes' && secure?.value.trim() === 'no')
        report(enrolled, "Firmware feature 'enrolled-keys' is enabled while 'secure-boot' is disabled", {
          related: [{ ...secure, message: "'secure-boot' is disabled here" }],
        });
      if (nvram && hasNvram && firmware !== 'efi') {
        report(domain.nameSpan(nvram), `Firmware '${firmware}' has no NVRAM: \`<nvram>\` needs firmware='efi'`, {
          related: [{ ...firmwareAttr, message: `firmware='${firmware}'` }],
        });
        return;
      }
    } else {
      if (firmwareEl && features.size > 0) {
        report(domain.nameSpan(firmwareEl), "Firmware features ask for firmware autoselection, which is off without `<os firmware='efi'>`");
        return;
      }
      if ((loader || nvram) && (!loader || domain.content(loader).value.trim() === '')) {
        const at = loader ? domain.nameSpan(loader) : domain.nameSpan(nvram!);
        report(at, "The `<loader>` has no path and firmware autoselection is off (no `<os firmware>`)");
        return;
      }
    }
    if (!loader) return;
    const stateless = domain.value(loader, 'stateless');
    if (stateless === 'yes') {
      const template = nvram && domain.attr(nvram, 'template');
      if (template) report(template, 'A stateless `<loader>` has no NVRAM template', { related: [{ ...domain.attr(loader, 'stateless')!, message: "stateless='yes'" }] });
      else if (nvram && hasNvram) report(domain.nameSpan(nvram), 'A stateless `<loader>` has no NVRAM', { related: [{ ...domain.attr(loader, 'stateless')!, message: "stateless='yes'" }] });
    } else if (stateless === 'no') {
      if (!firmware) {
        // virDomainDefPostParseOs: a loader with a path and no type is a ROM.
        const type = domain.attr(loader, 'type');
        if (type ? type.value.trim() === 'rom' : domain.content(loader).value.trim() !== '')
          report(type ?? domain.nameSpan(loader), "Only a `<loader type='pflash'>` keeps NVRAM (stateless='no'; a loader without a type is a ROM)");
      } else if (firmware !== 'efi') report(firmwareAttr!, `Only 'efi' firmware keeps NVRAM (the loader says stateless='no')`);
    }
  },
};

export const secureBootRule: Rule = {
  code: 'secure-boot-platform',
  libvirt: 'qemuValidateDomainDefBoot (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: [
    'Secure boot is supported with q35 machine types only',
    'Secure boot is supported for x86_64 architecture only',
    'Secure boot requires SMM feature enabled',
  ],
  help:
    "QEMU implements UEFI secure boot (`<loader secure='yes'>`) only for x86_64 guests on q35 machines, and the firmware needs System Management " +
    "Mode to protect its variables: without firmware autoselection, `<features>` must have `<smm state='on'/>`. Use a q35 machine on x86_64 and " +
    "switch SMM on, or drop secure='yes'.",
  docsAnchor: 'bios-bootloader',
  check(domain, report) {
    const loader = osChild(domain, 'loader');
    const secure = loader && domain.attr(loader, 'secure');
    if (!secure || secure.value.trim() !== 'yes') return;
    const arch = effectiveArch(domain);
    if (arch === undefined) return;
    const machine = effectiveMachine(domain);
    if (machine !== undefined && domainMachineFamily(domain) !== 'q35') {
      report(secure, `Secure boot needs a q35 machine type, not '${machine}'`);
      return;
    }
    if (arch !== 'x86_64') {
      report(secure, `Secure boot needs arch 'x86_64', not '${arch}'`);
      return;
    }
    if (!osFirmware(domain)) {
      const smm = feature(domain, 'smm');
      const state = smm && domain.value(smm, 'state');
      if (!smm || (state !== undefined && state !== 'on')) report(secure, "Secure boot needs `<smm state='on'/>` in `<features>`");
    }
  },
};

export const fwcfgNameRule: Rule = {
  code: 'fwcfg-entry-name',
  libvirt: 'qemuValidateDomainDefSysinfo (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: ['Invalid firmware name', 'That firmware name is reserved'],
  help:
    "Entries of `<sysinfo type='fwcfg'>` become QEMU firmware configuration files, whose names for users must start with `opt/` (by convention " +
    '`opt/` followed by a reverse domain name). Names under `opt/ovmf/` and `opt/org.qemu/` belong to the firmware and QEMU themselves, and libvirt ' +
    'refuses them.',
  docsAnchor: 'smbios-system-information',
  check(domain, report) {
    for (const sysinfo of domain.children(domain.root, 'sysinfo')) {
      if (domain.value(sysinfo, 'type') !== 'fwcfg') continue;
      for (const entry of domain.children(sysinfo, 'entry')) {
        const name = domain.attr(entry, 'name');
        if (!name) continue;
        const value = name.value;
        if (!value.startsWith('opt/')) report(name, `The fw_cfg name '${value}' does not start with \`opt/\``);
        else if (value.startsWith('opt/ovmf/') || value.startsWith('opt/org.qemu/')) report(name, `The fw_cfg name '${value}' is reserved for the firmware and QEMU`);
      }
    }
  },
};
