/**
 * What the host-aware rules read: the facts of the libvirt connection a document is checked
 * against (`virsh capabilities`, and `virsh domcapabilities` for the document's virt type, arch,
 * machine and emulator), and the guest of the capabilities the domain resolves to, found as
 * libvirt's virCapabilitiesDomainDataLookup (src/conf/capabilities.c) finds it: the os type,
 * the arch (the host's own first when the domain names none), the domain type, then the
 * machine among that domain type's machines (or the arch's, where it lists none of its own).
 */
import type { CapsGuest, CapsGuestDomain, CapsMachine, HostCapabilities } from '../../libvirt/capabilities';
import type { DomainCapabilities } from '../../libvirt/domainCapabilities';
import type { DomainCapabilitiesAnswer, DomainCapabilitiesQuery, HostFacts } from '../../libvirt/hostFacts';
import { Words, words } from '../../messages/words';
import { Domain } from '../domain';

/** What the server or the CLI gives the rules of a document checked against a host. */
export interface HostChecks {
  host: HostFacts;
  /** The domcapabilities of the query as known now (a lookup; it never waits). */
  domainCapabilities(query: DomainCapabilitiesQuery): DomainCapabilitiesAnswer;
}

/** The guest of the capabilities a domain runs as. */
export interface GuestMatch {
  guest: CapsGuest;
  domain: CapsGuestDomain;
  /** The domain type's own machines, else the arch's. */
  machines: readonly CapsMachine[];
  /** The domain type's own emulator, else the arch's. */
  emulator?: string;
}

/** What a host rule reads. */
export interface HostView {
  /** `qemu:///system (kvm01)`: how findings name the host. */
  label: string;
  capabilities: HostCapabilities;
  /** The guest the domain resolves to; undefined when the host offers none for it. */
  match: GuestMatch | undefined;
  /** The machine of `match` the domain names (by name or canonical name). */
  machine: CapsMachine | undefined;
  query: DomainCapabilitiesQuery | undefined;
  /** What domcapabilities answered for the query (pending, refused…). */
  answer: DomainCapabilitiesAnswer | undefined;
  /** The domcapabilities, when read. */
  domainCapabilities: DomainCapabilities | undefined;
}

/** `qemu:///system (kvm01)`, or the URI alone when the host's name is unknown. */
export function hostLabel(host: Pick<HostFacts, 'uri' | 'hostname'>): string {
  return host.hostname ? `${host.uri} (${host.hostname})` : host.uri;
}

/** The guests of `caps` offering the os type, arch (any when undefined) and domain type (any when undefined). */
export function guestsOffering(caps: HostCapabilities, osType: string | undefined, arch: string | undefined, virtType: string | undefined): GuestMatch[] {
  const found: GuestMatch[] = [];
  for (const guest of caps.guests) {
    if (osType !== undefined && guest.osType !== osType) continue;
    if (arch !== undefined && guest.arch !== arch) continue;
    for (const domain of guest.domains) {
      if (virtType !== undefined && domain.type !== virtType) continue;
      found.push({ guest, domain, machines: domain.machines.length > 0 ? domain.machines : guest.machines, emulator: domain.emulator ?? guest.emulator });
    }
  }
  return found;
}

/** The guest libvirt finds for the domain's os type, arch and domain type; undefined when the host offers none. */
export function lookupGuest(caps: HostCapabilities, osType: string | undefined, arch: string | undefined, virtType: string | undefined): GuestMatch | undefined {
  if (arch === undefined && caps.arch !== undefined) {
    const onHostArch = guestsOffering(caps, osType, caps.arch, virtType)[0];
    if (onHostArch) return onHostArch;
  }
  return guestsOffering(caps, osType, arch, virtType)[0];
}

/** The machine named `name` (or whose canonical name it is) among `machines`. */
export function findMachine(machines: readonly CapsMachine[], name: string): CapsMachine | undefined {
  return machines.find((machine) => machine.name === name) ?? machines.find((machine) => machine.canonical === name);
}

/** The `<emulator>` path the domain names, trimmed. */
export function emulatorPath(domain: Domain): string | undefined {
  const emulator = domain.first(['devices', 'emulator']);
  const path = emulator && domain.content(emulator).value.trim();
  return path || undefined;
}

/** The domcapabilities query for the domain on the host: undefined when there is nothing to ask. */
export function domainCapabilitiesQuery(domain: Domain, match: GuestMatch | undefined, machineKnown: boolean): DomainCapabilitiesQuery | undefined {
  if (!domain.virtType || !match) return undefined;
  // A machine the host does not offer is that rule's finding; domcapabilities would only refuse it.
  if (domain.machine && !machineKnown) return undefined;
  const query: DomainCapabilitiesQuery = { virttype: domain.virtType, arch: match.guest.arch };
  if (domain.machine) query.machine = domain.machine;
  const emulator = emulatorPath(domain);
  if (emulator) query.emulator = emulator;
  return query;
}

/** The view of the host the rules read for `domain`. */
export function hostView(domain: Domain, checks: HostChecks): HostView {
  const caps = checks.host.capabilities;
  const match = lookupGuest(caps, domain.osType || undefined, domain.arch || undefined, domain.virtType || undefined);
  const machine = match && domain.machine ? findMachine(match.machines, domain.machine) : undefined;
  const query = domainCapabilitiesQuery(domain, match, machine !== undefined || match?.machines.length === 0);
  const answer = query && checks.domainCapabilities(query);
  return {
    label: hostLabel(checks.host),
    capabilities: caps,
    match,
    machine,
    query,
    answer,
    domainCapabilities: answer?.state === 'ready' ? answer.capabilities : undefined,
  };
}

/**
 * What a reader should know about the checks against the host that could not run: the driver
 * has no domcapabilities (the test driver), they are being read, or libvirt refused them.
 */
export function hostNotes(view: HostView): Words[] {
  const answer = view.answer;
  if (!answer || answer.state === 'ready') return [];
  switch (answer.state) {
    case 'pending':
      return [words('host.note.reading', { host: view.label })];
    case 'unsupported':
      return [words('host.note.noDomainCapabilities', { host: view.label, reason: answer.message })];
    case 'refused':
      return [words('host.note.domainCapabilitiesRefused', { host: view.label, reason: answer.message })];
    case 'failed':
      return [words('host.note.domainCapabilitiesFailed', { host: view.label, reason: answer.message })];
  }
}
