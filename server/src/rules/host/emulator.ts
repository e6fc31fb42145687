/**
 * The `<emulator>` binary on the host: libvirt reads the QEMU binary a domain names before
 * accepting it (virQEMUCapsNewForBinaryInternal, src/qemu/qemu_capabilities.c, through
 * qemuDomainPostParseDataAlloc), and fails when it is not there or cannot be run. The host says
 * so itself: its domcapabilities for that emulator are refused with these words, so the check
 * holds for a remote host as for a local one.
 */
import { words } from '../../messages/words';
import { trimmedText } from '../cpu/facts';
import { HostRule } from './hostRule';

const MISSING_BINARY = /Cannot check QEMU binary|QEMU binary .* is not executable/;

export const hostEmulatorRule: HostRule = {
  code: 'host-emulator-missing',
  libvirt: 'virQEMUCapsNewForBinaryInternal (src/qemu/qemu_capabilities.c)',
  stage: 'define',
  driver: 'qemu',
  needs: 'capabilities',
  libvirtMessages: ['Cannot check QEMU binary %1$s', 'QEMU binary %1$s is not executable'],
  help: words('host.help.host-emulator-missing'),
  docsAnchor: 'devices',
  check(domain, host, report) {
    const answer = host.answer;
    if (answer?.state !== 'refused' || !MISSING_BINARY.test(answer.message)) return;
    const emulator = domain.first(['devices', 'emulator']);
    if (!emulator) return;
    const path = trimmedText(domain, emulator);
    const reason = answer.message.replace(/^.*?:\s*(?=[^:]*$)/, '');
    report(path, words('host.emulator', { host: host.label, path: path.value, reason }));
  },
};
