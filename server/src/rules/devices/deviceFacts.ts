/**
 * The machine facts of this family, read from schemas/machines.json (each names the libvirt
 * function it comes from): the machines each IOMMU model exists on, the panic model libvirt picks
 * by default, and where each panic model exists.
 */
import machineData from '../../../../schemas/machines.json';
import { Domain } from '../domain';
import { ArchFamily, MachineFamily, domainMachineFamily, effectiveArch, isArchIn } from '../machines';

interface Place {
  machineFamily?: string;
  archFamily?: string;
}

function isIn(domain: Domain, place: Place): boolean | undefined {
  if (place.machineFamily) {
    if (!effectiveArch(domain)) return undefined;
    return domainMachineFamily(domain) === place.machineFamily;
  }
  const arch = effectiveArch(domain);
  if (!arch || !place.archFamily) return undefined;
  return isArchIn(arch, place.archFamily as ArchFamily);
}

/** The machine families an IOMMU model exists on; undefined for a model not listed. */
export function iommuMachineFamilies(model: string): readonly MachineFamily[] | undefined {
  const entry = (machineData.iommuModels as Record<string, unknown>)[model];
  if (!entry || typeof entry !== 'object') return undefined;
  return (entry as { machineFamilies: MachineFamily[] }).machineFamilies;
}

/**
 * The panic model libvirt picks for a `<panic>` without one: a model, `null` when libvirt has no
 * default there (and refuses the device), undefined when we do not know (arch unknown or not listed).
 */
export function defaultPanicModel(domain: Domain): string | null | undefined {
  for (const entry of machineData.panicModels.default as (Place & { model: string })[]) {
    if (isIn(domain, entry)) return entry.model;
  }
  const arch = effectiveArch(domain);
  if (arch && machineData.panicModels.noDefault.archFamilies.some((family) => isArchIn(arch, family as ArchFamily))) return null;
  return undefined;
}

/** Whether a panic model that exists on one machine or arch only fits the domain; undefined when unknown or not restricted. */
export function panicModelFits(domain: Domain, model: string): boolean | undefined {
  const only = (machineData.panicModels.only as Record<string, Place>)[model];
  return only ? isIn(domain, only) : undefined;
}
