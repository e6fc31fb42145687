/**
 * Serial ports and parallel ports against the machine. Mirrors qemuValidateDomainChrDef and
 * qemuValidateDomainChrTargetDef (src/qemu/qemu_validate.c): a serial target model implies a
 * target type (pl011 and 16550a are system-serial, spapr-vty is spapr-vio-serial ...), a target
 * type implies the address type (isa-serial on isa, pci-serial on pci ...; system-serial and
 * sclp-serial take none), and some exist on one machine only: pl011 on ARM virt, 16550a on RISC-V
 * and LoongArch virt, spapr-vio-serial on pSeries, sclp on s390. Parallel ports do not exist on s390 nor pSeries.
 * Only what the document writes is checked: the defaults libvirt fills in always fit.
 */
import { Words, words } from '../../messages/words';
import { isArchIn, domainMachineFamily, effectiveArch } from '../machines';
import { Rule } from '../rule';
import { chardevsOf } from './chardevs';
import { addressOf } from '../addresses';

/** qemuValidateChrSerialTargetModelToTargetType. */
const TYPE_OF_MODEL: Record<string, string> = {
  'isa-serial': 'isa-serial',
  'usb-serial': 'usb-serial',
  'pci-serial': 'pci-serial',
  'spapr-vty': 'spapr-vio-serial',
  pl011: 'system-serial',
  '16550a': 'system-serial',
  sclpconsole: 'sclp-serial',
  sclplmconsole: 'sclp-serial',
  'isa-debugcon': 'isa-debug',
};

/** qemuValidateChrSerialTargetTypeToAddressType; null: no address allowed. */
const ADDRESS_OF_TYPE: Record<string, string | null> = {
  'isa-serial': 'isa',
  'isa-debug': 'isa',
  'usb-serial': 'usb',
  'pci-serial': 'pci',
  'spapr-vio-serial': 'spapr-vio',
  'system-serial': null,
  'sclp-serial': null,
};

export const serialTargetRule: Rule = {
  code: 'serial-target-mismatch',
  libvirt: 'qemuValidateDomainChrTargetDef (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: ['serial'],
  libvirtMessages: [
    "Target model '%1$s' requires target type '%2$s'",
    "Target type '%1$s' requires address type '%2$s'",
    "Target type '%1$s' cannot have an associated address",
  ],
  help: words('rules.help.serial-target-mismatch'),
  docsAnchor: 'consoles-serial-parallel-channel-devices',
  check(domain, report) {
    for (const chardev of chardevsOf(domain)) {
      if (chardev.kind !== 'serial' || !chardev.target) continue;
      const typeAttr = domain.attr(chardev.target, 'type');
      const type = typeAttr?.value.trim();
      const modelEl = domain.child(chardev.target, 'model');
      const modelAttr = modelEl && domain.attr(modelEl, 'name');
      const model = modelAttr?.value.trim();
      if (type && type in ADDRESS_OF_TYPE) {
        const address = addressOf(domain, chardev.device);
        const wanted = ADDRESS_OF_TYPE[type];
        if (address && address.type !== undefined) {
          if (wanted === null) report(address.span, words('rules.serial-target-mismatch.noAddress', { type }));
          else if (address.type !== wanted) report(address.span, words('rules.serial-target-mismatch.addressType', { type, wanted, actual: address.type }));
        }
      }
      if (modelAttr && model && model in TYPE_OF_MODEL && type && TYPE_OF_MODEL[model] !== type) {
        report(modelAttr, words('rules.serial-target-mismatch.model', { model, modelType: TYPE_OF_MODEL[model], type }), {
          related: typeAttr ? [{ ...typeAttr, message: words('rules.serial-target-mismatch.targetType') }] : undefined,
        });
      }
    }
  },
};

export const serialMachineRule: Rule = {
  code: 'serial-target-machine',
  libvirt: 'qemuValidateDomainChrDef (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: ['serial', 'parallel'],
  libvirtMessages: ["Serial device with target type '%1$s' and target model '%2$s' not compatible with guest architecture or machine type", 'parallel ports are not supported'],
  help: words('rules.help.serial-target-machine'),
  docsAnchor: 'consoles-serial-parallel-channel-devices',
  check(domain, report) {
    const arch = effectiveArch(domain);
    if (!arch) return;
    const family = domainMachineFamily(domain);
    const machine = domain.machine
      ? words('rules.serial-target-machine.archMachine', { arch, machine: domain.machine })
      : words('rules.serial-target-machine.arch', { arch });
    for (const chardev of chardevsOf(domain)) {
      if (chardev.kind === 'parallel') {
        if (isArchIn(arch, 's390') || family === 'pseries') report(domain.nameSpan(chardev.device), words('rules.serial-target-machine.noParallel', { machine }));
        continue;
      }
      if (chardev.kind !== 'serial' || !chardev.target) continue;
      const typeAttr = domain.attr(chardev.target, 'type');
      const type = typeAttr?.value.trim();
      const modelEl = domain.child(chardev.target, 'model');
      const modelAttr = modelEl && domain.attr(modelEl, 'name');
      const model = modelAttr?.value.trim();
      let belongs: Words | undefined;
      if (type === 'system-serial' && model === 'pl011' && family !== 'armVirt') belongs = words('rules.serial-target-machine.armVirt');
      else if (type === 'system-serial' && model === '16550a' && family !== 'riscvVirt' && family !== 'loongarchVirt') belongs = words('rules.serial-target-machine.riscvLoongarchVirt');
      else if ((type === 'spapr-vio-serial' || model === 'spapr-vty') && family !== 'pseries') belongs = words('rules.serial-target-machine.pseries');
      else if ((type === 'sclp-serial' || model === 'sclpconsole' || model === 'sclplmconsole') && !isArchIn(arch, 's390')) belongs = words('rules.serial-target-machine.s390');
      if (!belongs) continue;
      const at = (model && model !== 'isa-serial' ? modelAttr : typeAttr) ?? typeAttr ?? modelAttr;
      const targetType = type ?? 'default';
      if (at) report(at, model ? words('rules.serial-target-machine.typeModel', { type: targetType, model, belongs, machine }) : words('rules.serial-target-machine.type', { type: targetType, belongs, machine }));
    }
  },
};
