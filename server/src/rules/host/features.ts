/**
 * Guest features that need a device of the host's QEMU: qemuValidateDomainDef
 * (src/qemu/qemu_validate.c) refuses `<genid>` without vmgenid, and qemuValidateDomainDefFeatures
 * `<vmcoreinfo state='on'>` without vmcoreinfo; domcapabilities say under `<features>` whether
 * the host's QEMU has them.
 */
import { words } from '../../messages/words';
import { HostRule } from './hostRule';

export const hostFeatureRule: HostRule = {
  code: 'host-feature-unsupported',
  libvirt: 'qemuValidateDomainDef (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  needs: 'domainCapabilities',
  libvirtMessages: ["this QEMU does not support the 'genid' capability", 'vmcoreinfo is not available with this QEMU binary'],
  help: words('host.help.host-feature-unsupported'),
  docsAnchor: 'hypervisor-features',
  check(domain, host, report) {
    const features = host.domainCapabilities?.features;
    if (!features) return;
    const genid = domain.child(domain.root, 'genid');
    if (genid && features.get('genid')?.supported === false) report(domain.nameSpan(genid), words('host.feature', { host: host.label, feature: 'genid' }));
    const vmcoreinfo = domain.first(['features', 'vmcoreinfo']);
    const state = vmcoreinfo && (domain.value(vmcoreinfo, 'state') ?? 'on');
    if (vmcoreinfo && state === 'on' && features.get('vmcoreinfo')?.supported === false) {
      report(domain.nameSpan(vmcoreinfo), words('host.feature', { host: host.label, feature: 'vmcoreinfo' }));
    }
  },
};
