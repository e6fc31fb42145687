/**
 * Panic devices. Mirrors qemuValidateDomainDefPanic (src/qemu/qemu_validate.c) after the model
 * default of qemuDomainDefaultPanicModel (src/qemu/qemu_domain.c, via
 * qemuDomainDevicePanicDefPostParse): the s390 model exists on s390 only, hyperv on x86 only,
 * pseries on pSeries only, and those three take no address; isa takes an isa address, pvpanic a
 * PCI one (one is assigned when absent); where libvirt has no default model (RISC-V) a `<panic>`
 * needs one. The facts are in machines.json `panicModels`.
 */
import { Words, words } from '../../messages/words';
import { addressOf } from '../addresses';
import { effectiveArch } from '../machines';
import { Rule, removeElementFix } from '../rule';
import { defaultPanicModel, panicModelFits } from './deviceFacts';
import { REMOVE_ADDRESS_TITLE } from './fixTitles';

const WHERE: Record<string, Words> = {
  s390: words('rules.panic-model.s390'),
  hyperv: words('rules.panic-model.hyperv'),
  pseries: words('rules.panic-model.pseries'),
};
/** The address type each model takes; null: none at all. */
const ADDRESS: Record<string, string | null> = { s390: null, hyperv: null, pseries: null, isa: 'isa', pvpanic: 'pci' };

export const panicModelRule: Rule = {
  code: 'panic-model',
  libvirt: 'qemuValidateDomainDefPanic (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: ['panic'],
  libvirtMessages: [
    "only S390 guests support panic device of model 's390'",
    "only i686 and x86_64 guests support panic device of model 'hyperv'",
    "only pSeries guests support panic device of model 'pseries'",
    'no panic model provided, and no default for the architecture and machine type',
  ],
  help: words('rules.help.panic-model'),
  docsAnchor: 'panic-device',
  check(domain, report) {
    for (const panic of domain.devicesNamed('panic')) {
      const model = domain.attr(panic, 'model');
      if (!model) {
        if (defaultPanicModel(domain) === null) report(domain.nameSpan(panic), words('rules.panic-model.noDefault', { arch: String(effectiveArch(domain)) }));
        continue;
      }
      const name = model.value.trim();
      if (panicModelFits(domain, name) === false) report(model, words('rules.panic-model.model', { model: name, where: WHERE[name] }));
    }
  },
};

export const panicAddressRule: Rule = {
  code: 'panic-address',
  libvirt: 'qemuValidateDomainDefPanic (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: ['panic'],
  libvirtMessages: [
    "setting the panic device address is not supported for model 's390'",
    "setting the panic device address is not supported for model 'hyperv'",
    "setting the panic device address is not supported for model 'pseries'",
    'panic is supported only with ISA address type',
    'pvpanic is supported only with PCI address type',
  ],
  help: words('rules.help.panic-address'),
  docsAnchor: 'panic-device',
  check(domain, report) {
    for (const panic of domain.devicesNamed('panic')) {
      const address = addressOf(domain, panic);
      if (!address) continue;
      const model = domain.value(panic, 'model') ?? defaultPanicModel(domain) ?? undefined;
      if (!model || !(model in ADDRESS)) continue;
      const wanted = ADDRESS[model];
      if (wanted === null) {
        report(address.span, words('rules.panic-address.noAddress', { model }), {
          fixes: [removeElementFix(domain, address.el, REMOVE_ADDRESS_TITLE)],
        });
      } else if (address.type !== undefined && address.type !== wanted) {
        report(domain.attr(address.el, 'type') ?? address.span, words('rules.panic-address.addressType', { model, wanted, actual: address.type }));
      }
    }
  },
};
