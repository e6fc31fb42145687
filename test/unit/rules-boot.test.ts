import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { acpiMachineRule, acpiNeedsUefiRule, uefiNeedsAcpiRule } from '../../server/src/rules/boot/acpi';
import { bootOrderDuplicateRule, bootOrderMixedRule } from '../../server/src/rules/boot/bootOrder';
import { emulatorArchRule, osTypeRule, qemuBootloaderRule } from '../../server/src/rules/boot/emulator';
import { featureMachineRule, pmuPpc64Rule, tcgVirtTypeRule } from '../../server/src/rules/boot/features';
import { firmwareRule, fwcfgNameRule, secureBootRule } from '../../server/src/rules/boot/firmware';
import { lifecycleRule, x86PlatformRule } from '../../server/src/rules/boot/platform';
import { seclabelDuplicateModelRule, seclabelMissingModelRule, seclabelOverrideRule } from '../../server/src/rules/boot/seclabel';
import { timerArchRule, timerAttributeRule, timerSettingRule } from '../../server/src/rules/boot/timers';
import { bootRules } from '../../server/src/rules/boot';
import { expectRule, kvmDomain, ruleFindings, unmark } from './helpers/wordedRules';

/** A domain with its own `<os>` children, `head` after `</os>`, and `devices`. */
function domainWith(options: { type?: string; arch?: string; machine?: string; firmware?: string; os?: string; head?: string; devices?: string; top?: string }): string {
  const arch = options.arch ?? 'x86_64';
  const machine = options.machine === undefined ? ` machine='pc-q35-9.0'` : options.machine ? ` machine='${options.machine}'` : '';
  return `<domain type='${options.type ?? 'kvm'}'>
  <name>test</name>
${options.top ?? `  <memory unit='KiB'>1048576</memory>\n`}  <vcpu>2</vcpu>
  <os${options.firmware ? ` firmware='${options.firmware}'` : ''}>
    <type arch='${arch}'${machine}>hvm</type>
${options.os ?? ''}  </os>
${options.head ?? ''}  <devices>
    <emulator>/usr/bin/qemu-system-${arch}</emulator>
${options.devices ?? ''}
  </devices>
</domain>
`;
}

