/**
 * Serial ports and parallel ports against the machine. Mirrors qemuValidateDomainChrDef and
 * qemuValidateDomainChrTargetDef (src/qemu/qemu_validate.c): a serial target model implies a
 * target type (pl011 and 16550a are system-serial, spapr-vty is spapr-vio-serial ...), a target
 * type implies the address type (isa-serial on isa, pci-serial on pci ...; system-serial and
 * sclp-serial take none), and some exist on one machine only: pl011 on ARM virt, 16550a on RISC-V
 * and LoongArch virt, spapr-vio-serial on pSeries, sclp on s390. Parallel ports do not exist on s390 nor pSeries.
 * Only what the document writes is checked: the defaults libvirt fills in always fit.
 */
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
  libvirtMessages: [
    "Target model '%1$s' requires target type '%2$s'",
    "Target type '%1$s' requires address type '%2$s'",
    "Target type '%1$s' cannot have an associated address",
  ],
  help:
    "A serial port's `<target type>`, its `<model name>` and its `<address type>` go together: pl011 and 16550a are system-serial " +
    'devices, spapr-vty a spapr-vio-serial one, sclpconsole an sclp-serial one; an isa-serial port sits on an isa address, a pci-serial one ' +
    'on a pci address, and system-serial and sclp-serial ports take no address. Make the three agree, or leave out the ones libvirt can choose.',
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
          if (wanted === null) report(address.span, `A serial port with target type '${type}' takes no \`<address>\``);
          else if (address.type !== wanted) report(address.span, `A serial port with target type '${type}' needs an address of type '${wanted}', not '${address.type}'`);
        }
      }
      if (modelAttr && model && model in TYPE_OF_MODEL && type && TYPE_OF_MODEL[model] !== type) {
        report(modelAttr, `The serial target model '${model}' is a '${TYPE_OF_MODEL[model]}' device, but the target type is '${type}'`, {
          related: typeAttr ? [{ ...typeAttr, message: 'The target type' }] : undefined,
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
  libvirtMessages: ["Serial device with target type '%1$s' and target model '%2$s' not compatible with guest architecture or machine type", 'parallel ports are not supported'],
  help:
    'Some serial port models belong to one machine: pl011 to ARM virt, 16550a to RISC-V and LoongArch virt, spapr-vio-serial and spapr-vty to pSeries, ' +
    'sclp-serial, sclpconsole and sclplmconsole to s390. s390 and pSeries guests have no parallel port. Pick the model of the machine ' +
    '(or leave `<target>` out and let libvirt choose), or remove the parallel port.',
  docsAnchor: 'consoles-serial-parallel-channel-devices',
  check(domain, report) {
    const arch = effectiveArch(domain);
    if (!arch) return;
    const family = domainMachineFamily(domain);
    const machine = `architecture '${arch}'${domain.machine ? ` and machine '${domain.machine}'` : ''}`;
    for (const chardev of chardevsOf(domain)) {
      if (chardev.kind === 'parallel') {
        if (isArchIn(arch, 's390') || family === 'pseries') report(domain.nameSpan(chardev.device), `There is no parallel port on ${machine}`);
        continue;
      }
      if (chardev.kind !== 'serial' || !chardev.target) continue;
      const typeAttr = domain.attr(chardev.target, 'type');
      const type = typeAttr?.value.trim();
      const modelEl = domain.child(chardev.target, 'model');
      const modelAttr = modelEl && domain.attr(modelEl, 'name');
      const model = modelAttr?.value.trim();
      let belongs: string | undefined;
      if (type === 'system-serial' && model === 'pl011' && family !== 'armVirt') belongs = 'ARM virt machines';
      else if (type === 'system-serial' && model === '16550a' && family !== 'riscvVirt' && family !== 'loongarchVirt') belongs = 'RISC-V virt and LoongArch virt machines';
      else if ((type === 'spapr-vio-serial' || model === 'spapr-vty') && family !== 'pseries') belongs = 'pSeries machines';
      else if ((type === 'sclp-serial' || model === 'sclpconsole' || model === 'sclplmconsole') && !isArchIn(arch, 's390')) belongs = 's390 guests';
      if (!belongs) continue;
      const at = (model && model !== 'isa-serial' ? modelAttr : typeAttr) ?? typeAttr ?? modelAttr;
      if (at) report(at, `A serial port of target type '${type ?? 'default'}'${model ? ` and model '${model}'` : ''} exists only on ${belongs}, not on ${machine}`);
    }
  },
};
