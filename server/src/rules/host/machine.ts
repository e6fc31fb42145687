/**
 * The machine type the host's QEMU offers for the domain type and arch: qemuValidateDomainDef
 * (src/qemu/qemu_validate.c) asks virQEMUCapsIsMachineSupported, which takes a machine's name or
 * its alias (`pc`, `q35`); the capabilities list both, per domain type where KVM and TCG differ.
 */
import { words } from '../../messages/words';
import { HostRule } from './hostRule';

export const hostMachineRule: HostRule = {
  code: 'host-machine-unsupported',
  libvirt: 'qemuValidateDomainDef (src/qemu/qemu_validate.c), virQEMUCapsIsMachineSupported (src/qemu/qemu_capabilities.c)',
  stage: 'define',
  driver: 'qemu',
  needs: 'capabilities',
  libvirtMessages: ["Emulator '%1$s' does not support machine type '%2$s'"],
  help: words('host.help.host-machine-unsupported'),
  docsAnchor: 'operating-system-booting',
  check(domain, host, report) {
    const match = host.match;
    if (!match || !domain.machine || host.machine || match.machines.length === 0) return;
    const osType = domain.first(['os', 'type']);
    const machine = osType && domain.attr(osType, 'machine');
    if (machine) report(machine, words('host.machine', { host: host.label, machine: domain.machine, virtType: match.domain.type, arch: match.guest.arch }));
  },
};