describe('rules: boot', () => {
  it('emulator-arch-mismatch: the arch the emulator binary cannot run is flagged on <type arch>', () => {
    expectRule(emulatorArchRule, kvmDomain('', { arch: 'x86_64' }).replace("arch='x86_64'", "arch='⟦alpha⟧'"));
  });

  it('emulator-arch-mismatch near miss: qemu-system-x86_64 runs i686, qemu-system-aarch64 armv7l, other binaries are not guessed', () => {
    expectRule(emulatorArchRule, kvmDomain('', { arch: 'x86_64' }).replace("arch='x86_64'", "arch='i686'"));
    expectRule(emulatorArchRule, kvmDomain('', { arch: 'aarch64', machine: 'virt' }).replace("arch='aarch64'", "arch='armv7l'"));
    expectRule(emulatorArchRule, kvmDomain('', { arch: 'x86_64' }).replace('/usr/bin/qemu-system-x86_64', '/usr/libexec/qemu-kvm').replace("arch='x86_64'", "arch='aarch64'"));
  });

  it('qemu-os-type-not-hvm: a QEMU domain with another OS type is flagged on the type text', () => {
    expectRule(osTypeRule, kvmDomain('').replace('>hvm</type>', '>⟦xen⟧</type>'));
  });

  it('qemu-os-type-not-hvm near miss: hvm', () => {
    expectRule(osTypeRule, kvmDomain(''));
  });

  it('qemu-bootloader: a host bootloader in a QEMU domain', () => {
    expectRule(qemuBootloaderRule, kvmDomain('', { head: '  <⟦bootloader⟧>/usr/bin/pygrub</bootloader>\n' }));
  });

  it('qemu-bootloader near miss: an empty bootloader element, or none', () => {
    expectRule(qemuBootloaderRule, kvmDomain('', { head: '  <bootloader/>\n' }));
  });

  it('acpi-unsupported-machine: <acpi/> on s390-ccw-virtio', () => {
    const [finding] = expectRule(acpiMachineRule, kvmDomain('', { arch: 's390x', machine: 's390-ccw-virtio', head: '  <features>\n    <⟦acpi⟧/>\n  </features>\n' }));
    assert.equal(finding.fixes?.length, 1);
  });

  it('acpi-unsupported-machine near miss: <acpi/> on q35', () => {
    expectRule(acpiMachineRule, kvmDomain('', { head: '  <features>\n    <acpi/>\n  </features>\n' }));
  });

  it('acpi-needs-uefi: <acpi/> on aarch64 without UEFI', () => {
    expectRule(acpiNeedsUefiRule, kvmDomain('', { arch: 'aarch64', machine: 'virt', head: '  <features>\n    <⟦acpi⟧/>\n  </features>\n' }));
  });

  it("acpi-needs-uefi near miss: <acpi/> on aarch64 with firmware='efi' or a pflash loader", () => {
    const head = '  <features>\n    <acpi/>\n  </features>\n';
    expectRule(acpiNeedsUefiRule, domainWith({ arch: 'aarch64', machine: 'virt', firmware: 'efi', head }));
    expectRule(acpiNeedsUefiRule, domainWith({ arch: 'aarch64', machine: 'virt', os: "    <loader readonly='yes' type='pflash'>/usr/share/AAVMF/AAVMF_CODE.fd</loader>\n", head }));
  });

  it('uefi-needs-acpi: UEFI firmware on x86 without <acpi/>', () => {
    expectRule(uefiNeedsAcpiRule, domainWith({ os: "    <loader readonly='yes' type='⟦pflash⟧'>/usr/share/OVMF/OVMF_CODE.fd</loader>\n" }));
    expectRule(uefiNeedsAcpiRule, domainWith({ firmware: 'efi' }).replace("firmware='efi'", "firmware='⟦efi⟧'"));
  });

  it('uefi-needs-acpi near miss: UEFI with <acpi/>, or BIOS without it', () => {
    expectRule(uefiNeedsAcpiRule, domainWith({ firmware: 'efi', head: '  <features>\n    <acpi/>\n  </features>\n' }));
    expectRule(uefiNeedsAcpiRule, domainWith({}));
  });

  it('feature-wrong-machine: gic off ARM virt, pSeries features off pseries, x86 features elsewhere', () => {
    expectRule(featureMachineRule, kvmDomain('', { arch: 'ppc64', machine: 'pseries', head: '  <features>\n    <⟦gic⟧ version=\'3\'/>\n  </features>\n' }));
    expectRule(featureMachineRule, kvmDomain('', { arch: 'aarch64', machine: 'versatilepb', head: '  <features>\n    <⟦gic⟧/>\n  </features>\n' }));
    expectRule(featureMachineRule, kvmDomain('', { machine: 'pc', head: "  <features>\n    <⟦hpt⟧ resizing='enabled'/>\n    <⟦htm⟧ state='off'/>\n  </features>\n" }));
    expectRule(
      featureMachineRule,
      kvmDomain('', { arch: 'aarch64', machine: 'virt', head: "  <features>\n    <⟦ioapic⟧ driver='qemu'/>\n    <⟦pvspinlock⟧/>\n    <apic eoi='⟦on⟧'/>\n  </features>\n" }),
    );
    expectRule(featureMachineRule, kvmDomain('', { arch: 's390x', machine: 's390-ccw-virtio', head: '  <features>\n    <⟦hyperv⟧/>\n  </features>\n' }));
  });

  it('feature-wrong-machine near miss: gic on ARM virt, hpt on pseries, hyperv on ARM virt, ioapic on x86', () => {
    expectRule(featureMachineRule, kvmDomain('', { arch: 'aarch64', machine: 'virt-9.0', head: "  <features>\n    <gic version='3'/>\n    <hyperv/>\n  </features>\n" }));
    expectRule(featureMachineRule, kvmDomain('', { arch: 'ppc64', machine: 'pseries-9.0', head: "  <features>\n    <hpt resizing='enabled'/>\n    <htm state='on'/>\n  </features>\n" }));
    expectRule(featureMachineRule, kvmDomain('', { head: "  <features>\n    <ioapic driver='qemu'/>\n    <apic eoi='on'/>\n  </features>\n" }));
  });

  it("feature-pmu-off-ppc64: <pmu state='off'> on ppc64", () => {
    expectRule(pmuPpc64Rule, kvmDomain('', { arch: 'ppc64', machine: 'pseries', head: "  <features>\n    <pmu state='⟦off⟧'/>\n  </features>\n" }));
  });

  it("feature-pmu-off-ppc64 near miss: <pmu state='off'> on x86", () => {
    expectRule(pmuPpc64Rule, kvmDomain('', { head: "  <features>\n    <pmu state='off'/>\n  </features>\n" }));
  });

  it('feature-tcg-not-qemu: <tcg> in a KVM domain', () => {
    expectRule(tcgVirtTypeRule, kvmDomain('', { head: "  <features>\n    <⟦tcg⟧><tb-cache unit='MiB'>128</tb-cache></tcg>\n  </features>\n" }));
  });

  it("feature-tcg-not-qemu near miss: <tcg> with type='qemu'", () => {
    expectRule(tcgVirtTypeRule, domainWith({ type: 'qemu', head: "  <features>\n    <tcg><tb-cache unit='MiB'>128</tb-cache></tcg>\n  </features>\n" }));
  });

  it('firmware-loader-nvram: each combination of firmware, loader and NVRAM libvirt refuses', () => {
    const [enrolled] = expectRule(
      firmwareRule,
      domainWith({ firmware: 'efi', os: "    <firmware>\n      <feature enabled='⟦yes⟧' name='enrolled-keys'/>\n      <feature enabled='no' name='secure-boot'/>\n    </firmware>\n" }),
    );
    assert.equal(enrolled.related?.length, 1);
    expectRule(firmwareRule, domainWith({ firmware: 'bios', os: '    <⟦nvram⟧>/var/lib/libvirt/qemu/nvram/guest_VARS.fd</nvram>\n' }));
    expectRule(
      firmwareRule,
      domainWith({ os: "    <⟦firmware⟧>\n      <feature enabled='no' name='enrolled-keys'/>\n    </firmware>\n    <loader readonly='yes' type='pflash'>/usr/share/OVMF/OVMF_CODE.fd</loader>\n" }),
    );
    expectRule(firmwareRule, domainWith({ os: "    <⟦loader⟧ readonly='yes' type='pflash'/>\n" }));
    expectRule(firmwareRule, domainWith({ os: "    <loader stateless='yes' readonly='yes' type='pflash'>/usr/share/OVMF/OVMF_CODE.fd</loader>\n    <nvram template='⟦/usr/share/OVMF/OVMF_VARS.fd⟧'/>\n" }));
    expectRule(
      firmwareRule,
      domainWith({ os: "    <loader stateless='yes' readonly='yes' type='pflash'>/usr/share/OVMF/OVMF_CODE.fd</loader>\n    <⟦nvram⟧ type='file'><source file='/guest_VARS.fd'/></nvram>\n" }),
    );
    expectRule(firmwareRule, domainWith({ os: "    <loader stateless='no' type='⟦rom⟧'>/usr/share/seabios/bios.bin</loader>\n" }));
    expectRule(firmwareRule, domainWith({ os: "    <⟦loader⟧ stateless='no'>/usr/share/seabios/bios.bin</loader>\n" }));
  });

  it('firmware-loader-nvram near miss: efi with NVRAM, a manual pflash loader with its path and NVRAM, a stateless loader alone', () => {
    expectRule(firmwareRule, domainWith({ firmware: 'efi', os: '    <nvram>/var/lib/libvirt/qemu/nvram/guest_VARS.fd</nvram>\n' }));
    expectRule(firmwareRule, domainWith({ os: "    <loader readonly='yes' type='pflash'>/usr/share/OVMF/OVMF_CODE.fd</loader>\n    <nvram template='/usr/share/OVMF/OVMF_VARS.fd'>/guest_VARS.fd</nvram>\n" }));
    expectRule(firmwareRule, domainWith({ os: "    <loader stateless='yes' readonly='yes' type='pflash'>/usr/share/OVMF/OVMF_CODE.fd</loader>\n" }));
    expectRule(firmwareRule, domainWith({ firmware: 'efi', os: "    <firmware>\n      <feature enabled='yes' name='enrolled-keys'/>\n      <feature enabled='yes' name='secure-boot'/>\n    </firmware>\n" }));
  });

  it("secure-boot-platform: secure='yes' off q35, off x86_64, or without SMM", () => {
    const loader = (extra = '') => `    <loader readonly='yes' secure='⟦yes⟧' type='pflash'${extra}>/usr/share/OVMF/OVMF_CODE.secboot.fd</loader>\n`;
    expectRule(secureBootRule, domainWith({ machine: 'pc-i440fx-9.0', os: loader(), head: "  <features>\n    <acpi/>\n    <smm state='on'/>\n  </features>\n" }));
    expectRule(secureBootRule, domainWith({ arch: 'i686', os: loader(), head: "  <features>\n    <acpi/>\n    <smm state='on'/>\n  </features>\n" }));
    expectRule(secureBootRule, domainWith({ os: loader(), head: '  <features>\n    <acpi/>\n  </features>\n' }));
  });

  it("secure-boot-platform near miss: q35 x86_64 with SMM, or with firmware autoselection", () => {
    const loader = "    <loader readonly='yes' secure='yes' type='pflash'>/usr/share/OVMF/OVMF_CODE.secboot.fd</loader>\n";
    expectRule(secureBootRule, domainWith({ os: loader, head: "  <features>\n    <acpi/>\n    <smm state='on'/>\n  </features>\n" }));
    expectRule(secureBootRule, domainWith({ firmware: 'efi', os: loader, head: '  <features>\n    <acpi/>\n  </features>\n' }));
  });

  it('fwcfg-entry-name: a fw_cfg name outside opt/, and one reserved for the firmware', () => {
    expectRule(
      fwcfgNameRule,
      kvmDomain('', { head: "  <sysinfo type='fwcfg'>\n    <entry name='⟦etc/foo⟧'>x</entry>\n    <entry name='⟦opt/ovmf/X-PciMmio64Mb⟧'>262144</entry>\n  </sysinfo>\n" }),
    );
  });

  it('fwcfg-entry-name near miss: opt/ names of the user', () => {
    expectRule(fwcfgNameRule, kvmDomain('', { head: "  <sysinfo type='fwcfg'>\n    <entry name='opt/com.example/name'>x</entry>\n  </sysinfo>\n" }));
  });

  it('boot-order-duplicate: a second device with the same boot order, the first linked', () => {
    const [finding] = expectRule(
      bootOrderDuplicateRule,
      kvmDomain(`<disk type='file' device='disk'><source file='/a.img'/><target dev='vda' bus='virtio'/><boot order='1'/></disk>
    <interface type='network'><source network='default'/><boot order='⟦1⟧'/></interface>`),
    );
    assert.equal(finding.related?.length, 1);
  });

  it('boot-order-duplicate near miss: distinct boot orders', () => {
    expectRule(
      bootOrderDuplicateRule,
      kvmDomain(`<disk type='file' device='disk'><source file='/a.img'/><target dev='vda' bus='virtio'/><boot order='1'/></disk>
    <interface type='network'><source network='default'/><boot order='2'/></interface>`),
    );
  });

  it('boot-order-with-os-boot: a per-device boot order next to <os><boot dev>, the <boot dev> linked', () => {
    const [finding] = expectRule(
      bootOrderMixedRule,
      domainWith({ os: "    <boot dev='hd'/>\n", devices: "    <disk type='file' device='disk'><source file='/a.img'/><target dev='vda' bus='virtio'/><boot order='⟦1⟧'/></disk>" }),
    );
    assert.equal(finding.related?.length, 1);
    const { text } = unmark(domainWith({ os: "    <boot dev='hd'/>\n" }));
    assert.equal(text.slice(finding.related![0].start, finding.related![0].end), 'hd');
  });

  it('boot-order-with-os-boot near miss: <os><boot dev> alone', () => {
    expectRule(bootOrderMixedRule, domainWith({ os: "    <boot dev='hd'/>\n", devices: "    <disk type='file' device='disk'><source file='/a.img'/><target dev='vda' bus='virtio'/></disk>" }));
  });

  it('timer-wrong-arch: x86 timers on s390x, hpet on aarch64, armvtimer on x86', () => {
    expectRule(timerArchRule, kvmDomain('', { arch: 's390x', machine: 's390-ccw-virtio', head: "  <clock offset='utc'>\n    <timer name='⟦tsc⟧' present='yes'/>\n  </clock>\n" }));
    expectRule(timerArchRule, kvmDomain('', { arch: 'aarch64', machine: 'virt', head: "  <clock offset='utc'>\n    <timer name='⟦hpet⟧' present='yes'/>\n  </clock>\n" }));
    expectRule(timerArchRule, kvmDomain('', { head: "  <clock offset='utc'>\n    <timer name='⟦armvtimer⟧' tickpolicy='discard'/>\n  </clock>\n" }));
  });

  it("timer-wrong-arch near miss: present='no' on s390x, armvtimer on KVM ARM virt", () => {
    expectRule(timerArchRule, kvmDomain('', { arch: 's390x', machine: 's390-ccw-virtio', head: "  <clock offset='utc'>\n    <timer name='kvmclock' present='no'/>\n  </clock>\n" }));
    expectRule(timerArchRule, kvmDomain('', { arch: 'aarch64', machine: 'virt', head: "  <clock offset='utc'>\n    <timer name='armvtimer' tickpolicy='discard'/>\n  </clock>\n" }));
  });

  it('timer-unsupported-setting: platform timer, rtc track boot, rtc merge, pit merge, armvtimer off, absolute start past 9999', () => {
    expectRule(
      timerSettingRule,
      kvmDomain('', {
        head: `  <clock offset='absolute' start='⟦253402300800⟧'>
    <timer name='⟦platform⟧'/>
    <timer name='rtc' track='⟦boot⟧' tickpolicy='⟦merge⟧'/>
    <timer name='pit' tickpolicy='⟦merge⟧'/>
    <timer name='armvtimer' present='⟦no⟧'/>
  </clock>
`,
      }),
    );
  });

  it('timer-unsupported-setting near miss: settings QEMU has', () => {
    expectRule(timerSettingRule, kvmDomain('', { head: "  <clock offset='utc'>\n    <timer name='rtc' track='guest' tickpolicy='catchup'/>\n    <timer name='pit' tickpolicy='delay'/>\n  </clock>\n" }));
  });

  it('timer-attribute-not-applicable: a tick policy on kvmclock, catchup limits without catchup, frequency and mode off tsc, track off rtc', () => {
    expectRule(
      timerAttributeRule,
      kvmDomain('', {
        head: `  <clock offset='utc'>
    <timer name='kvmclock' tickpolicy='⟦delay⟧'/>
    <timer name='rtc' tickpolicy='delay'><⟦catchup⟧ threshold='123'/></timer>
    <timer name='hpet' frequency='⟦100⟧' mode='⟦native⟧' track='⟦guest⟧'/>
  </clock>
`,
      }),
    );
  });

  it('timer-attribute-not-applicable near miss: tsc frequency and mode, rtc track, catchup with tickpolicy catchup', () => {
    expectRule(
      timerAttributeRule,
      kvmDomain('', {
        head: `  <clock offset='utc'>
    <timer name='tsc' frequency='3504000000' mode='native'/>
    <timer name='rtc' track='guest' tickpolicy='catchup'><catchup threshold='123' slew='120' limit='10000'/></timer>
  </clock>
`,
      }),
    );
  });

  it('x86-only-platform-setting: <pm> and the BIOS serial console off x86, the BIOS serial console without a serial', () => {
    expectRule(
      x86PlatformRule,
      domainWith({ arch: 'aarch64', machine: 'virt', os: "    <bios useserial='⟦yes⟧'/>\n", head: "  <pm>\n    <⟦suspend-to-mem⟧ enabled='no'/>\n  </pm>\n" }),
    );
    expectRule(x86PlatformRule, domainWith({ os: "    <bios useserial='⟦yes⟧'/>\n" }));
  });

  it('x86-only-platform-setting near miss: on x86 with a serial', () => {
    expectRule(x86PlatformRule, domainWith({ os: "    <bios useserial='yes'/>\n", head: "  <pm>\n    <suspend-to-mem enabled='no'/>\n  </pm>\n", devices: "    <serial type='pty'/>" }));
  });

  it('qemu-lifecycle-action: rename-restart, preserve on reboot, restart on power-off with destroy on reboot', () => {
    expectRule(lifecycleRule, kvmDomain('', { head: '  <on_reboot>⟦preserve⟧</on_reboot>\n  <on_crash>⟦rename-restart⟧</on_crash>\n' }));
    const [finding] = expectRule(lifecycleRule, kvmDomain('', { head: '  <on_poweroff>⟦restart⟧</on_poweroff>\n  <on_reboot>destroy</on_reboot>\n' }));
    assert.equal(finding.related?.length, 1);
  });

  it('qemu-lifecycle-action near miss: preserve on crash, restart on reboot', () => {
    expectRule(lifecycleRule, kvmDomain('', { head: '  <on_poweroff>destroy</on_poweroff>\n  <on_reboot>restart</on_reboot>\n  <on_crash>preserve</on_crash>\n' }));
  });

  it('seclabel-duplicate-model: a second domain <seclabel> for the same model, the first linked', () => {
    const [finding] = expectRule(
      seclabelDuplicateModelRule,
      kvmDomain('') .replace('</domain>', "  <seclabel type='static' model='selinux'><label>a</label></seclabel>\n  <seclabel type='static' model='⟦selinux⟧'><label>b</label></seclabel>\n</domain>"),
    );
    assert.equal(finding.related?.length, 1);
  });

  it('seclabel-duplicate-model near miss: one seclabel per model', () => {
    expectRule(seclabelDuplicateModelRule, kvmDomain('').replace('</domain>', "  <seclabel type='dynamic' model='selinux'/>\n  <seclabel type='dynamic' model='dac'/>\n</domain>"));
  });

  it('seclabel-missing-model: several seclabels, one without a model, at domain or device level', () => {
    expectRule(seclabelMissingModelRule, kvmDomain('').replace('</domain>', "  <⟦seclabel⟧ type='none'/>\n  <seclabel type='dynamic' model='dac'/>\n</domain>"));
    expectRule(
      seclabelMissingModelRule,
      kvmDomain("<disk type='file' device='disk'><source file='/a.img'><seclabel model='selinux' relabel='no'/><⟦seclabel⟧ relabel='no'/></source><target dev='vda' bus='virtio'/></disk>"),
    );
  });

  it('seclabel-missing-model near miss: a single seclabel without a model', () => {
    expectRule(seclabelMissingModelRule, kvmDomain("<disk type='file' device='disk'><source file='/a.img'><seclabel relabel='no'/></source><target dev='vda' bus='virtio'/></disk>").replace('</domain>', "  <seclabel type='none'/>\n</domain>"));
  });

  it('seclabel-override-without-relabel: a device overrides the label of a model the domain does not relabel, the domain label linked', () => {
    const [finding] = expectRule(
      seclabelOverrideRule,
      kvmDomain("<disk type='file' device='disk'><source file='/a.img'><seclabel model='⟦selinux⟧' relabel='no'/></source><target dev='vda' bus='virtio'/></disk>").replace(
        '</domain>',
        "  <seclabel type='static' model='selinux'><label>system_u:system_r:svirt_t:s0:c1,c2</label></seclabel>\n</domain>",
      ),
    );
    assert.equal(finding.related?.length, 1);
  });

  it('seclabel-override-without-relabel near miss: the domain relabels (dynamic, or static with relabel=yes)', () => {
    const disk = "<disk type='file' device='disk'><source file='/a.img'><seclabel model='selinux' relabel='no'/></source><target dev='vda' bus='virtio'/></disk>";
    expectRule(seclabelOverrideRule, kvmDomain(disk).replace('</domain>', "  <seclabel type='dynamic' model='selinux'/>\n</domain>"));
    expectRule(
      seclabelOverrideRule,
      kvmDomain(disk).replace('</domain>', "  <seclabel type='static' model='selinux' relabel='yes'><label>system_u:system_r:svirt_t:s0:c1,c2</label></seclabel>\n</domain>"),
    );
  });

  it('every boot rule is quiet on a plain KVM domain, and none throws on a half-typed one', () => {
    assert.deepEqual(ruleFindings(bootRules, kvmDomain('')), []);
    ruleFindings(bootRules, "<domain type='kvm'><os firmware='efi'><loader stateless=");
    ruleFindings(bootRules, "<domain type='kvm'><features><gic/><hpt/></features><clock><timer name='tsc' present='yes'/></clock>");
  });
});
