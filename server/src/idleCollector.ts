/**
 * Every edit of a large document builds a new text string and re-parses a stretch of it, so a
 * burst of typing in a 10 MB file leaves hundreds of megabytes of garbage that V8 collects only
 * when it must. Once edits pause, a full collection brings the server's memory back to what the
 * open documents need.
 */
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

const PAUSE_MS = 1000;
const LARGE_DOCUMENT = 1024 * 1024;

export class IdleCollector {
  private timer: NodeJS.Timeout | undefined;
  /**
   * V8's gc(), found in a context made the first time a large document needs it (null: this
   * Node has none): made at start, that context cost every server start about 1 ms of CPU and
   * 40 page faults.
   */
  private collect: (() => void) | null | undefined;

  /** Call after work on a document of `length` characters; small documents need nothing. */
  afterWork(length: number): void {
    if (length < LARGE_DOCUMENT) return;
    this.collect ??= exposedGc();
    if (!this.collect) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.collect?.();
    }, PAUSE_MS);
    this.timer.unref();
  }
}

/** gc() as a new context has it with --expose-gc (which serverLaunch.ts sets before the bundle compiles). */
function exposedGc(): (() => void) | null {
  v8.setFlagsFromString('--expose-gc');
  const gc: unknown = vm.runInNewContext('typeof gc === "function" ? gc : undefined');
  return typeof gc === 'function' ? (gc as () => void) : null;
}
