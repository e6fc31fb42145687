/**
 * The libvirt answers of test/fixtures/host (see its README), read as the host rules get them:
 * a host's capabilities, and domcapabilities for the queries the rules make.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HostCapabilities, parseCapabilities } from '../../../server/src/libvirt/capabilities';
import { DomainCapabilities, parseDomainCapabilities } from '../../../server/src/libvirt/domainCapabilities';
import { DomainCapabilitiesAnswer, DomainCapabilitiesQuery } from '../../../server/src/libvirt/hostFacts';
import { HostChecks } from '../../../server/src/rules/host/facts';

export const FIXTURES = path.resolve(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'host');

export function fixture(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, name), 'utf8');
}

export const capabilitiesOf = (name: string): HostCapabilities => parseCapabilities(fixture(name));
export const domainCapabilitiesOf = (name: string): DomainCapabilities => parseDomainCapabilities(fixture(name));

/**
 * A host for the rules: `capabilities` as read, and every domcapabilities query answered with
 * `answer` (a fixture's facts, or a state); the queries asked are kept in `asked`.
 */
export function hostChecks(
  capabilities: HostCapabilities,
  answer: DomainCapabilities | DomainCapabilitiesAnswer = { state: 'unsupported', message: 'this function is not supported by the connection driver: virConnectGetDomainCapabilities' },
  hostname = 'kvm01',
  uri = 'qemu:///system',
): HostChecks & { asked: DomainCapabilitiesQuery[] } {
  const asked: DomainCapabilitiesQuery[] = [];
  const answered: DomainCapabilitiesAnswer = 'state' in answer ? answer : { state: 'ready', capabilities: answer };
  return {
    host: { uri, hostname, capabilities },
    asked,
    domainCapabilities(query) {
      asked.push(query);
      return answered;
    },
  };
}
