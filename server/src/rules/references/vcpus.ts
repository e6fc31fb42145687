/**
 * The vCPU count and what refers to vCPUs: `<vcpu current>`, `<vcpupin vcpu>`, and the `vcpus`
 * lists of cache and memory bandwidth tuning (src/conf/domain_conf.c).
 */
import { evaluateSet } from '../cpuset/evaluate';
import { IdSet } from '../cpuset/idSet';
import { Rule } from '../rule';
import { guestVcpus } from './guestIds';

const plural = (n: number) => `${n} vCPU${n === 1 ? '' : 's'}`;

export const vcpuCurrentRule: Rule = {
  code: 'vcpu-current-too-large',
  libvirt: 'virDomainVcpuParse (src/conf/domain_conf.c)',
  stage: 'define',
  driver: 'any',
  libvirtMessages: ['maxvcpus must not be less than current vcpus'],
  help:
    "`<vcpu>` holds the most vCPUs the guest can have; `current` says how many of them are online at boot. " +
    'libvirt refuses a `current` above the maximum: lower `current`, or raise the `<vcpu>` count.',
  docsAnchor: 'cpu-allocation',
  check(domain, report) {
    const { vcpu, count } = guestVcpus(domain);
    const current = vcpu && domain.attr(vcpu, 'current');
    const online = current && /^\s*\d+\s*$/.test(current.value) ? Number(current.value) : undefined;
    if (current && count !== undefined && online !== undefined && online > count) {
      report(current, `\`current\` is ${online}, more than the ${plural(count)} \`<vcpu>\` allows`);
    }
  },
};

export const vcpupinDuplicateRule: Rule = {
  code: 'vcpupin-duplicate',
  libvirt: 'virDomainVcpuPinDefParseXML (src/conf/domain_conf.c)',
  stage: 'define',
  driver: 'any',
  libvirtMessages: ["duplicate vcpupin for vcpu '%1$d'"],
  help: 'Each vCPU takes at most one `<vcpupin>`. Merge the CPU lists of the two pins into one, or correct the `vcpu` of one of them.',
  docsAnchor: 'cpu-tuning',
  check(domain, report) {
    const first = new Map<number, { from: number; to: number }>();
    for (const pin of guestVcpus(domain).pins) {
      const earlier = first.get(pin.vcpu);
      if (earlier) report(pin.attr, `vCPU ${pin.vcpu} is pinned twice`, { related: [{ ...earlier, message: `The first \`<vcpupin>\` of vCPU ${pin.vcpu}` }] });
      else first.set(pin.vcpu, pin.attr);
    }
  },
};

export const vcpupinOutOfRangeRule: Rule = {
  code: 'vcpupin-vcpu-out-of-range',
  libvirt: 'virDomainVcpuPinDefParseXML (src/conf/domain_conf.c)',
  stage: 'accepted',
  driver: 'any',
  libvirtMessages: [],
  help: 'vCPUs are numbered from 0 up to one below the `<vcpu>` count. A pin for a vCPU beyond them is dropped without a word when libvirt reads the domain.',
  docsAnchor: 'cpu-tuning',
  check(domain, report) {
    const { count, pins } = guestVcpus(domain);
    if (count === undefined) return;
    const seen = new Set<number>();
    for (const pin of pins) {
      if (seen.has(pin.vcpu)) continue;
      seen.add(pin.vcpu);
      if (pin.vcpu >= count) report(pin.attr, `The domain has ${plural(count)} (0-${count - 1}): libvirt ignores this pin for vCPU ${pin.vcpu}`);
    }
  },
};

export const vcpusBeyondCountRule: Rule = {
  code: 'vcpus-beyond-count',
  libvirt: 'virDomainCachetuneDefParse, virDomainMemorytuneDefParse (src/conf/domain_conf.c)',
  stage: 'accepted',
  driver: 'any',
  libvirtMessages: [],
  help: 'The `vcpus` of `<cachetune>` and `<memorytune>` name vCPUs by id; ids at or above the `<vcpu>` count do not exist, and libvirt drops them from the list.',
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
        const fixes = kept.isEmpty ? undefined : [{ title: `Keep vCPUs ${kept.format()}`, start: attr.from, end: attr.to, newText: kept.format(), safe: true }];
        report(attr, `The domain has ${plural(count)}: libvirt drops vCPUs ${set.subtract(kept).format()} from this \`<${name}>\``, { fixes });
      }
    }
  },
};
