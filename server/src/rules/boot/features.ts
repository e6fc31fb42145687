/**
 * Hypervisor features that exist only on some architectures or machine types, as the QEMU
 * driver's qemuValidateDomainDefFeatures (src/qemu/qemu_validate.c) checks them: `<gic>` only on
 * ARM `virt` machines; the pSeries switches (`<hpt>`, `<htm>`, `<nested-hv>`, `<ccf-assist>`,
 * `<cfpc>`, `<sbbc>`, `<ibs>`) only on ppc64 `pseries` machines (qemuValidateDomainDefPSeriesFeature);
 * `<ioapic driver>`, `<pvspinlock>` and `<apic eoi>` only on x86; `<hyperv>` on x86 or ARM `virt`;
 * `<pmu state='off'>` never on ppc64; `<tcg>` only with `<domain type='qemu'>`.
 */
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
  libvirtMessages: [
    "The '%1$s' feature is not supported for architecture '%2$s' or machine type '%3$s'",
    "The 'eoi' attribute of the '%1$s' feature is not supported for architecture '%2$s' or machine type '%3$s'",
    "Hyperv features are not supported for architecture '%1$s' or machine type '%2$s'",
  ],
  help:
    'Some `<features>` switch on hardware only one platform has: `<gic>` is the interrupt controller of ARM `virt` machines; `<hpt>`, `<htm>`, ' +
    '`<nested-hv>`, `<ccf-assist>`, `<cfpc>`, `<sbbc>` and `<ibs>` belong to ppc64 `pseries` machines; `<ioapic>`, `<pvspinlock>` and the `eoi` ' +
    'attribute of `<apic>` are x86 things; Hyper-V enlightenments need x86 or ARM `virt`. libvirt refuses the domain when the guest\'s arch ' +
    'or machine type has no such thing. Remove the feature, or change `<os><type arch machine>` to a platform that has it.',
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
          report(domain.nameSpan(el), `The \`<gic>\` feature exists only on ARM \`virt\` machines, not on ${where}`);
      } else if (PSERIES_FEATURES.includes(name)) {
        if (inMachineFamily(domain, 'pseries') === false) report(domain.nameSpan(el), `The \`<${name}>\` feature exists only on ppc64 \`pseries\` machines, not on ${where}`);
      } else if (name === 'ioapic') {
        if (domain.value(el, 'driver') && arch !== undefined && !isArchIn(arch, 'x86'))
          report(domain.nameSpan(el), `The \`<ioapic>\` feature exists only on x86, not on ${where}`);
      } else if (name === 'pvspinlock') {
        if (arch !== undefined && !isArchIn(arch, 'x86')) report(domain.nameSpan(el), `The \`<pvspinlock>\` feature exists only on x86, not on ${where}`);
      } else if (name === 'apic') {
        const eoi = domain.attr(el, 'eoi');
        if (eoi && arch !== undefined && !isArchIn(arch, 'x86')) report(eoi, `The \`eoi\` attribute of \`<apic>\` applies only to x86, not to ${where}`);
      } else if (name === 'hyperv') {
        if (arch !== undefined && !isArchIn(arch, 'x86') && inMachineFamily(domain, 'armVirt') === false)
          report(domain.nameSpan(el), `Hyper-V features exist only on x86 and ARM \`virt\` machines, not on ${where}`);
      }
    }
  },
};

export const pmuPpc64Rule: Rule = {
  code: 'feature-pmu-off-ppc64',
  libvirt: 'qemuValidateDomainDefFeatures (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: ["PMU is always enabled for architecture '%1$s'"],
  help:
    "On ppc64 the performance monitoring unit cannot be switched off, so libvirt refuses `<pmu state='off'/>` there. Remove the `<pmu>` element or set it to 'on'.",
  docsAnchor: 'hypervisor-features',
  check(domain, report) {
    const pmu = feature(domain, 'pmu');
    const state = pmu && domain.attr(pmu, 'state');
    const arch = effectiveArch(domain);
    if (state && state.value.trim() === 'off' && isArchIn(arch, 'ppc64')) report(state, `The PMU cannot be switched off on arch '${arch}'`);
  },
};

export const tcgVirtTypeRule: Rule = {
  code: 'feature-tcg-not-qemu',
  libvirt: 'qemuValidateDomainDefFeatures (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: ["TCG features are incompatible with domain type '%1$s'"],
  help:
    "`<features><tcg>` tunes QEMU's software emulator (TCG), which runs only domains of `type='qemu'`. With `type='kvm'` libvirt refuses it. " +
    "Remove `<tcg>`, or make the domain `type='qemu'`.",
  docsAnchor: 'hypervisor-features',
  check(domain, report) {
    const tcg = feature(domain, 'tcg');
    const type = domain.attr(domain.root, 'type');
    if (tcg && type && domain.virtType !== 'qemu') report(domain.nameSpan(tcg), `\`<tcg>\` features need \`<domain type='qemu'>\`, not '${domain.virtType}'`);
  },
};
