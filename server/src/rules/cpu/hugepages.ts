/**
 * `<memoryBacking><hugepages><page>` (virDomainDefMemtuneValidate, src/conf/domain_validate.c,
 * after virDomainDefPostParseMemtune, src/conf/domain_postparse.c): at most one page size
 * without a nodeset (the default for the rest of the memory), no guest NUMA node in two pages'
 * nodesets, and every node named must be a guest NUMA cell. Without guest NUMA a nodeset of
 * just `0` is dropped (the page becomes the default one).
 */
import { evaluateSet } from '../cpuset/evaluate';
import { IdSet } from '../cpuset/idSet';
import { Param, words } from '../../messages/words';
import { AttrValue, Domain, El } from '../domain';
import { Rule } from '../rule';
import { memoryKiB, numaFacts } from './facts';

interface Page {
  el: El;
  size: bigint | undefined;
  sizeAttr: AttrValue | undefined;
  nodeset: IdSet | undefined;
  nodesetAttr: AttrValue | undefined;
}

function pagesOf(domain: Domain): Page[] | undefined {
  const nodes = numaFacts(domain).cells.length;
  const pages: Page[] = [];
  for (const el of domain.at(['memoryBacking', 'hugepages', 'page'])) {
    const sizeAttr = domain.attr(el, 'size');
    const nodesetAttr = domain.attr(el, 'nodeset');
    let nodeset = nodesetAttr ? evaluateSet(nodesetAttr.value) : undefined;
    // A nodeset libvirt cannot read is the set checks' finding; this rule then says nothing.
    if (nodesetAttr && !nodeset) return undefined;
    if (nodes === 0 && nodeset && nodeset.count === 1 && nodeset.has(0)) nodeset = undefined;
    pages.push({ el, size: sizeAttr ? memoryKiB(sizeAttr.value, domain.value(el, 'unit')) : undefined, sizeAttr, nodeset, nodesetAttr });
  }
  return pages;
}

const sizeText = (page: Page): Param => (page.size === undefined ? words('rules.hugepages-nodeset.unknownSize') : String(page.size));

export const hugepagesRule: Rule = {
  code: 'hugepages-nodeset',
  libvirt: 'virDomainDefMemtuneValidate (src/conf/domain_validate.c)',
  stage: 'define',
  driver: 'any',
  onlyWith: ['page'],
  libvirtMessages: ['hugepages: node %1$zd not found', 'nodeset attribute of hugepages of sizes %1$llu and %2$llu intersect', 'two master hugepages detected: %1$llu and %2$llu'],
  help: words('rules.help.hugepages-nodeset'),
  docsAnchor: 'memory-backing',
  check(domain, report) {
    const pages = pagesOf(domain);
    if (!pages) return;
    const cells = numaFacts(domain).cells.length;
    for (let i = 0; i < pages.length; i++) {
      const page = pages[i];
      let reported = false;
      for (let j = 0; j < i && !reported; j++) {
        const other = pages[j];
        if (page.nodeset && other.nodeset && !page.nodeset.intersect(other.nodeset).isEmpty) {
          report(page.nodesetAttr!, words('rules.hugepages-nodeset.nodeTwice', { nodes: page.nodeset.intersect(other.nodeset).format(), size: sizeText(other) }), {
            related: [{ ...other.nodesetAttr!, message: words('rules.hugepages-nodeset.otherNodeset') }],
          });
          reported = true;
        } else if (!page.nodeset && !other.nodeset) {
          report(page.nodesetAttr ?? domain.nameSpan(page.el), words('rules.hugepages-nodeset.secondDefault', { size: sizeText(page), first: sizeText(other) }), {
            related: [{ ...(other.nodesetAttr ?? domain.nameSpan(other.el)), message: words('rules.hugepages-nodeset.firstDefault') }],
          });
          reported = true;
        }
      }
      if (reported || !page.nodeset) continue;
      const missing = page.nodeset.subtract(cells > 0 ? IdSet.of([[0, cells - 1]]) : new IdSet());
      if (!missing.isEmpty) {
        const nodes = missing.format();
        report(page.nodesetAttr!, cells === 0 ? words('rules.hugepages-nodeset.noCells', { nodes }) : words('rules.hugepages-nodeset.cells', { nodes, last: cells - 1 }));
      }
    }
  },
};

export const hugepagesBackingRule: Rule = {
  code: 'hugepages-backing',
  libvirt: 'qemuValidateDomainDefMemory (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: ['hugepages'],
  libvirtMessages: ['hugepages are not allowed with memory allocation ondemand', 'hugepages are not allowed with anonymous memory source'],
  help: words('rules.help.hugepages-backing'),
  docsAnchor: 'memory-backing',
  check(domain, report) {
    const backing = domain.child(domain.root, 'memoryBacking');
    const hugepages = backing && domain.child(backing, 'hugepages');
    if (!backing || !hugepages) return;
    const related = [{ ...domain.nameSpan(hugepages), message: words('rules.hugepages-backing.hugepages') }];
    const allocation = domain.attr(domain.child(backing, 'allocation') ?? hugepages, 'mode');
    if (domain.child(backing, 'allocation') && allocation?.value.trim() === 'ondemand') {
      report(allocation, words('rules.hugepages-backing.ondemand'), { related });
      return;
    }
    const source = domain.child(backing, 'source');
    const type = source && domain.attr(source, 'type');
    if (type?.value.trim() === 'anonymous') report(type, words('rules.hugepages-backing.anonymous'), { related });
  },
};
