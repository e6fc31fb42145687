/**
 * The host the domain's pins are checked against: the CPUs and NUMA nodes the settings name, or
 * else those online on the machine the server runs on (Linux sysfs). A domain may be meant for
 * another host, so this only ever feeds warnings, and the settings can switch it off.
 */
import { readFileSync } from 'node:fs';
import { HostTopology } from './features/cpuset/documentSets';
import { evaluateSet } from './rules/cpuset/evaluate';
import { HostCapabilities } from './libvirt/capabilities';
import { IdRange, IdSet } from './rules/cpuset/idSet';

export interface HostSettings {
  hostChecks: boolean;
  hostCpus: string;
  hostNumaNodes: string;
}

export const ONLINE_CPUS = '/sys/devices/system/cpu/online';
export const ONLINE_NODES = '/sys/devices/system/node/online';

/** The topology to check against (undefined when switched off), and what could not be read. */
export function hostTopology(settings: HostSettings, readFile: (file: string) => string = (file) => readFileSync(file, 'utf8')): { topology: HostTopology | undefined; problems: string[] } {
  if (!settings.hostChecks) return { topology: undefined, problems: [] };
  const problems: string[] = [];
  const ids = (configured: string, setting: string, file: string): readonly IdRange[] | undefined => {
    if (configured !== '') {
      const set = evaluateSet(configured);
      if (set) return set.ranges();
      problems.push(`${setting} "${configured}" is not a list like 0-15 or 0-7,16-23: the host's ${setting.endsWith('cpus') ? 'CPUs' : 'nodes'} are not checked.`);
      return undefined;
    }
    try {
      return evaluateSet(readFile(file).trim())?.ranges();
    } catch {
      // Not Linux, or no NUMA support: nothing to check against.
      return undefined;
    }
  };
  const cpus = ids(settings.hostCpus, 'libvirtXml.host.cpus', ONLINE_CPUS);
  const nodes = ids(settings.hostNumaNodes, 'libvirtXml.host.numaNodes', ONLINE_NODES);
  const topology: HostTopology = {};
  if (cpus) topology.cpus = cpus;
  if (nodes) topology.nodes = nodes;
  return { topology, problems };
}

/**
 * The topology a libvirt host's capabilities give: its CPUs and its NUMA cells, named after the
 * host. It replaces the guess from this machine (and the settings) for a document checked
 * against that host.
 */
export function topologyFromCapabilities(capabilities: HostCapabilities, name: string): HostTopology {
  const topology: HostTopology = { name };
  if (capabilities.cpus && capabilities.cpus.length > 0) topology.cpus = idRanges(capabilities.cpus);
  if (capabilities.cells.length > 0) topology.nodes = idRanges(capabilities.cells.map((cell) => cell.id));
  return topology;
}

/** Ids as the runs of a set. */
function idRanges(ids: readonly number[]): readonly IdRange[] {
  const set = new IdSet();
  for (const id of ids) if (Number.isSafeInteger(id) && id >= 0) set.add(id, id);
  return set.ranges();
}
