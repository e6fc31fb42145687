/**
 * Clock timers the QEMU driver cannot give the guest, as qemuValidateDomainDefClockTimers
 * (src/qemu/qemu_validate.c) checks them: the `platform` timer never; `tsc`, `kvmclock` and
 * `hypervclock` switched on only on x86; `hpet` switched on only on i686 and x86_64; `armvtimer`
 * only for KVM ARM `virt` guests, never switched off, and without catch-up or merge tick policies;
 * `rtc` without track='boot' and without the merge or discard tick policies; `pit` without the
 * merge tick policy; and `<clock offset='absolute'>` no later than the year 9999.
 */
import machineData from '../../../../schemas/machines.json';
import { domainMachineFamily, isArchIn, effectiveArch, effectiveMachine } from '../machines';
import { Rule, removeAttributeFix, removeTitle, withFix } from '../rule';

const X86_ONLY = machineData.x86OnlyTimers.timers;
const HPET_ARCHES = machineData.hpetArches.arches;
const MAX_ABSOLUTE_START = 253402300799;

export const timerArchRule: Rule = {
  code: 'timer-wrong-arch',
  libvirt: 'qemuValidateDomainDefClockTimers (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: [
    "Configuring the '%1$s' timer is not supported for virtType=%2$s arch=%3$s machine=%4$s guests",
    'hpet timer is not supported by this architecture',
  ],
  help:
    "Some clock sources exist only on some platforms: `tsc`, `kvmclock` and `hypervclock` are x86 timers and `hpet` the PC's event timer, so libvirt " +
    "refuses them with present='yes' on other architectures; `armvtimer` is the ARM virtual timer of KVM `virt` guests. Remove the `<timer>`, or " +
    "set present='no' where the timer may be switched off.",
  docsAnchor: 'time-keeping',
  check(domain, report) {
    const arch = effectiveArch(domain);
    for (const timer of domain.at(['clock', 'timer'])) {
      const name = domain.attr(timer, 'name');
      if (!name) continue;
      const timerName = name.value.trim();
      const present = domain.value(timer, 'present');
      if (X86_ONLY.includes(timerName)) {
        if (present === 'yes' && arch !== undefined && !isArchIn(arch, 'x86'))
          report(name, `The \`${timerName}\` timer exists only on x86, not on arch '${arch}'`);
      } else if (timerName === 'hpet') {
        if (present === 'yes' && arch !== undefined && !HPET_ARCHES.includes(arch)) report(name, `The \`hpet\` timer exists only on i686 and x86_64, not on arch '${arch}'`);
      } else if (timerName === 'armvtimer') {
        if (domain.virtType !== 'kvm') report(name, `The \`armvtimer\` timer needs a KVM guest, not \`type='${domain.virtType}'\``);
        else if (arch !== undefined && (!['armv6l', 'armv7l', 'aarch64'].includes(arch) || (effectiveMachine(domain) !== undefined && domainMachineFamily(domain) !== 'armVirt')))
          report(name, `The \`armvtimer\` timer exists only on ARM \`virt\` machines, not on arch '${arch}'${effectiveMachine(domain) ? ` machine type '${effectiveMachine(domain)}'` : ''}`);
      }
    }
  },
};

/** Tick policies and tracks libvirt's QEMU driver refuses, by timer name. */
const BAD_TICKPOLICY: Record<string, string[]> = { rtc: ['merge', 'discard'], pit: ['merge'], armvtimer: ['catchup', 'merge'] };

