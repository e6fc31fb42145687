/**
 * `<cputune><vcpusched vcpus>` and `<iothreadsched iothreads>` (virDomainThreadSchedParseHelper,
 * src/conf/domain_conf.c): every id must name a vCPU below the `<vcpu>` count
 * (virDomainDefGetVcpuSched) or an IOThread the domain defines (virDomainDefGetIOThreadSched),
 * and no thread may get a scheduler from two elements.
 */
import { evaluateSet } from '../cpuset/evaluate';
import { IdSet } from '../cpuset/idSet';
import { AttrValue, Domain, decimalNumber } from '../domain';
import { Rule, replaceFix } from '../rule';
import { trimmedText, vcpuFacts } from './facts';

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
  libvirtMessages: ["'%1$s' attributes '%2$s' must not overlap"],
  help:
    'Each vCPU (or IOThread) gets its scheduler from one `<vcpusched>` (or `<iothreadsched>`): libvirt refuses a thread named by two of them. ' +
    'Split the ranges so that no id appears twice.',
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
          report(set.attr, `\`${set.attr.value}\` repeats ${attribute === 'vcpus' ? 'vCPU' : 'IOThread'} ${shared} of an earlier \`<${element}>\``, {
            related: [{ ...earlier.attr, message: `The earlier \`<${element}>\`` }],
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
  libvirtMessages: ["vCPU '%1$u' is not present in domain definition", "Cannot find 'iothread' : %1$u"],
  help:
    '`<vcpusched vcpus>` may only name vCPUs below the `<vcpu>` count, and `<iothreadsched iothreads>` only IOThreads the domain defines ' +
    '(`<iothreadids>`, or 1 to the `<iothreads>` count). Remove the ids that do not exist, or add the vCPUs/IOThreads.',
  docsAnchor: 'cpu-tuning',
  check(domain, report) {
    const { max } = vcpuFacts(domain);
    if (max !== undefined) {
      for (const set of schedSets(domain, 'vcpusched', 'vcpus')) {
        const beyond = set.ids.subtract(max > 0 ? IdSet.of([[0, max - 1]]) : new IdSet());
        if (beyond.isEmpty) continue;
        const kept = set.ids.subtract(beyond);
        report(set.attr, `The domain has ${max} vCPU${max === 1 ? '' : 's'}: vCPU ${beyond.format()} does not exist`, kept.isEmpty ? undefined : { fixes: [replaceFix(set.attr, kept.format(), `Keep vCPUs ${kept.format()}`)] });
      }
    }
    const threads = ioThreadIds(domain);
    if (!threads) return;
    for (const set of schedSets(domain, 'iothreadsched', 'iothreads')) {
      const unknown = set.ids.subtract(threads);
      if (unknown.isEmpty) continue;
      const kept = set.ids.subtract(unknown);
      report(set.attr, `There is no IOThread ${unknown.format()}: ${threads.isEmpty ? 'the domain defines none' : `the domain defines ${threads.format()}`}`, kept.isEmpty ? undefined : { fixes: [replaceFix(set.attr, kept.format(), `Keep IOThreads ${kept.format()}`)] });
    }
  },
};
