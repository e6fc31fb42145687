/**
 * Every edit of a large document builds a new text string and re-parses a stretch of it, so a
 * burst of typing in a 10 MB file leaves hundreds of megabytes of garbage that V8 collects only
 * when it must. Once edits pause, a full collection brings the server's memory back to what the
 * open documents need.
 */
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

const PAUSE_MS = 1000;

export class IdleCollector {
  private timer: NodeJS.Timeout | undefined;
  private readonly collect: (() => void) | undefined;

  constructor() {
    v8.setFlagsFromString('--expose-gc');
    const gc: unknown = vm.runInNewContext('typeof gc === "function" ? gc : undefined');
    this.collect = typeof gc === 'function' ? (gc as () => void) : undefined;
  }

  /** Call after work on a document of `length` characters; small documents need nothing. */
  afterWork(length: number): void {
    if (!this.collect || length < 1024 * 1024) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.collect?.();
    }, PAUSE_MS);
    this.timer.unref();
  }
}
