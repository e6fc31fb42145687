/**
 * Firmware, loader and NVRAM combinations, as virDomainDefOSValidate (src/conf/domain_validate.c)
 * checks them: with firmware autoselection (`<os firmware>`), 'enrolled-keys' needs 'secure-boot'
 * not switched off and only 'efi' firmware has NVRAM; without it, `<os><firmware>` features
 * cannot be asked for and a `<loader>` needs its path; a stateless loader has no NVRAM nor NVRAM
 * template; a loader with stateless='no' keeps NVRAM only as pflash or with EFI firmware. And the
 * QEMU driver's secure boot limits (qemuValidateDomainDefBoot, src/qemu/qemu_validate.c): q35,
 * x86_64, and SMM when the firmware is not autoselected.
 */
import { words } from '../../messages/words';
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
  help: words('rules.help.firmware-loader-nvram'),
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
        report(enrolled, words('rules.firmware-loader-nvram.enrolledKeys'), {
          related: [{ ...secure, message: words('rules.firmware-loader-nvram.secureBootOff') }],
        });
      if (nvram && hasNvram && firmware !== 'efi') {
        report(domain.nameSpan(nvram), words('rules.firmware-loader-nvram.nvramFirmware', { firmware }), {
          related: [{ ...firmwareAttr, message: words('rules.firmware-loader-nvram.firmware', { firmware }) }],
        });
        return;
      }
    } else {
      if (firmwareEl && features.size > 0) {
        report(domain.nameSpan(firmwareEl), words('rules.firmware-loader-nvram.autoselection'));
        return;
      }
      if ((loader || nvram) && (!loader || domain.content(loader).value.trim() === '')) {
        const at = loader ? domain.nameSpan(loader) : domain.nameSpan(nvram!);
        report(at, words('rules.firmware-loader-nvram.noPath'));
        return;
      }
    }
    if (!loader) return;
    const stateless = domain.value(loader, 'stateless');
    if (stateless === 'yes') {
      const template = nvram && domain.attr(nvram, 'template');
      const related = [{ ...domain.attr(loader, 'stateless')!, message: words('rules.firmware-loader-nvram.stateless') }];
      if (template) report(template, words('rules.firmware-loader-nvram.statelessTemplate'), { related });
      else if (nvram && hasNvram) report(domain.nameSpan(nvram), words('rules.firmware-loader-nvram.statelessNvram'), { related });
    } else if (stateless === 'no') {
      if (!firmware) {
        // virDomainDefPostParseOs: a loader with a path and no type is a ROM.
        const type = domain.attr(loader, 'type');
        if (type ? type.value.trim() === 'rom' : domain.content(loader).value.trim() !== '')
          report(type ?? domain.nameSpan(loader), words('rules.firmware-loader-nvram.pflash'));
      } else if (firmware !== 'efi') report(firmwareAttr!, words('rules.firmware-loader-nvram.efi'));
    }
  },
};

export const secureBootRule: Rule = {
  code: 'secure-boot-platform',
  libvirt: 'qemuValidateDomainDefBoot (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: ['loader'],
  libvirtMessages: [
    'Secure boot is supported with q35 machine types only',
    'Secure boot is supported for x86_64 architecture only',
    'Secure boot requires SMM feature enabled',
  ],
  help: words('rules.help.secure-boot-platform'),
  docsAnchor: 'bios-bootloader',
  check(domain, report) {
    const loader = osChild(domain, 'loader');
    const secure = loader && domain.attr(loader, 'secure');
    if (!secure || secure.value.trim() !== 'yes') return;
    const arch = effectiveArch(domain);
    if (arch === undefined) return;
    const machine = effectiveMachine(domain);
    if (machine !== undefined && domainMachineFamily(domain) !== 'q35') {
      report(secure, words('rules.secure-boot-platform.machine', { machine }));
      return;
    }
    if (arch !== 'x86_64') {
      report(secure, words('rules.secure-boot-platform.arch', { arch }));
      return;
    }
    if (!osFirmware(domain)) {
      const smm = feature(domain, 'smm');
      const state = smm && domain.value(smm, 'state');
      if (!smm || (state !== undefined && state !== 'on')) report(secure, words('rules.secure-boot-platform.smm'));
    }
  },
};

export const fwcfgNameRule: Rule = {
  code: 'fwcfg-entry-name',
  libvirt: 'qemuValidateDomainDefSysinfo (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: ['sysinfo'],
  libvirtMessages: ['Invalid firmware name', 'That firmware name is reserved'],
  help: words('rules.help.fwcfg-entry-name'),
  docsAnchor: 'smbios-system-information',
  check(domain, report) {
    for (const sysinfo of domain.children(domain.root, 'sysinfo')) {
      if (domain.value(sysinfo, 'type') !== 'fwcfg') continue;
      for (const entry of domain.children(sysinfo, 'entry')) {
        const name = domain.attr(entry, 'name');
        if (!name) continue;
        const value = name.value;
        if (!value.startsWith('opt/')) report(name, words('rules.fwcfg-entry-name.prefix', { name: value }));
        else if (value.startsWith('opt/ovmf/') || value.startsWith('opt/org.qemu/')) report(name, words('rules.fwcfg-entry-name.reserved', { name: value }));
      }
    }
  },
};
