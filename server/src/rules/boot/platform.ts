/**
 * x86-only platform settings and the QEMU driver's limits on domain-wide settings, as
 * qemuValidateDomainDef and qemuValidateLifecycleAction (src/qemu/qemu_validate.c) check them:
 * `<pm>` suspend states (ACPI S3/S4) and `<os><bios useserial='yes'>` only on x86, the latter
 * with a `<serial>` to write to; and the lifecycle actions QEMU cannot carry out.
 */
import { Rule } from '../rule';
import { effectiveArch, isArchIn } from '../machines';

export const x86PlatformRule: Rule = {
  code: 'x86-only-platform-setting',
  libvirt: 'qemuValidateDomainDef (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: ['setting ACPI S3/S4 not supported', 'BIOS serial console only supported on x86 architectures', 'need at least one serial port to use BIOS serial output'],
  help:
    "`<pm>` configures the ACPI sleep states S3 and S4 of a PC guest, and `<bios useserial='yes'>` makes SeaBIOS write to the serial port; both are " +
    'x86 settings, which libvirt refuses on other architectures. The BIOS serial console also needs a `<serial>` device.',
  docsAnchor: 'power-management',
  check(domain, report) {
    const arch = effectiveArch(domain);
    const nonX86 = arch !== undefined && !isArchIn(arch, 'x86');
    const bios = domain.first(['os', 'bios']);
    const useserial = bios && domain.attr(bios, 'useserial');
    if (useserial && useserial.value.trim() === 'yes') {
      if (nonX86) report(useserial, `The BIOS serial console exists only on x86, not on arch '${arch}'`);
      else if (!domain.devices.some((d) => d.element.name === 'serial')) report(useserial, 'The BIOS serial console needs a `<serial>` device');
    }
    if (nonX86) {
      for (const pm of domain.at(['pm'])) {
        for (const state of domain.children(pm)) {
          if ((state.element.name === 'suspend-to-mem' || state.element.name === 'suspend-to-disk') && domain.value(state, 'enabled'))
            report(domain.nameSpan(state), `ACPI sleep states (\`<${state.element.name}>\`) exist only on x86, not on arch '${arch}'`);
        }
      }
    }
  },
};

export const lifecycleRule: Rule = {
  code: 'qemu-lifecycle-action',
  libvirt: 'qemuValidateLifecycleAction (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: [
    "qemu driver doesn't support the 'rename-restart' action for 'on_reboot'/'on_poweroff'/'on_crash'",
    "qemu driver doesn't support the 'preserve' action for 'on_reboot'/'on_poweroff'",
    "qemu driver doesn't support 'onReboot' set to 'destroy and 'onPoweroff' set to 'reboot'",
  ],
  help:
    "The QEMU driver cannot carry out every lifecycle action: it has no 'rename-restart', no 'preserve' on power-off or reboot, and cannot restart a " +
    "guest on power-off while destroying it on reboot. Choose 'destroy' or 'restart' (or, on crash, 'preserve' or a coredump action).",
  docsAnchor: 'events-configuration',
  check(domain, report) {
    const action = (name: string) => {
      const el = domain.child(domain.root, name);
      return el ? { el, text: domain.content(el) } : undefined;
    };
    const poweroff = action('on_poweroff');
    const reboot = action('on_reboot');
    const crash = action('on_crash');
    for (const [name, a] of [['on_poweroff', poweroff], ['on_reboot', reboot], ['on_crash', crash]] as const) {
      const value = a?.text.value.trim();
      if (!a || !value) continue;
      if (value === 'rename-restart') report(a.text, `QEMU cannot carry out '${value}' for \`<${name}>\``);
      else if (value === 'preserve' && name !== 'on_crash') report(a.text, `QEMU cannot carry out 'preserve' for \`<${name}>\``);
    }
    if (poweroff?.text.value.trim() === 'restart' && reboot?.text.value.trim() === 'destroy')
      report(poweroff.text, "QEMU cannot restart on power-off while `<on_reboot>` is 'destroy'", { related: [{ ...reboot.text, message: "`<on_reboot>` is 'destroy'" }] });
  },
};
