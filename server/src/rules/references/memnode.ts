/** `<numatune><memnode cellid>` must name a guest NUMA cell, once (virDomainNumatuneParseXML, src/conf/numa_conf.c). */
import { Span, decimalNumber } from '../domain';
import { Rule } from '../rule';
import { numaCellIds } from './guestIds';

export const memnodeUnknownCellRule: Rule = {
  code: 'memnode-unknown-cell',
  libvirt: 'virDomainNumatuneNodeParseXML (src/conf/numa_conf.c)',
  stage: 'define',
  driver: 'any',
  libvirtMessages: ["Argument 'cellid' in memnode element must correspond to existing guest's NUMA cell"],
  help:
    "`<memnode>` binds the memory of one guest NUMA cell, named by `cellid`, to host nodes. The cells are the `<cell id>` of `<cpu><numa>`: " +
    'define that cell, or correct `cellid`.',
  docsAnchor: 'numa-node-tuning',
  check(domain, report) {
    const cells = numaCellIds(domain);
    for (const memnode of domain.at(['numatune', 'memnode'])) {
      const attr = domain.attr(memnode, 'cellid');
      const id = decimalNumber(attr?.value);
      if (!attr || id === undefined || cells.has(id)) continue;
      report(attr, `There is no guest NUMA cell ${id}: ${cells.isEmpty ? 'the domain has no `<cpu><numa>` cells' : `its cells are ${cells.format()}`}`);
    }
  },
};

export const memnodeDuplicateRule: Rule = {
  code: 'memnode-duplicate',
  libvirt: 'virDomainNumatuneNodeParseXML (src/conf/numa_conf.c)',
  stage: 'define',
  driver: 'any',
  libvirtMessages: ['Multiple memnode elements with cellid %1$u'],
  help: 'Each guest NUMA cell takes at most one `<memnode>`: merge the two into one, or correct the `cellid` of one of them.',
  docsAnchor: 'numa-node-tuning',
  check(domain, report) {
    const cells = numaCellIds(domain);
    const first = new Map<number, Span>();
    for (const memnode of domain.at(['numatune', 'memnode'])) {
      const attr = domain.attr(memnode, 'cellid');
      const id = decimalNumber(attr?.value);
      if (!attr || id === undefined || !cells.has(id)) continue;
      const earlier = first.get(id);
      if (earlier) report(attr, `Guest NUMA cell ${id} has a second \`<memnode>\``, { related: [{ ...earlier, message: `The first \`<memnode>\` of cell ${id}` }] });
      else first.set(id, attr);
    }
  },
};
