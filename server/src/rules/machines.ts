/**
 * What libvirt knows of QEMU's architectures and machine types, read from schemas/machines.json
 * (each fact there names the libvirt function it comes from): which family a machine belongs to
 * (q35, i440fx, ARM virt, pseries, s390-ccw ...), and the arch and machine libvirt assumes when
 * the document leaves them out.
 */
import machineData from '../../../schemas/machines.json';
import { Domain } from './domain';

export type ArchFamily = keyof typeof machineData.archFamilies;
export type MachineFamily = keyof typeof machineData.machineFamilies;

interface MachineFamilyData {
  archFamily?: string;
  arches?: string[];
  names: string[];
  prefixes: string[];
}

export function isArchIn(arch: string | undefined, family: ArchFamily): boolean {
  return arch !== undefined && machineData.archFamilies[family].arches.includes(arch);
}

/** The machine families in machines.json's order (the first that matches is the machine's). */
const MACHINE_FAMILIES = Object.entries(machineData.machineFamilies) as [MachineFamily, MachineFamilyData][];

/** The machine family of `machine` on `arch` (libvirt's qemuDomainMachineIs* tests), if it has one. */
export function machineFamilyOf(machine: string | undefined, arch: string | undefined): MachineFamily | undefined {
  if (machine === undefined || arch === undefined) return undefined;
  for (const [name, data] of MACHINE_FAMILIES) {
    const archMatches = data.arches ? data.arches.includes(arch) : isArchIn(arch, data.archFamily as ArchFamily);
    if (archMatches && (data.names.includes(machine) || data.prefixes.some((prefix) => machine.startsWith(prefix)))) return name;
  }
  return undefined;
}

const QEMU_BINARY = /(?:^|\/)qemu-system-([a-z0-9_]+)$/;

/**
 * The guest architecture libvirt uses: `<os><type arch>`, else the one the `<emulator>` binary is
 * named for (qemu-system-ARCH, read as libvirt reads the name), else undefined: libvirt would take the host's, which we do not guess.
 */
export function effectiveArch(domain: Domain): string | undefined {
  if (domain.arch) return domain.arch;
  const emulator = domain.first(['devices', 'emulator']);
  const binary = emulator && QEMU_BINARY.exec(domain.content(emulator).value.trim());
  return binary ? archOfBinaryName(binary[1]) : undefined;
}

/** The arch a QEMU binary's name stands for (virQEMUCapsArchFromString: i386 is i686, arm is armv7l). */
export function archOfBinaryName(name: string): string {
  return (machineData.emulatorArches.names as Record<string, string>)[name] ?? name;
}

/** The machine type libvirt uses: `<os><type machine>`, else the default for the arch (when known). */
export function effectiveMachine(domain: Domain): string | undefined {
  if (domain.machine) return domain.machine;
  const arch = effectiveArch(domain);
  const defaults = machineData.defaultMachines as Record<string, string>;
  return arch && arch !== 'about' ? defaults[arch] : undefined;
}

/**
 * Whether the domain's machine is of `family`: false when its arch is not one the family exists
 * on, undefined when the arch, or the machine on a matching arch, is not known.
 */
export function inMachineFamily(domain: Domain, family: MachineFamily): boolean | undefined {
  const arch = effectiveArch(domain);
  if (arch === undefined) return undefined;
  const data: MachineFamilyData = machineData.machineFamilies[family];
  if (!(data.arches ? data.arches.includes(arch) : isArchIn(arch, data.archFamily as ArchFamily))) return false;
  if (effectiveMachine(domain) === undefined) return undefined;
  return domainMachineFamily(domain) === family;
}

/** The machine family of the domain's effective arch and machine. */
export function domainMachineFamily(domain: Domain): MachineFamily | undefined {
  return domain.derived(familyOfDomain);
}

function familyOfDomain(domain: Domain): MachineFamily | undefined {
  return machineFamilyOf(effectiveMachine(domain), effectiveArch(domain));
}
