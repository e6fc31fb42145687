/**
 * Hypervisor features that exist only on some architectures or machine types, as the QEMU
 * driver's qemuValidateDomainDefFeatures (src/qemu/qemu_validate.c) checks them: `<gic>` only on
 * ARM `virt` machines; the pSeries switches (`<hpt>`, `<htm>`, `<nested-hv>`, `<ccf-assist>`,
 * `<cfpc>`, `<sbbc>`, `<ibs>`) only on ppc64 `pseries` machines (qemuValidateDomainDefPSeriesFeature);
 * `<ioapic driver>`, `<pvspinlock>` and `<apic eoi>` only on x86; `<hyperv>` on x86 or ARM `virt`;
 * `<pmu state='off'>` never on ppc64; `<tcg>` only with `<domain type='qemu'>`.
 */
import { words } from '../../messages/words';
import { Domain, El } from '../domain';
import { Rule } from '../rule';
import { archAndMachine, feature } from './facts';
import { isArchIn, effectiveArch, inMachineFamily } from '../machines';

const PSERIES_FEATURES = ['hpt', 'htm', 'nested-hv', 'ccf-assist', 'cfpc', 'sbbc', 'ibs'];

function onOrBare(domain: Domain, el: El): boolean {
  const state = domain.value(el, 'state');
  return state === undefined || state === 'on';
}

export const featureMachineRule: Rule = {
  code: 'feature-wrong-machine',
  libvirt: 'qemuValidateDomainDefFeatures, qemuValidateDomainDefPSeriesFeature (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: ['features'],
  libvirtMessages: [
    "The '%1$s' feature is not supported for architecture '%2$s' or machine type '%3$s'",
    "The 'eoi' attribute of the '%1$s' feature is not supported for architecture '%2$s' or machine type '%3$s'",
    "Hyperv features are not supported for architecture '%1$s' or machine type '%2$s'",
  ],
  help: words('rules.help.feature-wrong-machine'),
  docsAnchor: 'hypervisor-features',
  check(domain, report) {
    const features = domain.first(['features']);
    if (!features) return;
    const arch = effectiveArch(domain);
    const where = archAndMachine(domain);
    for (const el of domain.children(features)) {
      const name = el.element.name;
      if (name === 'gic') {
        if (onOrBare(domain, el) && inMachineFamily(domain, 'armVirt') === false)
          report(domain.nameSpan(el), words('rules.feature-wrong-machine.gic', { where }));
      } else if (PSERIES_FEATURES.includes(name)) {
        if (inMachineFamily(domain, 'pseries') === false) report(domain.nameSpan(el), words('rules.feature-wrong-machine.pseries', { name, where }));
      } else if (name === 'ioapic') {
        if (domain.value(el, 'driver') && arch !== undefined && !isArchIn(arch, 'x86'))
          report(domain.nameSpan(el), words('rules.feature-wrong-machine.x86', { name, where }));
      } else if (name === 'pvspinlock') {
        if (arch !== undefined && !isArchIn(arch, 'x86')) report(domain.nameSpan(el), words('rules.feature-wrong-machine.x86', { name, where }));
      } else if (name === 'apic') {
        const eoi = domain.attr(el, 'eoi');
        if (eoi && arch !== undefined && !isArchIn(arch, 'x86')) report(eoi, words('rules.feature-wrong-machine.eoi', { where }));
      } else if (name === 'hyperv') {
        if (arch !== undefined && !isArchIn(arch, 'x86') && inMachineFamily(domain, 'armVirt') === false)
          report(domain.nameSpan(el), words('rules.feature-wrong-machine.hyperv', { where }));
      }
    }
  },
};

export const pmuPpc64Rule: Rule = {
  code: 'feature-pmu-off-ppc64',
  libvirt: 'qemuValidateDomainDefFeatures (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: ['pmu'],
  libvirtMessages: ["PMU is always enabled for architecture '%1$s'"],
  help: words('rules.help.feature-pmu-off-ppc64'),
  docsAnchor: 'hypervisor-features',
  check(domain, report) {
    const pmu = feature(domain, 'pmu');
    const state = pmu && domain.attr(pmu, 'state');
    const arch = effectiveArch(domain);
    if (state && state.value.trim() === 'off' && isArchIn(arch, 'ppc64')) report(state, words('rules.feature-pmu-off-ppc64.off', { arch: arch ?? '' }));
  },
};

export const tcgVirtTypeRule: Rule = {
  code: 'feature-tcg-not-qemu',
  libvirt: 'qemuValidateDomainDefFeatures (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: ['tcg'],
  libvirtMessages: ["TCG features are incompatible with domain type '%1$s'"],
  help: words('rules.help.feature-tcg-not-qemu'),
  docsAnchor: 'hypervisor-features',
  check(domain, report) {
    const tcg = feature(domain, 'tcg');
    const type = domain.attr(domain.root, 'type');
    if (tcg && type && domain.virtType !== 'qemu') report(domain.nameSpan(tcg), words('rules.feature-tcg-not-qemu.type', { type: domain.virtType ?? '' }));
  },
};
