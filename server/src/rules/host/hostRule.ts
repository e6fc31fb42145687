/**
 * A host rule: a libvirt check that depends on the host a domain is defined or started on,
 * rather than on the document alone (the domain types and machines it offers, its QEMU's CPU
 * models and devices, its NUMA cells and page sizes). Like a rule, plus what it reads of the
 * host; it runs only when a document is checked against a libvirt connection, and only when
 * what it needs has been read (a rule that needs domcapabilities is skipped where the driver
 * has none). Its messages name the host. runHostRules (rules/index.ts) runs them.
 */
import type { Domain } from '../domain';
import type { Report, RuleInfo } from '../rule';
import type { HostView } from './facts';

export interface HostRule extends RuleInfo {
  /** `capabilities`: runs once they are read; `domainCapabilities`: also needs domcapabilities for the domain. */
  needs: 'capabilities' | 'domainCapabilities';
  check(domain: Domain, host: HostView, report: Report): void;
}
