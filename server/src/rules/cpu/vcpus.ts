/**
 * vCPU counts against the CPU topology and the machine, as the QEMU driver validates them
 * (qemuValidateDomainVCpuTopology, src/qemu/qemu_validate.c):
 * - sockets * dies * clusters * cores * threads must equal the maximum vCPU count;
 * - on pSeries, vCPUs are plugged a core at a time, so the vCPUs online at boot must be a
 *   multiple of `threads` (qemuValidateDefGetVcpuHotplugGranularity);
 * - on x86, more than 255 vCPUs need a q35 machine and an `<iommu>` with `eim='on'`.
 */
import { words } from '../../messages/words';
import { decimalNumber } from '../domain';
import { domainMachineFamily, effectiveArch, isArchIn } from '../machines';
import { Rule } from '../rule';
import { topologyFacts, vcpuFacts } from './facts';

export const topologyMismatchRule: Rule = {
  code: 'vcpu-topology-mismatch',
  libvirt: 'qemuValidateDomainVCpuTopology (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: ['topology'],
  libvirtMessages: ["CPU topology doesn't match maximum vcpu count"],
  help: words('rules.help.vcpu-topology-mismatch'),
  docsAnchor: 'cpu-model-and-topology',
  check(domain, report) {
    const topology = topologyFacts(domain);
    const { max, maxSpan } = vcpuFacts(domain);
    if (!topology || max === undefined || topology.total === max) return;
    const factors = [topology.sockets, topology.dies, topology.clusters, topology.cores, topology.threads].join(' × ');
    const related = maxSpan ? { related: [{ ...maxSpan, message: words('rules.vcpu-topology-mismatch.max') }] } : undefined;
    const total = topology.total;
    report(domain.nameSpan(topology.el), words(total === 1 ? 'rules.vcpu-topology-mismatch.mismatch.one' : 'rules.vcpu-topology-mismatch.mismatch.other', { total, factors, max }), related);
  },
};

export const hotplugGranularityRule: Rule = {
  code: 'vcpu-hotplug-granularity',
  libvirt: 'qemuValidateDomainVCpuTopology (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: ['topology'],
  libvirtMessages: ['vCPUs count must be a multiple of the vCPU hotplug granularity (%1$u)'],
  help: words('rules.help.vcpu-hotplug-granularity'),
  docsAnchor: 'cpu-allocation',
  check(domain, report) {
    const topology = topologyFacts(domain);
    const { current, currentSpan, hasVcpuList } = vcpuFacts(domain);
    if (!topology || current === undefined || !currentSpan || hasVcpuList || domainMachineFamily(domain) !== 'pseries') return;
    if (current % topology.threads === 0) return;
    const threads = domain.attr(topology.el, 'threads');
    const related = threads ? { related: [{ ...threads, message: words('rules.vcpu-hotplug-granularity.threads') }] } : undefined;
    report(currentSpan, words(current === 1 ? 'rules.vcpu-hotplug-granularity.online.one' : 'rules.vcpu-hotplug-granularity.online.other', { count: current, threads: topology.threads }), related);
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
  help: words('rules.help.vcpu-over-255-needs-q35-eim'),
  docsAnchor: 'cpu-allocation',
  check(domain, report) {
    const { max, maxSpan } = vcpuFacts(domain);
    if (max === undefined || max <= MAX_VCPUS_WITHOUT_EIM || !maxSpan || !isArchIn(effectiveArch(domain), 'x86')) return;
    const family = domainMachineFamily(domain);
    if (family === undefined) return;
    if (family !== 'q35') {
      report(maxSpan, words('rules.vcpu-over-255-needs-q35-eim.machine', { count: max, limit: MAX_VCPUS_WITHOUT_EIM }));
      return;
    }
    const iommu = domain.devices.find((d) => d.element.name === 'iommu');
    const driver = iommu && domain.child(iommu, 'driver');
    if (domain.value(driver, 'eim') === 'on') return;
    report(maxSpan, words('rules.vcpu-over-255-needs-q35-eim.eim', { count: max, limit: MAX_VCPUS_WITHOUT_EIM }));
  },
};

export const vcpuListRule: Rule = {
  code: 'vcpus-list',
  libvirt: 'virDomainVcpuParse (src/conf/domain_conf.c), virDomainVcpuDefPostParse (src/conf/domain_postparse.c)',
  stage: 'define',
  driver: 'any',
  onlyWith: ['vcpus'],
  libvirtMessages: ["vcpu id '%1$u' is out of range of maximum vcpu count", "vcpu '%1$zu' is both offline and not hotpluggable"],
  help: words('rules.help.vcpus-list'),
  docsAnchor: 'cpu-allocation',
  check(domain, report) {
    const { max } = vcpuFacts(domain);
    for (const vcpu of domain.at(['vcpus', 'vcpu'])) {
      const idAttr = domain.attr(vcpu, 'id');
      const id = idAttr && decimalNumber(idAttr.value);
      if (!idAttr || id === undefined) continue;
      if (max !== undefined && id >= max) {
        report(idAttr, words('rules.vcpus-list.id', { id, max }));
        continue;
      }
      const hotpluggable = domain.attr(vcpu, 'hotpluggable');
      if (domain.value(vcpu, 'enabled') === 'no' && hotpluggable?.value.trim() === 'no') report(hotpluggable, words('rules.vcpus-list.offline', { id }));
    }
  },
};
