/**
 * IDE on machines without it, and more than the one built-in IDE controller.
 *
 * qemuValidateDomainDeviceDefControllerIDE (src/qemu/qemu_validate.c) accepts only the IDE
 * controller with index 0 and only on a machine that has one built in
 * (qemuDomainMachineHasBuiltinIDE, src/qemu/qemu_domain.c: i440fx and a few others; the fact is
 * in schemas/machines.json). An IDE disk needs an IDE controller: libvirt adds the one its drive
 * address names (virDomainDefAddImplicitControllers), so an IDE disk on q35 or ARM virt is
 * refused as the controller would be, and so is an IDE disk on controller 1 (`hde` and later
 * targets derive it) of an i440fx machine.
 */
import machineData from '../../../../schemas/machines.json';
import { Words, words } from '../../messages/words';
import { effectiveMachine, domainMachineFamily } from '../machines';
import { Rule } from '../rule';
import { Domain, Span, libvirtNumber } from '../domain';
import { diskFacts } from './disks';

const BUILTIN = machineData.builtinIDE;

type IdeSupport = 'none' | 'one' | 'unknown';

function ideSupport(domain: Domain): IdeSupport {
  const family = domainMachineFamily(domain);
  const machine = effectiveMachine(domain);
  if ((family && BUILTIN.families.includes(family)) || (machine && BUILTIN.names.includes(machine))) return 'one';
  if (family && BUILTIN.noIDEFamilies.includes(family)) return 'none';
  return 'unknown';
}

export const ideControllerRule: Rule = {
  code: 'ide-unsupported',
  libvirt: 'qemuValidateDomainDeviceDefControllerIDE (src/qemu/qemu_validate.c)',
  stage: 'define',
  driver: 'qemu',
  onlyWith: ['disk', 'controller'],
  libvirtMessages: [
    'IDE controllers are unsupported for this QEMU binary or machine type',
    'Only a single IDE controller is supported for this machine type',
  ],
  help: words('rules.help.ide-unsupported'),
  docsAnchor: 'controllers',
  check(domain, report) {
    const support = ideSupport(domain);
    if (support === 'unknown') return;
    const machine = effectiveMachine(domain) ?? '';
    const flag = (span: Span, what: Words, controller: number) => {
      if (support === 'none') report(span, words('rules.ide-unsupported.none', { machine, what }));
      else if (controller !== 0) report(span, words('rules.ide-unsupported.single', { machine, what, controller }));
    };
    for (const disk of domain.derived(diskFacts)) {
      if (disk.bus !== 'ide') continue;
      const controller = disk.drive?.controller ?? 0;
      const what = disk.dev ? words('rules.storage.disk', { target: disk.dev.value.trim() }) : words('rules.ide-unsupported.thisDisk');
      flag(disk.busAttr ?? disk.dev ?? domain.nameSpan(disk.el), what, controller);
    }
    for (const el of domain.devicesNamed('controller')) {
      const type = domain.attr(el, 'type');
      if (!type || type.value.trim() !== 'ide') continue;
      const index = libvirtNumber(domain.value(el, 'index') ?? '0');
      if (index === undefined) continue;
      flag(type, words('rules.ide-unsupported.controller', { index }), index);
    }
  },
};
