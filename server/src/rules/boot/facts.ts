/** What the boot family's rules read of a domain: the `<features>` switches, the `<os>` loader and NVRAM. */
import { Param, words } from '../../messages/words';
import { AttrValue, Domain, El } from '../domain';
import { effectiveArch, effectiveMachine } from '../machines';

/** `arch 'X' and machine type 'Y'` for messages, leaving out what is unknown. */
export function archAndMachine(domain: Domain): Param {
  const arch = effectiveArch(domain);
  const machine = effectiveMachine(domain);
  if (arch && machine) return words('rules.feature-wrong-machine.archAndMachine', { arch, machine });
  if (arch) return words('rules.feature-wrong-machine.arch', { arch });
  if (machine) return words('rules.feature-wrong-machine.machine', { machine });
  return '';
}

/** `<features>`'s child named `name`, if any. */
export function feature(domain: Domain, name: string): El | undefined {
  const features = domain.first(['features']);
  return features && domain.child(features, name);
}

/** Whether `<features><acpi/>` switches ACPI on (libvirt reads the bare element as on). */
export function acpiOn(domain: Domain): El | undefined {
  const acpi = feature(domain, 'acpi');
  if (!acpi) return undefined;
  const state = domain.value(acpi, 'state');
  return state === undefined || state === 'on' ? acpi : undefined;
}

/** `<os firmware>`: efi, bios, or undefined when firmware autoselection is off. */
export function osFirmware(domain: Domain): AttrValue | undefined {
  const os = domain.first(['os']);
  return os && domain.attr(os, 'firmware');
}

export function osChild(domain: Domain, name: string): El | undefined {
  const os = domain.first(['os']);
  return os && domain.child(os, name);
}

/** A loader of the old style libvirt calls UEFI (virDomainDefHasOldStyleUEFI): `<loader type='pflash'>`. */
export function oldStyleUefiLoader(domain: Domain): El | undefined {
  const loader = osChild(domain, 'loader');
  return loader && domain.value(loader, 'type') === 'pflash' ? loader : undefined;
}

/** Whether the guest boots UEFI as libvirt counts it: `<os firmware='efi'>` or a pflash loader. */
export function bootsUefi(domain: Domain): boolean {
  return osFirmware(domain)?.value.trim() === 'efi' || oldStyleUefiLoader(domain) !== undefined;
}

/**
 * Whether `<nvram>` gives libvirt an NVRAM store (loader->nvram): a `type` with its source, or
 * a path as its text; a bare `<nvram template='...'/>` names only the template.
 */
export function nvramStore(domain: Domain, nvram: El): boolean {
  if (domain.attr(nvram, 'type')) return true;
  return domain.content(nvram).value.trim() !== '';
}

/** The `<boot>` children of the devices (and of the device's nested parts libvirt reads boot from). */
export function deviceBoots(domain: Domain): { device: El; boot: El; order: AttrValue }[] {
  return domain.derived(collectDeviceBoots);
}

function collectDeviceBoots(domain: Domain): { device: El; boot: El; order: AttrValue }[] {
  const found: { device: El; boot: El; order: AttrValue }[] = [];
  for (const device of domain.devices) {
    const boot = domain.child(device, 'boot');
    const order = boot && domain.attr(boot, 'order');
    if (boot && order) found.push({ device, boot, order });
  }
  return found;
}
