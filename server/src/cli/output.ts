/**
 * domxml's standard output and error, and the end of a run. On POSIX a write goes straight to the
 * descriptor (writeSync): Node's own stdio streams write files, pipes and terminals there at
 * once and in full too, and not making them spares a one-file check their modules, their set-up
 * and the wait for their handles at exit (27M of its 183M instructions above Node's start-up, and
 * 370 of its 3,490 page faults).
 * On Windows, whose console takes the stream's UTF-16 writes, and for a descriptor that would
 * block (a non-blocking pipe), the write goes through the stream.
 */
import { writeSync } from 'node:fs';

const STDOUT = 1;
const STDERR = 2;

/** Whether a write went through a stream: later ones follow it (in order), and the run ends when the streams have written all. */
let streamed = false;
/** Whether standard output's reader has gone (`domxml check … | head`): what is left for it is dropped. */
let stdoutGone = false;

export function writeOut(text: string): void {
  write(STDOUT, text);
}

export function writeErr(text: string): void {
  write(STDERR, text);
}

/** Ends the run with `status`: at once when all was written, else when the streams have written the rest. */
export function exitWith(status: number): void {
  process.exitCode = status;
  if (!streamed) process.exit(status);
}

function write(fd: typeof STDOUT | typeof STDERR, text: string): void {
  if (text === '' || (fd === STDOUT && stdoutGone)) return;
  let rest: string | Buffer = text;
  if (!streamed && process.platform !== 'win32') {
    const bytes = Buffer.from(text, 'utf8');
    let written = 0;
    try {
      while (written < bytes.length) written += writeSync(fd, bytes, written);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (fd === STDOUT && code === 'EPIPE') return readerGone();
      if (code !== 'EAGAIN') throw error;
      rest = bytes.subarray(written);
    }
  }
  if (!streamed) {
    streamed = true;
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      readerGone();
    });
  }
  (fd === STDOUT ? process.stdout : process.stderr).write(rest);
}

/** A reader that stops early is not an error of ours: the run ends, with the status it has so far (clean if none), as it would once the stream said so. */
function readerGone(): void {
  if (stdoutGone) return;
  stdoutGone = true;
  process.nextTick(() => process.exit(process.exitCode ?? 0));
}
