/**
 * Channel targets. virDomainChrDefParseTargetXML (src/conf/domain_conf.c): a guestfwd channel
 * forwards one guest TCP address and port to the host, so its `<target>` names both.
 * qemuValidateDomainDefConsole (src/qemu/qemu_validate.c): the sclp and sclplm consoles are s390
 * devices (no other QEMU binary has them). virDomainDefParseXML (src/conf/domain_conf.c): only the
 * first `<console>` can stand for a serial port.
 */
import { effectiveArch, isArchIn } from '../machines';
import { Rule } from '../rule';
import { chardevsOf, targetType } from './chardevs';

export const channelGuestfwdRule: Rule = {
  code: 'channel-guestfwd-target',
  libvirt: 'virDomainChrDefParseTargetXML (src/conf/domain_conf.c)',
  stage: 'define',
  driver: 'any',
  libvirtMessages: ['guestfwd channel does not define a target address', 'guestfwd channel does not define a target port'],
  help:
    "A guestfwd channel catches the guest's connections to one IP address and port and hands them to the host side: its " +
    "`<target type='guestfwd'>` needs both `address` and `port`.",
  docsAnchor: 'guest-interface',
  check(domain, report) {
    for (const chardev of chardevsOf(domain)) {
      if (chardev.kind !== 'channel' || !chardev.target || targetType(domain, chardev) !== 'guestfwd') continue;
      const at = domain.attr(chardev.target, 'type') ?? domain.nameSpan(chardev.target);
      if (!domain.attr(chardev.target, 'address')) report(at, 'The guestfwd channel names no target `address`');
      else if (!domain.attr(chardev.target, 'port')) report(at, 'The guestfwd channel names no target `port`');
    }
  },
};

export const consoleSclpRule: Rule = {
  code: 'console-sclp-arch',
  libvirt: 'qemuValidateDomainDefConsole (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: ['sclpconsole is not supported in this QEMU binary', 'sclplmconsole is not supported in this QEMU binary'],
  help: "The SCLP consoles are s390 devices: on other architectures use a `serial` or `virtio` console target.",
  docsAnchor: 'console',
  check(domain, report) {
    const arch = effectiveArch(domain);
    if (!arch || isArchIn(arch, 's390')) return;
    for (const chardev of chardevsOf(domain)) {
      if (chardev.kind !== 'console' || !chardev.target) continue;
      const type = domain.attr(chardev.target, 'type');
      const value = type?.value.trim();
      if (type && (value === 'sclp' || value === 'sclplm')) report(type, `The ${value} console exists on s390 only, not on '${arch}'`);
    }
  },
};

export const consoleSerialFirstRule: Rule = {
  code: 'console-serial-not-first',
  libvirt: 'virDomainDefParseXML (src/conf/domain_conf.c)',
  stage: 'define',
  driver: 'any',
  libvirtMessages: ['Only the first console can be a serial port'],
  help:
    "A console with `<target type='serial'>` is another view of the first serial port, and only the first `<console>` can be one. " +
    'Make the other consoles virtio ones, or drop them.',
  docsAnchor: 'console',
  check(domain, report) {
    let index = 0;
    for (const chardev of chardevsOf(domain)) {
      if (chardev.kind !== 'console') continue;
      const type = chardev.target && domain.attr(chardev.target, 'type');
      if (index > 0 && type?.value.trim() === 'serial') report(type, 'Only the first `<console>` can stand for a serial port');
      index++;
    }
  },
};
