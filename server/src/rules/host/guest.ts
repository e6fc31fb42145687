/**
 * The domain type, arch and os type the host offers: virCapabilitiesDomainSupported and
 * virCapabilitiesDomainDataLookup (src/conf/capabilities.c), which the drivers' post-parse
 * callbacks call before accepting a definition: a guest of the os type, on the arch (the host's
 * own first when the domain names none), with the domain type. The finding goes on what cannot
 * be had: the os type when the host runs none of that type, the arch when no guest of the type
 * runs on it, else the domain type.
 */
import { words } from '../../messages/words';
import { trimmedText } from '../cpu/facts';
import { HostRule } from './hostRule';
import { guestsOffering } from './facts';
import { codeList, offeredList, unique } from './common';

export const hostGuestRule: HostRule = {
  code: 'host-guest-unsupported',
  libvirt: 'virCapabilitiesDomainDataLookup (src/conf/capabilities.c)',
  stage: 'define',
  driver: 'any',
  needs: 'capabilities',
  libvirtMessages: ['could not find capabilities for %1$s'],
  help: words('host.help.host-guest-unsupported'),
  docsAnchor: 'operating-system-booting',
  check(domain, host, report) {
    const osType = domain.osType;
    const virtType = domain.virtType;
    if (!osType || !virtType || host.match) return;
    const caps = host.capabilities;
    const ofType = guestsOffering(caps, osType, undefined, undefined);
    if (ofType.length === 0) {
      const type = domain.first(['os', 'type']);
      const offered = unique(caps.guests.map((guest) => guest.osType));
      if (type && offered.length > 0) report(trimmedText(domain, type), words('host.guest.osType', { host: host.label, osType, offered: codeList(offered) }));
      return;
    }
    const typeAttr = domain.attr(domain.root, 'type');
    if (domain.arch) {
      const onArch = guestsOffering(caps, osType, domain.arch, undefined);
      if (onArch.length === 0) {
        const osTypeEl = domain.first(['os', 'type']);
        const archAttr = osTypeEl && domain.attr(osTypeEl, 'arch');
        const arches = unique(ofType.map((match) => match.guest.arch));
        if (archAttr) report(archAttr, words('host.guest.arch', { host: host.label, osType, arch: domain.arch, arches: offeredList(arches) }));
        return;
      }
      const types = unique(onArch.map((match) => match.domain.type));
      if (typeAttr) report(typeAttr, words('host.guest.virtTypeOnArch', { host: host.label, virtType, arch: domain.arch, offered: codeList(types) }));
      return;
    }
    // Each domain type with the arches it runs on: `qemu` on i686 and x86_64.
    const byType = new Map<string, string[]>();
    for (const match of ofType) byType.set(match.domain.type, unique([...(byType.get(match.domain.type) ?? []), match.guest.arch]));
    const offered = [...byType].map(([type, arches]) => words('host.offer', { type, arches: offeredList(arches) }));
    if (typeAttr) report(typeAttr, words('host.guest.virtType', { host: host.label, virtType, offered: offeredList(offered) }));
  },
};
