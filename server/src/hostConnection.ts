/**
 * A document's libvirt connection as the analysis reads it, for the server and the CLI alike:
 * once the host's capabilities are read, its CPUs and NUMA cells (for the pins and node sets,
 * in place of this machine's) and the host rules' facts, whose domcapabilities are looked up in
 * the cache as the rules ask; before that, or when they cannot be read, why there are none.
 */
import { HostTopology } from './features/cpuset/documentSets';
import { topologyFromCapabilities } from './hostTopology';
import { HostAnswer, HostFactsCache } from './libvirt/hostFacts';
import { Words, words } from './messages/words';
import { HostChecks, hostLabel } from './rules/host/facts';

export interface ConnectionFacts {
  host: HostTopology | undefined;
  hostChecks?: HostChecks;
  hostStatus?: Words;
}

export function connectionFacts(cache: HostFactsCache, uri: string, answer: HostAnswer): ConnectionFacts {
  switch (answer.state) {
    case 'ready': {
      const hostChecks: HostChecks = { host: answer.host, domainCapabilities: (query) => cache.domainCapabilities(uri, query) };
      return { host: topologyFromCapabilities(answer.host.capabilities, hostLabel(answer.host)), hostChecks };
    }
    case 'pending':
      return { host: undefined, hostStatus: words('host.note.capabilitiesReading', { uri }) };
    case 'failed':
      return { host: undefined, hostStatus: words('host.note.capabilitiesFailed', { uri, reason: answer.message }) };
  }
}
