/**
 * `<cputune><vcpusched vcpus>` and `<iothreadsched iothreads>` (virDomainThreadSchedParseHelper,
 * src/conf/domain_conf.c): every id must name a vCPU below the `<vcpu>` count
 * (virDomainDefGetVcpuSched) or an IOThread the domain defines (virDomainDefGetIOThreadSched),
 * and no thread may get a scheduler from two elements.
 */
import { evaluateSet } from '../cpuset/evaluate';
import { IdSet } from '../cpuset/idSet';
import { words } from '../../messages/words';
import { AttrValue, Domain, decimalNumber } from '../domain';
import { Rule, replaceFix } from '../rule';
import { trimmedText, vcpuFacts } from './facts';
import { titled } from '../rule';

interface SchedSet {
  attr: AttrValue;
  ids: IdSet;
}

function schedSets(domain: Domain, element: string, attribute: string): SchedSet[] {
  const sets: SchedSet[] = [];
  for (const el of domain.at(['cputune', element])) {
    const attr = domain.attr(el, attribute);
    const ids = attr && evaluateSet(attr.value);
    if (attr && ids) sets.push({ attr, ids });
  }
  return sets;
}

/**
 * The IOThread ids libvirt ends up with (virDomainIOThreadIDDefArrayInit): the `<iothreadids>`,
 * topped up to the `<iothreads>` count with the lowest unused ids from 1.
 */
export function ioThreadIds(domain: Domain): IdSet | undefined {
  const ids = new IdSet();
  for (const thread of domain.at(['iothreadids', 'iothread'])) {
    const id = decimalNumber(domain.value(thread, 'id'));
    if (id === undefined) return undefined;
    ids.add(id, id);
  }
  const countEl = domain.child(domain.root, 'iothreads');
  if (countEl) {
    const count = decimalNumber(trimmedText(domain, countEl).value);
    if (count === undefined) return undefined;
    for (let next = 1; ids.count < count; next++) if (!ids.has(next)) ids.add(next, next);
  }
  return ids;
}

export const threadSchedOverlapRule: Rule = {
  code: 'thread-sched-overlap',
  libvirt: 'virDomainThreadSchedParseHelper (src/conf/domain_conf.c)',
  stage: 'define',
  driver: 'any',
  onlyWith: ['vcpusched', 'iothreadsched'],
  libvirtMessages: ["'%1$s' attributes '%2$s' must not overlap"],
  help: words('rules.help.thread-sched-overlap'),
  docsAnchor: 'cpu-tuning',
  check(domain, report) {
    for (const [element, attribute] of [
      ['vcpusched', 'vcpus'],
      ['iothreadsched', 'iothreads'],
    ] as const) {
      const seen: SchedSet[] = [];
      const union = new IdSet();
      for (const set of schedSets(domain, element, attribute)) {
        // The union first: thousands of vcpusched stay linear unless they do overlap.
        const earlier = union.intersect(set.ids).isEmpty ? undefined : seen.find((other) => !other.ids.intersect(set.ids).isEmpty);
        for (const [first, last] of set.ids.ranges()) union.add(first, last);
        if (earlier) {
          const shared = earlier.ids.intersect(set.ids).format();
          report(set.attr, words('rules.thread-sched-overlap.repeats', { value: set.attr.value, thread: attribute === 'vcpus' ? 'vCPU' : 'IOThread', ids: shared, element }), {
            related: [{ ...earlier.attr, message: words('rules.thread-sched-overlap.earlier', { element }) }],
          });
        }
        seen.push(set);
      }
    }
  },
};

export const threadSchedUnknownRule: Rule = {
  code: 'thread-sched-unknown-thread',
  libvirt: 'virDomainDefGetVcpuSched, virDomainDefGetIOThreadSched (src/conf/domain_conf.c)',
  stage: 'define',
  driver: 'any',
  onlyWith: ['vcpusched', 'iothreadsched'],
  libvirtMessages: ["vCPU '%1$u' is not present in domain definition", "Cannot find 'iothread' : %1$u"],
  help: words('rules.help.thread-sched-unknown-thread'),
  docsAnchor: 'cpu-tuning',
  check(domain, report) {
    const { max } = vcpuFacts(domain);
    if (max !== undefined) {
      for (const set of schedSets(domain, 'vcpusched', 'vcpus')) {
        const beyond = set.ids.subtract(max > 0 ? IdSet.of([[0, max - 1]]) : new IdSet());
        if (beyond.isEmpty) continue;
        const kept = set.ids.subtract(beyond);
        const fixes = kept.isEmpty ? undefined : { fixes: [titled(replaceFix(set.attr, kept.format(), ''), words('rules.thread-sched-unknown-thread.fix.keepVcpus', { vcpus: kept.format() }))] };
        report(set.attr, words(max === 1 ? 'rules.thread-sched-unknown-thread.vcpus.one' : 'rules.thread-sched-unknown-thread.vcpus.other', { count: max, vcpus: beyond.format() }), fixes);
      }
    }
    const threads = ioThreadIds(domain);
    if (!threads) return;
    for (const set of schedSets(domain, 'iothreadsched', 'iothreads')) {
      const unknown = set.ids.subtract(threads);
      if (unknown.isEmpty) continue;
      const kept = set.ids.subtract(unknown);
      const fixes = kept.isEmpty ? undefined : { fixes: [titled(replaceFix(set.attr, kept.format(), ''), words('rules.thread-sched-unknown-thread.fix.keepIothreads', { ids: kept.format() }))] };
      const ids = unknown.format();
      report(set.attr, threads.isEmpty ? words('rules.thread-sched-unknown-thread.noIothreads', { ids }) : words('rules.thread-sched-unknown-thread.iothreads', { ids, defined: threads.format() }), fixes);
    }
  },
};
