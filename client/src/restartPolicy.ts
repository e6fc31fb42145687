// When the language server dies unexpectedly we restart it, waiting longer after each crash,
// and give up when it keeps crashing (a document that crashes the server on open would
// otherwise cause an endless restart loop). Pure so it can be unit-tested.

export type RestartDecision = { restart: true; delayMs: number } | { restart: false };

export class RestartPolicy {
  private crashes: number[] = [];

  constructor(
    /** Restarts allowed within `windowMs`; the next crash in the window gives up. */
    readonly maxRestarts = 5,
    readonly windowMs = 3 * 60_000,
    readonly firstDelayMs = 500,
    readonly maxDelayMs = 10_000,
  ) {}

  /** Records a crash at `now` (ms) and says whether and when to restart. */
  onCrash(now: number): RestartDecision {
    this.crashes = this.crashes.filter((t) => now - t < this.windowMs);
    if (this.crashes.length >= this.maxRestarts) return { restart: false };
    const delayMs = Math.min(this.firstDelayMs * 2 ** this.crashes.length, this.maxDelayMs);
    this.crashes.push(now);
    return { restart: true, delayMs };
  }

  /** Forgets past crashes, e.g. after the user restarted the server by hand. */
  reset(): void {
    this.crashes = [];
  }
}
