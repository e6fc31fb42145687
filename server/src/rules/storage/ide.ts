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
  libvirtMessages: [
    'IDE controllers are unsupported for this QEMU binary or machine type',
    'Only a single IDE controller is supported for this machine type',
  ],
  help:
    'QEMU offers IDE only as the controller built into a few machine types (i440fx `pc`, for one). Machines such as q35, ' +
    'ARM and RISC-V `virt`, pseries and s390 have none, and no machine takes a second IDE controller. An IDE disk needs ' +
    "the controller its drive address names, so it is refused with it. Put disks and cdroms on `bus='sata'` (q35), " +
    "`bus='scsi'` or `bus='virtio'` instead, or keep IDE disks on controller 0 (`hda` to `hdd`).",
  docsAnchor: 'controllers',
  check(domain, report) {
    const support = ideSupport(domain);
    if (support === 'unknown') return;
    const machine = effectiveMachine(domain) ?? '';
    const flag = (span: Span, what: string, controller: number) => {
      if (support === 'none') report(span, `Machine \`${machine}\` has no IDE controller for ${what}`);
      else if (controller !== 0) report(span, `Machine \`${machine}\` has a single IDE controller (index 0); ${what} needs controller ${controller}`);
    };
    for (const disk of domain.derived(diskFacts)) {
      if (disk.bus !== 'ide') continue;
      const controller = disk.drive?.controller ?? 0;
      const what = disk.dev ? `disk \`${disk.dev.value.trim()}\`` : 'this IDE disk';
      flag(disk.busAttr ?? disk.dev ?? domain.nameSpan(disk.el), what, controller);
    }
    for (const el of domain.devicesNamed('controller')) {
      const type = domain.attr(el, 'type');
      if (!type || type.value.trim() !== 'ide') continue;
      const index = libvirtNumber(domain.value(el, 'index') ?? '0');
      if (index === undefined) continue;
      flag(type, `\`<controller type='ide' index='${index}'>\``, index);
    }
  },
};
