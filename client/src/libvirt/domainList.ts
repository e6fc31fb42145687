/**
 * `virsh list --all` read into domains: id (`-` when not running), name and state. A name may
 * hold spaces, so the state is matched from the end against the words virsh prints for states
 * (virshDomainStateToString in libvirt's tools/virsh-domain-monitor.c).
 */

export const DOMAIN_STATES = ['running', 'idle', 'paused', 'in shutdown', 'shut off', 'crashed', 'pmsuspended', 'no state'] as const;

export type DomainState = (typeof DOMAIN_STATES)[number];

export interface ListedDomain {
  name: string;
  /** The running domain's id; undefined when it is not running. */
  id: number | undefined;
  state: DomainState;
}

const ROW = new RegExp(`^\\s*(\\d+|-)\\s+(.+?)\\s+(${DOMAIN_STATES.join('|')})\\s*$`);

export function parseDomainList(output: string): ListedDomain[] {
  const domains: ListedDomain[] = [];
  for (const line of output.split('\n')) {
    const row = ROW.exec(line);
    if (!row) continue;
    domains.push({ id: row[1] === '-' ? undefined : Number(row[1]), name: row[2], state: row[3] as DomainState });
  }
  return domains;
}

/** Whether virsh start applies (a defined domain that is not running) or virsh shutdown does. */
export function isActive(state: DomainState): boolean {
  return state !== 'shut off' && state !== 'crashed' && state !== 'no state';
}
