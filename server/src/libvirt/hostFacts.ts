/**
 * What libvirt says about its hosts, read once and kept: `virsh capabilities` (and the host's
 * name) per connection, `virsh domcapabilities` per connection, virt type, arch, machine and
 * emulator. A lookup never waits: it answers with what is known (or `pending`) and starts the
 * read in the background; `onChange(uri)` says when an answer for that connection arrived, so
 * the server checks that connection's documents again. Answers expire after `maxAgeMs` (the old
 * one serves until the new one is in); a failure (no virsh, a refused connection, a timeout) is
 * reported once through `onFailure` and tried again only after `retryMs`, however often it is
 * asked for. Both tables are bounded, least recently used first out, and at most a few virsh
 * processes run at a time.
 */
import { HostCapabilities, parseCapabilities } from './capabilities';
import { DomainCapabilities, parseDomainCapabilities } from './domainCapabilities';
import { Virsh, VirshError } from './virsh';

export interface HostFacts {
  uri: string;
  /** What `virsh hostname` says, where it answers. */
  hostname?: string;
  capabilities: HostCapabilities;
}

export type HostAnswer =
  | { state: 'pending' }
  | { state: 'ready'; host: HostFacts }
  | { state: 'failed'; message: string };

/** The domcapabilities asked for: libvirt picks the defaults of what is left out. */
export interface DomainCapabilitiesQuery {
  virttype: string;
  arch?: string;
  machine?: string;
  emulator?: string;
}

export type DomainCapabilitiesAnswer =
  | { state: 'pending' }
  | { state: 'ready'; capabilities: DomainCapabilities }
  /** The connection's driver has no domcapabilities (libvirt's test driver): what it said. */
  | { state: 'unsupported'; message: string }
  /** libvirt refused this query: no such emulator binary, machine type, arch… */
  | { state: 'refused'; message: string }
  /** virsh could not be run, did not answer in time, or answered what cannot be read. */
  | { state: 'failed'; message: string };

export interface HostFactsOptions {
  /** The virsh to read a connection with (oneShotVirsh in the server and the CLI). */
  virsh(uri: string): Virsh;
  now?(): number;
  /** Answers older than this are read again. */
  maxAgeMs?: number;
  /** After a failure, how long before the next try. */
  retryMs?: number;
  maxConnections?: number;
  maxDomainCapabilities?: number;
  /** virsh processes running at once. */
  concurrency?: number;
  timeoutMs?: number;
  /** An answer for the connection arrived (or changed). */
  onChange?(uri: string): void;
  /** Reading the connection failed: said once per failure, not at every try. */
  onFailure?(uri: string, message: string): void;
}

interface Slot<A> {
  answer: A | undefined;
  /** When the answer was read. */
  at: number;
  loading: Promise<void> | undefined;
}

/** libvirt's words when a driver has no virConnectGetDomainCapabilities. */
const NOT_SUPPORTED = /not supported by the connection driver/;

/** The domcapabilities query, as virsh's arguments. */
export function domainCapabilitiesArgs(query: DomainCapabilitiesQuery): string[] {
  const args = ['domcapabilities', '--virttype', query.virttype];
  if (query.arch) args.push('--arch', query.arch);
  if (query.machine) args.push('--machine', query.machine);
  if (query.emulator) args.push('--emulator', query.emulator);
  return args;
}

export class HostFactsCache {
  private readonly hosts = new Map<string, Slot<HostAnswer>>();
  private readonly domainCaps = new Map<string, Slot<DomainCapabilitiesAnswer>>();
  /** Per connection: what its driver said when asked for domcapabilities it does not have. */
  private readonly withoutDomainCaps = new Map<string, { message: string; at: number }>();
  /** The failure last reported per connection, so a retry that fails alike stays quiet. */
  private readonly reported = new Map<string, string>();
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly now: () => number;
  private readonly maxAgeMs: number;
  private readonly retryMs: number;

  constructor(private readonly options: HostFactsOptions) {
    this.now = options.now ?? Date.now;
    this.maxAgeMs = options.maxAgeMs ?? 10 * 60_000;
    this.retryMs = options.retryMs ?? 60_000;
  }

  /** The capabilities of `uri` as known now; starts reading them when missing, old or due for a retry. */
  host(uri: string): HostAnswer {
    const slot = this.slot(this.hosts, uri, this.options.maxConnections ?? 16);
    this.loadIfDue(slot, () => this.readHost(uri, slot));
    return slot.answer ?? { state: 'pending' };
  }

  /** The domcapabilities of `query` on `uri` as known now; starts reading them when needed. */
  domainCapabilities(uri: string, query: DomainCapabilitiesQuery): DomainCapabilitiesAnswer {
    const without = this.withoutDomainCaps.get(uri);
    if (without && this.now() - without.at < this.maxAgeMs) return { state: 'unsupported', message: without.message };
    const slot = this.slot(this.domainCaps, domainCapabilitiesKey(uri, query), this.options.maxDomainCapabilities ?? 128);
    this.loadIfDue(slot, () => this.readDomainCapabilities(uri, query, slot));
    return slot.answer ?? { state: 'pending' };
  }

