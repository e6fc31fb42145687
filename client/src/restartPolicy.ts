// When the language server dies unexpectedly we restart it, waiting longer after each crash,
// and give up when it keeps crashing (a document that crashes the server on open would
// otherwise cause an endless restart loop). Pure so it can be unit-tested.

export interface CrashLimit {
  /** Restarts allowed within `windowMs`; the next crash in the window gives up. */
  maxRestarts: number;
  windowMs: number;
}

export type RestartDecision = { restart: true; delayMs: number } | { restart: false; crashes: number; windowMs: number };

/**
 * A burst of crashes (a document that crashes the server on open) gives up within minutes; a
 * short window alone would restart forever a server that crashes every few minutes, so a day's
 * crashes count too.
 */
export const CRASH_LIMITS: readonly CrashLimit[] = [
  { maxRestarts: 5, windowMs: 3 * 60_000 },
  { maxRestarts: 10, windowMs: 24 * 60 * 60_000 },
];

export class RestartPolicy {
  private crashes: number[] = [];
  private readonly rememberMs: number;

  constructor(
    readonly limits: readonly CrashLimit[] = CRASH_LIMITS,
    readonly firstDelayMs = 500,
    readonly maxDelayMs = 10_000,
  ) {
    this.rememberMs = Math.max(...limits.map((limit) => limit.windowMs));
  }

  /** Records a crash at `now` (ms) and says whether and when to restart. */
  onCrash(now: number): RestartDecision {
    this.crashes = this.crashes.filter((t) => now - t < this.rememberMs);
    for (const { maxRestarts, windowMs } of this.limits) {
      const recent = this.crashes.filter((t) => now - t < windowMs).length;
      if (recent >= maxRestarts) return { restart: false, crashes: recent + 1, windowMs };
    }
    // The delay doubles with every crash remembered, up to the cap.
    const delayMs = Math.min(this.firstDelayMs * 2 ** this.crashes.length, this.maxDelayMs);
    this.crashes.push(now);
    return { restart: true, delayMs };
  }

  /** Forgets past crashes, e.g. after the user restarted the server by hand. */
  reset(): void {
    this.crashes = [];
  }
}