export const timerSettingRule: Rule = {
  code: 'timer-unsupported-setting',
  libvirt: 'qemuValidateDomainDefClockTimers (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: [
    "unsupported timer type (name) '%1$s'",
    "unsupported rtc timer track '%1$s'",
    "unsupported rtc timer tickpolicy '%1$s'",
    "unsupported pit tickpolicy '%1$s'",
    "The '%1$s' timer can't be disabled",
    "The '%1$s' timer does not support tickpolicy '%2$s'",
    "The maximum 'start' value for <clock offset='absolute'> is 253402300799",
  ],
  help:
    "QEMU cannot emulate every timer setting libvirt's format can say: there is no `platform` timer, the `rtc` cannot track the host's boot time " +
    "nor merge or discard missed ticks, the `pit` cannot merge them, and the ARM virtual timer (`armvtimer`) can be neither switched off nor made to " +
    "catch up or merge ticks. An absolute clock start beyond the year 9999 is refused too. Remove the setting or choose one QEMU supports.",
  docsAnchor: 'time-keeping',
  check(domain, report) {
    const clock = domain.first(['clock']);
    if (!clock) return;
    if (domain.value(clock, 'offset') === 'absolute') {
      const start = domain.attr(clock, 'start');
      if (start && /^\d+$/.test(start.value.trim()) && Number(start.value.trim()) > MAX_ABSOLUTE_START)
        report(start, `The absolute clock start ${start.value.trim()} is later than ${MAX_ABSOLUTE_START} (the end of the year 9999)`);
    }
    for (const timer of domain.children(clock, 'timer')) {
      const name = domain.attr(timer, 'name');
      if (!name) continue;
      const timerName = name.value.trim();
      if (timerName === 'platform') {
        report(name, 'QEMU has no `platform` timer');
        continue;
      }
      const track = domain.attr(timer, 'track');
      if (timerName === 'rtc' && track && track.value.trim() === 'boot') report(track, "The `rtc` timer cannot track='boot' with QEMU");
      const present = domain.attr(timer, 'present');
      if (timerName === 'armvtimer' && present && present.value.trim() === 'no') report(present, 'The `armvtimer` timer cannot be switched off');
      const tickpolicy = domain.attr(timer, 'tickpolicy');
      const policy = tickpolicy?.value.trim();
      if (tickpolicy && policy && BAD_TICKPOLICY[timerName]?.includes(policy))
        report(tickpolicy, `The \`${timerName}\` timer does not support tickpolicy='${policy}' with QEMU`);
    }
  },
};

export const timerAttributeRule: Rule = {
  code: 'timer-attribute-not-applicable',
  libvirt: 'virDomainDefPostParseTimer (src/conf/domain_postparse.c)',
  stage: 'define',
  driver: 'any',
  libvirtMessages: [
    "timer %1$s doesn't support setting of timer tickpolicy",
    "setting of timer catchup policies is only supported with tickpolicy='catchup'",
    "timer %1$s doesn't support setting of timer frequency",
    "timer %1$s doesn't support setting of timer mode",
    "timer %1$s doesn't support setting of timer track",
  ],
  help:
    "Not every `<timer>` attribute applies to every timer: `kvmclock` and `hypervclock` have no tick policy, only `tsc` has a `frequency` and a " +
    "`mode`, only `rtc` and `platform` have a `track`, and `<catchup>` limits apply only with tickpolicy='catchup'. Remove the attribute that does " +
    'not apply to the timer.',
  docsAnchor: 'time-keeping',
  check(domain, report) {
    for (const timer of domain.at(['clock', 'timer'])) {
      const name = domain.value(timer, 'name');
      if (!name) continue;
      const tickpolicy = domain.attr(timer, 'tickpolicy');
      if ((name === 'kvmclock' || name === 'hypervclock') && tickpolicy) report(tickpolicy, `The \`${name}\` timer has no tick policy`, withFix(removeAttributeFix(domain, timer, 'tickpolicy', removeTitle('tickpolicy'))));
      const catchup = domain.child(timer, 'catchup');
      if (catchup && tickpolicy?.value.trim() !== 'catchup' && ['threshold', 'slew', 'limit'].some((a) => Number(domain.value(catchup, a) ?? '0') !== 0))
        report(domain.nameSpan(catchup), "`<catchup>` limits need tickpolicy='catchup'");
      if (name !== 'tsc') {
        for (const attribute of ['frequency', 'mode']) {
          const at = domain.attr(timer, attribute);
          if (at && (attribute === 'mode' || Number(at.value.trim()) !== 0)) report(at, `The \`${name}\` timer has no ${attribute} (only \`tsc\` has)`, withFix(removeAttributeFix(domain, timer, attribute, removeTitle(attribute))));
        }
      }
      const track = domain.attr(timer, 'track');
      if (track && name !== 'rtc' && name !== 'platform') report(track, `The \`${name}\` timer has no track (only \`rtc\` has)`, withFix(removeAttributeFix(domain, timer, 'track', removeTitle('track'))));
    }
  },
};
