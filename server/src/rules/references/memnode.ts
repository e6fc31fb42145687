/** `<numatune><memnode cellid>` must name a guest NUMA cell, once (virDomainNumatuneParseXML, src/conf/numa_conf.c). */
import { words } from '../../messages/words';
import { Span, decimalNumber } from '../domain';
import { Rule } from '../rule';
import { numaCellIds } from './guestIds';

export const memnodeUnknownCellRule: Rule = {
  code: 'memnode-unknown-cell',
  libvirt: 'virDomainNumatuneNodeParseXML (src/conf/numa_conf.c)',
  stage: 'define',
  driver: 'any',
  onlyWith: ['memnode'],
  libvirtMessages: ["Argument 'cellid' in memnode element must correspond to existing guest's NUMA cell"],
  help: words('rules.help.memnode-unknown-cell'),
  docsAnchor: 'numa-node-tuning',
  check(domain, report) {
    const cells = numaCellIds(domain);
    for (const memnode of domain.at(['numatune', 'memnode'])) {
      const attr = domain.attr(memnode, 'cellid');
      const id = decimalNumber(attr?.value);
      if (!attr || id === undefined || cells.has(id)) continue;
      report(attr, cells.isEmpty ? words('rules.memnode-unknown-cell.none', { id }) : words('rules.memnode-unknown-cell.some', { id, ids: cells.format() }));
    }
  },
};

export const memnodeDuplicateRule: Rule = {
  code: 'memnode-duplicate',
  libvirt: 'virDomainNumatuneNodeParseXML (src/conf/numa_conf.c)',
  stage: 'define',
  driver: 'any',
  onlyWith: ['memnode'],
  libvirtMessages: ['Multiple memnode elements with cellid %1$u'],
  help: words('rules.help.memnode-duplicate'),
  docsAnchor: 'numa-node-tuning',
  check(domain, report) {
    const cells = numaCellIds(domain);
    const first = new Map<number, Span>();
    for (const memnode of domain.at(['numatune', 'memnode'])) {
      const attr = domain.attr(memnode, 'cellid');
      const id = decimalNumber(attr?.value);
      if (!attr || id === undefined || !cells.has(id)) continue;
      const earlier = first.get(id);
      if (earlier) report(attr, words('rules.memnode-duplicate.second', { id }), { related: [{ ...earlier, message: words('rules.memnode-duplicate.first', { id }) }] });
      else first.set(id, attr);
    }
  },
};
