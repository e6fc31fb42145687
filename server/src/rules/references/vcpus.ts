/**
 * The vCPU count and what refers to vCPUs: `<vcpu current>`, `<vcpupin vcpu>`, and the `vcpus`
 * lists of cache and memory bandwidth tuning (src/conf/domain_conf.c).
 */
import { Words, words } from '../../messages/words';
import { evaluateSet } from '../cpuset/evaluate';
import { IdSet } from '../cpuset/idSet';
import { Rule, replaceFix } from '../rule';
import { guestVcpus } from './guestIds';

/** "1 vCPU", "4 vCPUs". */
const vcpus = (count: number): Words => words(count === 1 ? 'rules.references.vcpus.one' : 'rules.references.vcpus.other', { count });

export const vcpuCurrentRule: Rule = {
  code: 'vcpu-current-too-large',
  libvirt: 'virDomainVcpuParse (src/conf/domain_conf.c)',
  stage: 'define',
  driver: 'any',
  libvirtMessages: ['maxvcpus must not be less than current vcpus'],
  help: words('rules.help.vcpu-current-too-large'),
  docsAnchor: 'cpu-allocation',
  check(domain, report) {
    const { vcpu, count } = guestVcpus(domain);
    const current = vcpu && domain.attr(vcpu, 'current');
    const online = current && /^\s*\d+\s*$/.test(current.value) ? Number(current.value) : undefined;
    if (current && count !== undefined && online !== undefined && online > count) {
      report(current, words('rules.vcpu-current-too-large.current', { online, vcpus: vcpus(count) }));
    }
  },
};

export const vcpupinDuplicateRule: Rule = {
  code: 'vcpupin-duplicate',
  libvirt: 'virDomainVcpuPinDefParseXML (src/conf/domain_conf.c)',
  stage: 'define',
  driver: 'any',
  onlyWith: ['vcpupin'],
  libvirtMessages: ["duplicate vcpupin for vcpu '%1$d'"],
  help: words('rules.help.vcpupin-duplicate'),
  docsAnchor: 'cpu-tuning',
  check(domain, report) {
    const first = new Map<number, { from: number; to: number }>();
    for (const pin of guestVcpus(domain).pins) {
      const earlier = first.get(pin.vcpu);
      if (earlier) {
        report(pin.attr, words('rules.vcpupin-duplicate.twice', { vcpu: pin.vcpu }), {
          related: [{ ...earlier, message: words('rules.vcpupin-duplicate.first', { vcpu: pin.vcpu }) }],
        });
      } else first.set(pin.vcpu, pin.attr);
    }
  },
};

export const vcpupinOutOfRangeRule: Rule = {
  code: 'vcpupin-vcpu-out-of-range',
  libvirt: 'virDomainVcpuPinDefParseXML (src/conf/domain_conf.c)',
  stage: 'accepted',
  driver: 'any',
  onlyWith: ['vcpupin'],
  libvirtMessages: [],
  help: words('rules.help.vcpupin-vcpu-out-of-range'),
  docsAnchor: 'cpu-tuning',
  check(domain, report) {
    const { count, pins } = guestVcpus(domain);
    if (count === undefined) return;
    const seen = new Set<number>();
    for (const pin of pins) {
      if (seen.has(pin.vcpu)) continue;
      seen.add(pin.vcpu);
      if (pin.vcpu >= count) report(pin.attr, words('rules.vcpupin-vcpu-out-of-range.ignored', { vcpus: vcpus(count), last: count - 1, vcpu: pin.vcpu }));
    }
  },
};

export const vcpusBeyondCountRule: Rule = {
  code: 'vcpus-beyond-count',
  libvirt: 'virDomainCachetuneDefParse, virDomainMemorytuneDefParse (src/conf/domain_conf.c)',
  stage: 'accepted',
  driver: 'any',
  onlyWith: ['cachetune', 'memorytune'],
  libvirtMessages: [],
  help: words('rules.help.vcpus-beyond-count'),
  docsAnchor: 'cpu-tuning',
  check(domain, report) {
    const { count } = guestVcpus(domain);
    if (count === undefined) return;
    for (const name of ['cachetune', 'memorytune']) {
      for (const tune of domain.at(['cputune', name])) {
        const attr = domain.attr(tune, 'vcpus');
        const set = attr && evaluateSet(attr.value);
        if (!attr || !set) continue;
        const kept = set.intersect(IdSet.of([[0, count - 1]]));
        if (kept.count === set.count) continue;
        const fixes = kept.isEmpty ? undefined : [replaceFix(attr, kept.format(), words('rules.vcpus-beyond-count.keep', { ids: kept.format() }), true)];
        report(attr, words('rules.vcpus-beyond-count.dropped', { vcpus: vcpus(count), dropped: set.subtract(kept).format(), name }), { fixes });
      }
    }
  },
};
