/**
 * vCPU counts against the CPU topology and the machine, as the QEMU driver validates them
 * (qemuValidateDomainVCpuTopology, src/qemu/qemu_validate.c):
 * - sockets * dies * clusters * cores * threads must equal the maximum vCPU count;
 * - on pSeries, vCPUs are plugged a core at a time, so the vCPUs online at boot must be a
 *   multiple of `threads` (qemuValidateDefGetVcpuHotplugGranularity);
 * - on x86, more than 255 vCPUs need a q35 machine and an `<iommu>` with `eim='on'`.
 */
import { decimalNumber } from '../domain';
import { domainMachineFamily, effectiveArch, isArchIn } from '../machines';
import { Rule } from '../rule';
import { plural, topologyFacts, vcpuFacts } from './facts';

export const topologyMismatchRule: Rule = {
  code: 'vcpu-topology-mismatch',
  libvirt: 'qemuValidateDomainVCpuTopology (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: ["CPU topology doesn't match maximum vcpu count"],
  help:
    'QEMU builds the guest from the `<cpu><topology>`: sockets × dies × clusters × cores × threads must give exactly the maximum vCPU count of `<vcpu>`. ' +
    'Change the topology or the `<vcpu>` count so that they agree (use `current` on `<vcpu>` to start with fewer vCPUs online).',
  docsAnchor: 'cpu-model-and-topology',
  check(domain, report) {
    const topology = topologyFacts(domain);
    const { max, maxSpan } = vcpuFacts(domain);
    if (!topology || max === undefined || topology.total === max) return;
    const factors = [topology.sockets, topology.dies, topology.clusters, topology.cores, topology.threads].join(' × ');
    report(domain.nameSpan(topology.el), `The topology gives ${plural(topology.total, 'vCPU')} (${factors}) but \`<vcpu>\` is ${max}`, maxSpan ? { related: [{ ...maxSpan, message: 'The maximum vCPU count' }] } : undefined);
  },
};

export const hotplugGranularityRule: Rule = {
  code: 'vcpu-hotplug-granularity',
  libvirt: 'qemuValidateDomainVCpuTopology (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: ['vCPUs count must be a multiple of the vCPU hotplug granularity (%1$u)'],
  help:
    'pSeries guests plug vCPUs one whole core at a time, so with a `<cpu><topology>` the number of vCPUs online at boot (`<vcpu current>`, else the `<vcpu>` count) ' +
    'must be a multiple of `threads`. Round `current` to a multiple of the threads per core.',
  docsAnchor: 'cpu-allocation',
  check(domain, report) {
    const topology = topologyFacts(domain);
    const { current, currentSpan, hasVcpuList } = vcpuFacts(domain);
    if (!topology || current === undefined || !currentSpan || hasVcpuList || domainMachineFamily(domain) !== 'pseries') return;
    if (current % topology.threads === 0) return;
    const threads = domain.attr(topology.el, 'threads');
    report(currentSpan, `${plural(current, 'vCPU')} online is not a multiple of the ${topology.threads} threads per core pSeries plugs at a time`, threads ? { related: [{ ...threads, message: 'Threads per core' }] } : undefined);
  },
};

/** QEMU_MAX_VCPUS_WITHOUT_EIM (src/qemu/qemu_domain.h). */
const MAX_VCPUS_WITHOUT_EIM = 255;

export const manyVcpusRule: Rule = {
  code: 'vcpu-over-255-needs-q35-eim',
  libvirt: 'qemuValidateDomainVCpuTopology (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: ['more than %1$d vCPUs are only supported on q35-based machine types', 'more than %1$d vCPUs require extended interrupt mode enabled on the iommu device'],
  help:
    'An x86 guest addresses at most 255 CPUs through its APIC unless interrupt remapping with extended interrupt mode is on. ' +
    "More than 255 vCPUs therefore need a q35 machine and an `<iommu model='intel'>` with `<driver intremap='on' eim='on'/>`.",
  docsAnchor: 'cpu-allocation',
  check(domain, report) {
    const { max, maxSpan } = vcpuFacts(domain);
    if (max === undefined || max <= MAX_VCPUS_WITHOUT_EIM || !maxSpan || !isArchIn(effectiveArch(domain), 'x86')) return;
    const family = domainMachineFamily(domain);
    if (family === undefined) return;
    if (family !== 'q35') {
      report(maxSpan, `${max} vCPUs are more than the ${MAX_VCPUS_WITHOUT_EIM} a non-q35 machine supports`);
      return;
    }
    const iommu = domain.devices.find((d) => d.element.name === 'iommu');
    const driver = iommu && domain.child(iommu, 'driver');
    if (domain.value(driver, 'eim') === 'on') return;
    report(maxSpan, `${max} vCPUs are more than ${MAX_VCPUS_WITHOUT_EIM}: an \`<iommu>\` with \`eim='on'\` is needed`);
  },
};

export const vcpuListRule: Rule = {
  code: 'vcpus-list',
  libvirt: 'virDomainVcpuParse (src/conf/domain_conf.c), virDomainVcpuDefPostParse (src/conf/domain_postparse.c)',
  stage: 'define',
  driver: 'any',
  libvirtMessages: ["vcpu id '%1$u' is out of range of maximum vcpu count", "vcpu '%1$zu' is both offline and not hotpluggable"],
  help:
    '`<vcpus>` describes the vCPUs one by one: each `id` must be below the `<vcpu>` count, and a vCPU that is offline at boot (`enabled=\'no\'`) ' +
    "must be hotpluggable, or it could never be brought online.",
  docsAnchor: 'cpu-allocation',
  check(domain, report) {
    const { max } = vcpuFacts(domain);
    for (const vcpu of domain.at(['vcpus', 'vcpu'])) {
      const idAttr = domain.attr(vcpu, 'id');
      const id = idAttr && decimalNumber(idAttr.value);
      if (!idAttr || id === undefined) continue;
      if (max !== undefined && id >= max) {
        report(idAttr, `vCPU ${id} is not below the \`<vcpu>\` count of ${max}`);
        continue;
      }
      const hotpluggable = domain.attr(vcpu, 'hotpluggable');
      if (domain.value(vcpu, 'enabled') === 'no' && hotpluggable?.value.trim() === 'no') report(hotpluggable, `vCPU ${id} is offline and not hotpluggable`);
    }
  },
};
