/**
 * The vCPU limit of the machine type on the host: qemuValidateDomainVCpuTopology
 * (src/qemu/qemu_validate.c) refuses more vCPUs than virQEMUCapsGetMachineMaxCpus says the
 * machine takes. The capabilities give the limit per machine (`maxCpus`); domcapabilities give
 * it for the machine they were read for (`<vcpu max>`), which is the default machine when the
 * domain names none.
 */
import { words } from '../../messages/words';
import { vcpuFacts } from '../cpu/facts';
import { HostRule } from './hostRule';

export const hostVcpusRule: HostRule = {
  code: 'host-vcpus-over-machine-limit',
  libvirt: 'qemuValidateDomainVCpuTopology (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  needs: 'capabilities',
  libvirtMessages: ['Maximum CPUs greater than specified machine type limit %1$u'],
  help: words('host.help.host-vcpus-over-machine-limit'),
  docsAnchor: 'cpu-allocation',
  check(domain, host, report) {
    const { max, maxSpan } = vcpuFacts(domain);
    if (max === undefined || !maxSpan) return;
    const limit = host.machine?.maxCpus ?? host.domainCapabilities?.maxVcpus;
    const machine = domain.machine ?? host.domainCapabilities?.machine;
    if (!limit || !machine || max <= limit) return;
    report(maxSpan, words('host.vcpus', { count: max, machine, host: host.label, max: limit }));
  },
};
