/**
 * Clock timers the QEMU driver cannot give the guest, as qemuValidateDomainDefClockTimers
 * (src/qemu/qemu_validate.c) checks them: the `platform` timer never; `tsc`, `kvmclock` and
 * `hypervclock` switched on only on x86; `hpet` switched on only on i686 and x86_64; `armvtimer`
 * only for KVM ARM `virt` guests, never switched off, and without catch-up or merge tick policies;
 * `rtc` without track='boot' and without the merge or discard tick policies; `pit` without the
 * merge tick policy; and `<clock offset='absolute'>` no later than the year 9999.
 */
import machineData from '../../../../schemas/machines.json';
import { words } from '../../messages/words';
import { titled } from '../rule';
import { El } from '../domain';
import { domainMachineFamily, isArchIn, effectiveArch, effectiveMachine } from '../machines';
import { Rule, removeAttributeFix, withFix } from '../rule';

const X86_ONLY = machineData.x86OnlyTimers.timers;
const HPET_ARCHES = machineData.hpetArches.arches;
const MAX_ABSOLUTE_START = 253402300799;

export const timerArchRule: Rule = {
  code: 'timer-wrong-arch',
  libvirt: 'qemuValidateDomainDefClockTimers (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: ['timer'],
  libvirtMessages: [
    "Configuring the '%1$s' timer is not supported for virtType=%2$s arch=%3$s machine=%4$s guests",
    'hpet timer is not supported by this architecture',
  ],
  help: words('rules.help.timer-wrong-arch'),
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
          report(name, words('rules.timer-wrong-arch.x86', { timer: timerName, arch }));
      } else if (timerName === 'hpet') {
        if (present === 'yes' && arch !== undefined && !HPET_ARCHES.includes(arch)) report(name, words('rules.timer-wrong-arch.hpet', { arch }));
      } else if (timerName === 'armvtimer') {
        const machine = effectiveMachine(domain);
        if (domain.virtType !== 'kvm') report(name, words('rules.timer-wrong-arch.kvm', { type: String(domain.virtType) }));
        else if (arch !== undefined && (!['armv6l', 'armv7l', 'aarch64'].includes(arch) || (machine !== undefined && domainMachineFamily(domain) !== 'armVirt')))
          report(name, machine ? words('rules.timer-wrong-arch.armMachine', { arch, machine }) : words('rules.timer-wrong-arch.arm', { arch }));
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
  help: words('rules.help.timer-unsupported-setting'),
  docsAnchor: 'time-keeping',
  check(domain, report) {
    const clock = domain.first(['clock']);
    if (!clock) return;
    if (domain.value(clock, 'offset') === 'absolute') {
      const start = domain.attr(clock, 'start');
      if (start && /^\d+$/.test(start.value.trim()) && Number(start.value.trim()) > MAX_ABSOLUTE_START)
        report(start, words('rules.timer-unsupported-setting.start', { start: start.value.trim(), max: MAX_ABSOLUTE_START }));
    }
    for (const timer of domain.children(clock, 'timer')) {
      const name = domain.attr(timer, 'name');
      if (!name) continue;
      const timerName = name.value.trim();
      if (timerName === 'platform') {
        report(name, words('rules.timer-unsupported-setting.platform'));
        continue;
      }
      const track = domain.attr(timer, 'track');
      if (timerName === 'rtc' && track && track.value.trim() === 'boot') report(track, words('rules.timer-unsupported-setting.track'));
      const present = domain.attr(timer, 'present');
      if (timerName === 'armvtimer' && present && present.value.trim() === 'no') report(present, words('rules.timer-unsupported-setting.armvtimerOff'));
      const tickpolicy = domain.attr(timer, 'tickpolicy');
      const policy = tickpolicy?.value.trim();
      if (tickpolicy && policy && BAD_TICKPOLICY[timerName]?.includes(policy))
        report(tickpolicy, words('rules.timer-unsupported-setting.tickpolicy', { timer: timerName, policy }));
    }
  },
};

export const timerAttributeRule: Rule = {
  code: 'timer-attribute-not-applicable',
  libvirt: 'virDomainDefPostParseTimer (src/conf/domain_postparse.c)',
  stage: 'define',
  driver: 'any',
  onlyWith: ['timer'],
  libvirtMessages: [
    "timer %1$s doesn't support setting of timer tickpolicy",
    "setting of timer catchup policies is only supported with tickpolicy='catchup'",
    "timer %1$s doesn't support setting of timer frequency",
    "timer %1$s doesn't support setting of timer mode",
    "timer %1$s doesn't support setting of timer track",
  ],
  help: words('rules.help.timer-attribute-not-applicable'),
  docsAnchor: 'time-keeping',
  check(domain, report) {
    const removal = (timer: El, attribute: string) =>
      withFix(titled(removeAttributeFix(domain, timer, attribute, ''), words('rules.timer-attribute-not-applicable.fix.remove', { attribute })));
    for (const timer of domain.at(['clock', 'timer'])) {
      const name = domain.value(timer, 'name');
      if (!name) continue;
      const tickpolicy = domain.attr(timer, 'tickpolicy');
      if ((name === 'kvmclock' || name === 'hypervclock') && tickpolicy) report(tickpolicy, words('rules.timer-attribute-not-applicable.tickpolicy', { timer: name }), removal(timer, 'tickpolicy'));
      const catchup = domain.child(timer, 'catchup');
      if (catchup && tickpolicy?.value.trim() !== 'catchup' && ['threshold', 'slew', 'limit'].some((a) => Number(domain.value(catchup, a) ?? '0') !== 0))
        report(domain.nameSpan(catchup), words('rules.timer-attribute-not-applicable.catchup'));
      if (name !== 'tsc') {
        for (const attribute of ['frequency', 'mode']) {
          const at = domain.attr(timer, attribute);
          if (at && (attribute === 'mode' || Number(at.value.trim()) !== 0)) report(at, words('rules.timer-attribute-not-applicable.tscOnly', { timer: name, attribute }), removal(timer, attribute));
        }
      }
      const track = domain.attr(timer, 'track');
      if (track && name !== 'rtc' && name !== 'platform') report(track, words('rules.timer-attribute-not-applicable.track', { timer: name }), removal(timer, 'track'));
    }
  },
};
