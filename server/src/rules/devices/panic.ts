/**
 * Panic devices. Mirrors qemuValidateDomainDefPanic (src/qemu/qemu_validate.c) after the model
 * default of qemuDomainDefaultPanicModel (src/qemu/qemu_domain.c, via
 * qemuDomainDevicePanicDefPostParse): the s390 model exists on s390 only, hyperv on x86 only,
 * pseries on pSeries only, and those three take no address; isa takes an isa address, pvpanic a
 * PCI one (one is assigned when absent); where libvirt has no default model (RISC-V) a `<panic>`
 * needs one. The facts are in machines.json `panicModels`.
 */
import { addressOf } from '../addresses';
import { effectiveArch } from '../machines';
import { REMOVE_ADDRESS, Rule, removeElementFix } from '../rule';
import { defaultPanicModel, panicModelFits } from './deviceFacts';

const WHERE: Record<string, string> = { s390: 's390 guests', hyperv: 'x86 guests', pseries: 'pSeries guests' };
/** The address type each model takes; null: none at all. */
const ADDRESS: Record<string, string | null> = { s390: null, hyperv: null, pseries: null, isa: 'isa', pvpanic: 'pci' };

export const panicModelRule: Rule = {
  code: 'panic-model',
  libvirt: 'qemuValidateDomainDefPanic (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: [
    "only S390 guests support panic device of model 's390'",
    "only i686 and x86_64 guests support panic device of model 'hyperv'",
    "only pSeries guests support panic device of model 'pseries'",
    'no panic model provided, and no default for the architecture and machine type',
  ],
  help:
    "The panic notifier depends on the platform: `isa` (pvpanic on the ISA bus) and `hyperv` on x86, `s390` on s390, `pseries` on pSeries, " +
    '`pvpanic` (PCI) elsewhere. Without a model libvirt picks the platform\'s own, but on some (RISC-V) it has none to pick: name one. Use the model of your platform.',
  docsAnchor: 'panic-device',
  check(domain, report) {
    for (const panic of domain.devicesNamed('panic')) {
      const model = domain.attr(panic, 'model');
      if (!model) {
        if (defaultPanicModel(domain) === null) report(domain.nameSpan(panic), `\`<panic>\` has no model, and libvirt has none to pick for architecture '${effectiveArch(domain)}'`);
        continue;
      }
      const name = model.value.trim();
      if (panicModelFits(domain, name) === false) report(model, `The '${name}' panic device exists only on ${WHERE[name]}`);
    }
  },
};

export const panicAddressRule: Rule = {
  code: 'panic-address',
  libvirt: 'qemuValidateDomainDefPanic (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  libvirtMessages: [
    "setting the panic device address is not supported for model 's390'",
    "setting the panic device address is not supported for model 'hyperv'",
    "setting the panic device address is not supported for model 'pseries'",
    'panic is supported only with ISA address type',
    'pvpanic is supported only with PCI address type',
  ],
  help:
    'The s390, hyperv and pseries panic notifiers are part of the platform and take no `<address>`; the isa model sits on an isa address ' +
    '(an iobase), the pvpanic model on a PCI one. Remove the address, or give one of the right type.',
  docsAnchor: 'panic-device',
  check(domain, report) {
    for (const panic of domain.devicesNamed('panic')) {
      const address = addressOf(domain, panic);
      if (!address) continue;
      const model = domain.value(panic, 'model') ?? defaultPanicModel(domain) ?? undefined;
      if (!model || !(model in ADDRESS)) continue;
      const wanted = ADDRESS[model];
      if (wanted === null) report(address.span, `The '${model}' panic device is part of the platform and takes no \`<address>\``, { fixes: [removeElementFix(domain, address.el, REMOVE_ADDRESS)] });
      else if (address.type !== undefined && address.type !== wanted) {
        report(domain.attr(address.el, 'type') ?? address.span, `The '${model}' panic device needs an address of type '${wanted}', not '${address.type}'`);
      }
    }
  },
};