  /** The capabilities once read (the command line waits; the server does not). */
  async loadHost(uri: string): Promise<HostAnswer> {
    this.host(uri);
    await this.hosts.get(uri)?.loading;
    return this.host(uri);
  }

  async loadDomainCapabilities(uri: string, query: DomainCapabilitiesQuery): Promise<DomainCapabilitiesAnswer> {
    this.domainCapabilities(uri, query);
    await this.domainCaps.get(domainCapabilitiesKey(uri, query))?.loading;
    return this.domainCapabilities(uri, query);
  }

  /** Forgets what was read of `uri` (of every connection without one): the next lookup reads again. */
  refresh(uri?: string): void {
    const matches = (key: string) => uri === undefined || key === uri || key.startsWith(`${uri}\n`);
    for (const table of [this.hosts, this.domainCaps, this.withoutDomainCaps, this.reported] as Map<string, unknown>[]) {
      for (const key of [...table.keys()]) if (matches(key)) table.delete(key);
    }
  }

  private slot<A>(table: Map<string, Slot<A>>, key: string, max: number): Slot<A> {
    let slot = table.get(key);
    if (slot) {
      // Most recently used last: the first is the one to drop.
      table.delete(key);
    } else {
      slot = { answer: undefined, at: 0, loading: undefined };
      while (table.size >= Math.max(1, max)) table.delete(table.keys().next().value as string);
    }
    table.set(key, slot);
    return slot;
  }

  private loadIfDue<A extends { state: string }>(slot: Slot<A>, load: () => Promise<void>): void {
    if (slot.loading) return;
    const age = this.now() - slot.at;
    const due = !slot.answer || (slot.answer.state === 'failed' ? age >= this.retryMs : age >= this.maxAgeMs);
    if (!due) return;
    slot.loading = load().finally(() => {
      slot.loading = undefined;
    });
  }

  private async readHost(uri: string, slot: Slot<HostAnswer>): Promise<void> {
    let answer: HostAnswer;
    try {
      const capabilities = parseCapabilities(await this.run(uri, ['capabilities']));
      const host: HostFacts = { uri, capabilities };
      try {
        const hostname = (await this.run(uri, ['hostname'])).trim();
        if (hostname && hostname.length < 256 && !/\s/.test(hostname)) host.hostname = hostname;
      } catch {
        // The name is a courtesy: the URI names the host well enough.
      }
      answer = { state: 'ready', host };
      this.reported.delete(uri);
    } catch (error) {
      answer = { state: 'failed', message: describe(error) };
      this.reportFailure(uri, answer.message);
    }
    slot.answer = answer;
    slot.at = this.now();
    this.options.onChange?.(uri);
  }

  private async readDomainCapabilities(uri: string, query: DomainCapabilitiesQuery, slot: Slot<DomainCapabilitiesAnswer>): Promise<void> {
    let answer: DomainCapabilitiesAnswer;
    try {
      answer = { state: 'ready', capabilities: parseDomainCapabilities(await this.run(uri, domainCapabilitiesArgs(query))) };
    } catch (error) {
      const message = describe(error);
      if (error instanceof VirshError && error.failure === 'refused') {
        if (NOT_SUPPORTED.test(message)) {
          this.withoutDomainCaps.set(uri, { message: lastLine(message), at: this.now() });
          answer = { state: 'unsupported', message: lastLine(message) };
        } else answer = { state: 'refused', message: lastLine(message) };
      } else {
        answer = { state: 'failed', message };
        this.reportFailure(uri, message);
      }
    }
    slot.answer = answer;
    slot.at = this.now();
    this.options.onChange?.(uri);
  }

  private reportFailure(uri: string, message: string): void {
    if (this.reported.get(uri) === message) return;
    this.reported.set(uri, message);
    this.options.onFailure?.(uri, message);
  }

  /** virsh run with at most `concurrency` processes at a time. */
  private async run(uri: string, args: string[]): Promise<string> {
    const limit = Math.max(1, this.options.concurrency ?? 2);
    while (this.running >= limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running++;
    try {
      return await this.options.virsh(uri).run(args, this.options.timeoutMs);
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }
}

function domainCapabilitiesKey(uri: string, query: DomainCapabilitiesQuery): string {
  return [uri, query.virttype, query.arch ?? '', query.machine ?? '', query.emulator ?? ''].join('\n');
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** libvirt's reason: virsh says first what it tried ("failed to get emulator capabilities"). */
function lastLine(message: string): string {
  const lines = message.split('\n').filter((line) => line.trim() !== '');
  return lines[lines.length - 1] ?? message;
}
