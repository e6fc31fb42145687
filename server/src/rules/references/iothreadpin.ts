/** `<iothreadpin iothread>` must name an IOThread the domain defines (src/conf/domain_conf.c). */
import { decimalNumber } from '../domain';
import { Rule } from '../rule';
import { definedIOThreads } from './guestIds';

export const iothreadpinUnknownRule: Rule = {
  code: 'iothreadpin-unknown-iothread',
  libvirt: 'virDomainIothreadPinDefParseXML (src/conf/domain_conf.c)',
  stage: 'define',
  driver: 'any',
  libvirtMessages: ["Cannot find 'iothread' : %1$u"],
  help:
    'IOThreads are defined by `<iothreads>N</iothreads>` (ids 1 to N) or listed one by one in `<iothreadids>`. ' +
    'An `<iothreadpin>` for any other id has nothing to pin: define the IOThread, or correct the id.',
  docsAnchor: 'iothreads-allocation',
  check(domain, report) {
    const iothreads = definedIOThreads(domain);
    if (!iothreads) return;
    for (const pin of domain.at(['cputune', 'iothreadpin'])) {
      const attr = domain.attr(pin, 'iothread');
      const id = decimalNumber(attr?.value);
      if (!attr || id === undefined || iothreads.has(id)) continue;
      report(attr, `There is no IOThread ${id}: ${iothreads.isEmpty ? 'the domain defines none' : `the domain defines ${iothreads.format()}`} (\`<iothreads>\`, \`<iothreadids>\`)`);
    }
  },
};
