/**
 * x86-only platform settings and the QEMU driver's limits on domain-wide settings, as
 * qemuValidateDomainDef and qemuValidateLifecycleAction (src/qemu/qemu_validate.c) check them:
 * `<pm>` suspend states (ACPI S3/S4) and `<os><bios useserial='yes'>` only on x86, the latter
 * with a `<serial>` to write to; and the lifecycle actions QEMU cannot carry out.
 */
import { words } from '../../messages/words';
import { Rule } from '../rule';
import { effectiveArch, isArchIn } from '../machines';

export const x86PlatformRule: Rule = {
  code: 'x86-only-platform-setting',
  libvirt: 'qemuValidateDomainDef (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: ['bios', 'pm'],
  libvirtMessages: ['setting ACPI S3/S4 not supported', 'BIOS serial console only supported on x86 architectures', 'need at least one serial port to use BIOS serial output'],
  help: words('rules.help.x86-only-platform-setting'),
  docsAnchor: 'power-management',
  check(domain, report) {
    const arch = effectiveArch(domain);
    const nonX86 = arch !== undefined && !isArchIn(arch, 'x86');
    const bios = domain.first(['os', 'bios']);
    const useserial = bios && domain.attr(bios, 'useserial');
    if (useserial && useserial.value.trim() === 'yes') {
      if (nonX86) report(useserial, words('rules.x86-only-platform-setting.biosSerialArch', { arch }));
      else if (!domain.devices.some((d) => d.element.name === 'serial')) report(useserial, words('rules.x86-only-platform-setting.biosSerial'));
    }
    if (nonX86) {
      for (const pm of domain.at(['pm'])) {
        for (const state of domain.children(pm)) {
          if ((state.element.name === 'suspend-to-mem' || state.element.name === 'suspend-to-disk') && domain.value(state, 'enabled'))
            report(domain.nameSpan(state), words('rules.x86-only-platform-setting.sleep', { name: state.element.name, arch }));
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
  help: words('rules.help.qemu-lifecycle-action'),
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
      if (value === 'rename-restart' || (value === 'preserve' && name !== 'on_crash')) report(a.text, words('rules.qemu-lifecycle-action.action', { action: value, name }));
    }
    if (poweroff?.text.value.trim() === 'restart' && reboot?.text.value.trim() === 'destroy')
      report(poweroff.text, words('rules.qemu-lifecycle-action.restart'), { related: [{ ...reboot.text, message: words('rules.qemu-lifecycle-action.reboot') }] });
  },
};
