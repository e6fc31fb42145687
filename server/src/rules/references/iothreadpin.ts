/** `<iothreadpin iothread>` must name an IOThread the domain defines (src/conf/domain_conf.c). */
import { words } from '../../messages/words';
import { decimalNumber } from '../domain';
import { Rule } from '../rule';
import { definedIOThreads } from './guestIds';

export const iothreadpinUnknownRule: Rule = {
  code: 'iothreadpin-unknown-iothread',
  libvirt: 'virDomainIothreadPinDefParseXML (src/conf/domain_conf.c)',
  stage: 'define',
  driver: 'any',
  onlyWith: ['iothreadpin'],
  libvirtMessages: ["Cannot find 'iothread' : %1$u"],
  help: words('rules.help.iothreadpin-unknown-iothread'),
  docsAnchor: 'iothreads-allocation',
  check(domain, report) {
    const iothreads = definedIOThreads(domain);
    if (!iothreads) return;
    for (const pin of domain.at(['cputune', 'iothreadpin'])) {
      const attr = domain.attr(pin, 'iothread');
      const id = decimalNumber(attr?.value);
      if (!attr || id === undefined || iothreads.has(id)) continue;
      report(attr, iothreads.isEmpty ? words('rules.iothreadpin-unknown-iothread.none', { id }) : words('rules.iothreadpin-unknown-iothread.some', { id, ids: iothreads.format() }));
    }
  },
};
