/**
 * Channel targets. virDomainChrDefParseTargetXML (src/conf/domain_conf.c): a guestfwd channel
 * forwards one guest TCP address and port to the host, so its `<target>` names both.
 * qemuValidateDomainDefConsole (src/qemu/qemu_validate.c): the sclp and sclplm consoles are s390
 * devices (no other QEMU binary has them). virDomainDefParseXML (src/conf/domain_conf.c): only the
 * first `<console>` can stand for a serial port.
 */
import { words } from '../../messages/words';
import { effectiveArch, isArchIn } from '../machines';
import { Rule } from '../rule';
import { chardevsOf, targetType } from './chardevs';

export const channelGuestfwdRule: Rule = {
  code: 'channel-guestfwd-target',
  libvirt: 'virDomainChrDefParseTargetXML (src/conf/domain_conf.c)',
  stage: 'define',
  driver: 'any',
  onlyWith: ['channel'],
  libvirtMessages: ['guestfwd channel does not define a target address', 'guestfwd channel does not define a target port'],
  help: words('rules.help.channel-guestfwd-target'),
  docsAnchor: 'guest-interface',
  check(domain, report) {
    for (const chardev of chardevsOf(domain)) {
      if (chardev.kind !== 'channel' || !chardev.target || targetType(domain, chardev) !== 'guestfwd') continue;
      const at = domain.attr(chardev.target, 'type') ?? domain.nameSpan(chardev.target);
      if (!domain.attr(chardev.target, 'address')) report(at, words('rules.channel-guestfwd-target.noAddress'));
      else if (!domain.attr(chardev.target, 'port')) report(at, words('rules.channel-guestfwd-target.noPort'));
    }
  },
};

export const consoleSclpRule: Rule = {
  code: 'console-sclp-arch',
  libvirt: 'qemuValidateDomainDefConsole (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: ['console'],
  libvirtMessages: ['sclpconsole is not supported in this QEMU binary', 'sclplmconsole is not supported in this QEMU binary'],
  help: words('rules.help.console-sclp-arch'),
  docsAnchor: 'console',
  check(domain, report) {
    const arch = effectiveArch(domain);
    if (!arch || isArchIn(arch, 's390')) return;
    for (const chardev of chardevsOf(domain)) {
      if (chardev.kind !== 'console' || !chardev.target) continue;
      const type = domain.attr(chardev.target, 'type');
      const value = type?.value.trim();
      if (type && (value === 'sclp' || value === 'sclplm')) report(type, words('rules.console-sclp-arch.arch', { console: value, arch }));
    }
  },
};

export const consoleSerialFirstRule: Rule = {
  code: 'console-serial-not-first',
  libvirt: 'virDomainDefParseXML (src/conf/domain_conf.c)',
  stage: 'define',
  driver: 'any',
  onlyWith: ['console'],
  libvirtMessages: ['Only the first console can be a serial port'],
  help: words('rules.help.console-serial-not-first'),
  docsAnchor: 'console',
  check(domain, report) {
    let index = 0;
    for (const chardev of chardevsOf(domain)) {
      if (chardev.kind !== 'console') continue;
      const type = chardev.target && domain.attr(chardev.target, 'type');
      if (index > 0 && type?.value.trim() === 'serial') report(type, words('rules.console-serial-not-first.notFirst'));
      index++;
    }
  },
};
