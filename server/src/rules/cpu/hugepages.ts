/**
 * `<memoryBacking><hugepages><page>` (virDomainDefMemtuneValidate, src/conf/domain_validate.c,
 * after virDomainDefPostParseMemtune, src/conf/domain_postparse.c): at most one page size
 * without a nodeset (the default for the rest of the memory), no guest NUMA node in two pages'
 * nodesets, and every node named must be a guest NUMA cell. Without guest NUMA a nodeset of
 * just `0` is dropped (the page becomes the default one).
 */
import { evaluateSet } from '../cpuset/evaluate';
import { IdSet } from '../cpuset/idSet';
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

const sizeText = (page: Page) => (page.size === undefined ? 'unknown' : String(page.size));

export const hugepagesRule: Rule = {
  code: 'hugepages-nodeset',
  libvirt: 'virDomainDefMemtuneValidate (src/conf/domain_validate.c)',
  stage: 'define',
  driver: 'any',
  libvirtMessages: ['hugepages: node %1$zd not found', 'nodeset attribute of hugepages of sizes %1$llu and %2$llu intersect', 'two master hugepages detected: %1$llu and %2$llu'],
  help:
    'Each `<hugepages><page>` backs the guest NUMA cells named in its `nodeset` (guest cell ids from `<cpu><numa>`, not host nodes); one page may leave `nodeset` out and backs the rest. ' +
    'So the nodesets must name existing cells, no cell may be in two nodesets, and only one page may go without a nodeset.',
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
          report(page.nodesetAttr!, `Node ${page.nodeset.intersect(other.nodeset).format()} is already in the nodeset of the ${sizeText(other)} KiB pages`, {
            related: [{ ...other.nodesetAttr!, message: 'The other nodeset' }],
          });
          reported = true;
        } else if (!page.nodeset && !other.nodeset) {
          report(page.nodesetAttr ?? domain.nameSpan(page.el), `A second page size without a nodeset (${sizeText(page)} KiB after ${sizeText(other)} KiB): only one can back the memory no nodeset names`, {
            related: [{ ...(other.nodesetAttr ?? domain.nameSpan(other.el)), message: 'The first page size without a nodeset' }],
          });
          reported = true;
        }
      }
      if (reported || !page.nodeset) continue;
      const missing = page.nodeset.subtract(cells > 0 ? IdSet.of([[0, cells - 1]]) : new IdSet());
      if (!missing.isEmpty) {
        report(page.nodesetAttr!, cells === 0 ? `Guest NUMA node ${missing.format()} does not exist: the domain has no \`<cpu><numa>\` cells` : `Guest NUMA node ${missing.format()} does not exist: the cells are 0-${cells - 1}`);
      }
    }
  },
};

export const hugepagesBackingRule: Rule = {
  code: 'hugepages-backing',
  libvirt: 'qemuValidateDomainDefMemory (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: ['hugepages are not allowed with memory allocation ondemand', 'hugepages are not allowed with anonymous memory source'],
  help:
    'Hugepages are preallocated from a hugetlbfs pool, so they cannot be combined with on-demand allocation (`<allocation mode=\'ondemand\'>`) ' +
    "nor with anonymous memory (`<source type='anonymous'>`). Use `memfd` or `file` as the source with hugepages, or drop `<hugepages>`.",
  docsAnchor: 'memory-backing',
  check(domain, report) {
    const backing = domain.child(domain.root, 'memoryBacking');
    const hugepages = backing && domain.child(backing, 'hugepages');
    if (!backing || !hugepages) return;
    const related = [{ ...domain.nameSpan(hugepages), message: 'The hugepages' }];
    const allocation = domain.attr(domain.child(backing, 'allocation') ?? hugepages, 'mode');
    if (domain.child(backing, 'allocation') && allocation?.value.trim() === 'ondemand') {
      report(allocation, 'On-demand allocation cannot use hugepages', { related });
      return;
    }
    const source = domain.child(backing, 'source');
    const type = source && domain.attr(source, 'type');
    if (type?.value.trim() === 'anonymous') report(type, 'Anonymous memory cannot use hugepages', { related });
  },
};
