/**
 * Replacing a file that someone may care about, without ever leaving it half-written or
 * overwriting what someone else saved meanwhile. `domxml fix` writes through it, and so should any
 * later writer of a user's file.
 *
 * The new content goes to a temporary file in the same directory (the same file system, so the
 * rename is atomic), which gets the original's mode and owner and is flushed to disk; only then is
 * it renamed over the original, and the directory flushed so the rename survives a crash. On any
 * failure (a full disk, a quota, an I/O error) the temporary file is removed and the original is
 * as it was. A symbolic link is followed: its target is replaced and the link stays.
 */
import { BigIntStats, accessSync, closeSync, constants, fchmodSync, fchownSync, fstatSync, fsyncSync, openSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Words, render, words } from './messages/words';

/** `count` random bytes in hex; node:crypto is loaded on first use (a check that writes nothing never pays for it). */
function randomHex(count: number): string {
  return (require('node:crypto') as typeof import('node:crypto')).randomBytes(count).toString('hex');
}

/** A file as it was read, to be replaced only while it is still so. */
export interface ReadForReplace {
  /** The name it was read by, perhaps a symbolic link. */
  readonly named: string;
  /** The file itself (a link's target): what gets replaced. */
  readonly target: string;
  readonly bytes: Buffer;
  readonly stats: BigIntStats;
}

/** The file was left as it is, on purpose: replacing it would have lost something. The message says what (in English; `words` in any language). */
export class NotReplacedError extends Error {
  constructor(readonly words: Words) {
    super(render(words, 'en'));
  }
}

/** Reads `file` (through a symbolic link) for a later `replaceFile`. Only a regular file can be replaced. */
export function readForReplace(file: string): ReadForReplace {
  const target = realpathSync(file);
  // Non-blocking, so that a FIFO is refused instead of waiting for a writer forever.
  const descriptor = openSync(target, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stats = fstatSync(descriptor, { bigint: true });
    if (!stats.isFile()) throw new NotReplacedError(words('cli.notReplaced.notRegular'));
    return { named: file, target, bytes: readFileSync(descriptor), stats };
  } finally {
    closeSync(descriptor);
  }
}

/**
 * Replaces the file `read` came from with `content`, unless it changed since it was read (then
 * NotReplacedError, and nothing is written). Throws the file system's error when writing fails;
 * the original is then untouched and no temporary file is left.
 */
export function replaceFile(read: ReadForReplace, content: string | Buffer): void {
  const { target, stats } = read;
  // A new file would leave the other names of a hard link with the old content.
  if (stats.nlink > 1n) throw new NotReplacedError(words('cli.notReplaced.hardLinks', { count: String(stats.nlink) }));
  try {
    // A rename needs no write permission on the file, only on its directory: a read-only file stays so.
    accessSync(target, constants.W_OK);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new NotReplacedError(words('cli.notReplaced.removed'));
    throw error;
  }
  writeThroughTemporary(target, content, 0o600, {
    prepare: (descriptor) => keepOwnerAndMode(descriptor, stats),
    // As late as possible: a save made while this ran must not be overwritten.
    beforeRename: () => {
      if (!unchangedSince(read)) throw new NotReplacedError(words('cli.notReplaced.changed'));
    },
  });
}

/**
 * Writes `file` whole, new or regenerated (a cache entry, a generated data file): through a
 * temporary file of `mode`, flushed and renamed in, so no reader ever sees half of it and a failed
 * write leaves what was there. Unlike replaceFile it neither keeps an owner nor checks for edits.
 */
export function writeFileAtomically(file: string, content: string | Buffer, mode = 0o644): void {
  writeThroughTemporary(file, content, mode);
}

/**
 * Writes `content` to a new temporary file beside `target` (created with `mode`), lets `prepare`
 * adjust it, flushes it, and renames it over `target` once `beforeRename` agrees; on any failure
 * the temporary file goes and `target` is as it was.
 */
function writeThroughTemporary(
  target: string,
  content: string | Buffer,
  mode: number,
  steps: { prepare?: (descriptor: number) => void; beforeRename?: () => void } = {},
): void {
  const directory = dirname(target);
  const temporary = createTemporary(directory, basename(target), mode);
  let descriptor: number | undefined = temporary.descriptor;
  try {
    writeFileSync(descriptor, content);
    steps.prepare?.(descriptor);
    fsyncSync(descriptor);
    closeSync(descriptor);
    descriptor = undefined;
    steps.beforeRename?.();
    renameSync(temporary.path, target);
  } catch (error) {
    if (descriptor !== undefined) closeSync(descriptor);
    rmSync(temporary.path, { force: true });
    throw error;
  }
  syncDirectory(directory);
}

/** Keeps the temporary name (`.NAME.RANDOM.tmp`) within the usual 255-byte limit, however NAME is spelt. */
const MAX_BASE_CHARACTERS = 40;

function createTemporary(directory: string, base: string, mode: number): { path: string; descriptor: number } {
  for (let attempt = 0; ; attempt++) {
    const temporary = join(directory, `.${Array.from(base).slice(0, MAX_BASE_CHARACTERS).join('')}.${randomHex(6)}.tmp`);
    try {
      // Exclusive: never opens, or follows a link planted at, a name that already exists. Private until complete.
      return { path: temporary, descriptor: openSync(temporary, 'wx', mode) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 10) throw error;
    }
  }
}

function keepOwnerAndMode(descriptor: number, original: BigIntStats): void {
  const created = fstatSync(descriptor, { bigint: true });
  if (created.uid !== original.uid || created.gid !== original.gid) {
    try {
      fchownSync(descriptor, Number(original.uid), Number(original.gid));
    } catch {
      // Only root may give a file away: replacing it would change whose file it is.
      throw new NotReplacedError(words('cli.notReplaced.owner', { uid: String(original.uid), gid: String(original.gid) }));
    }
  }
  // After chown, which clears the set-user-ID and set-group-ID bits.
  fchmodSync(descriptor, Number(original.mode & 0o7777n));
}

/** Whether the file is still what was read: the same file (the link still leads to it), metadata and bytes. */
function unchangedSince(read: ReadForReplace): boolean {
  try {
    if (realpathSync(read.named) !== read.target) return false;
    const now = statSync(read.target, { bigint: true });
    const before = read.stats;
    const same = now.dev === before.dev && now.ino === before.ino && now.size === before.size && now.mtimeNs === before.mtimeNs && now.ctimeNs === before.ctimeNs;
    // The bytes too: a file system with coarse times shows two quick saves as one.
    return same && readFileSync(read.target).equals(read.bytes);
  } catch {
    return false;
  }
}

/** Makes the rename durable. Where directories cannot be opened or flushed (Windows, some file systems), there is nothing more to do. */
function syncDirectory(directory: string): void {
  let descriptor: number;
  try {
    descriptor = openSync(directory, 'r');
  } catch (error) {
    if (CANNOT_SYNC_DIRECTORY.has((error as NodeJS.ErrnoException).code ?? '')) return;
    throw error;
  }
  try {
    fsyncSync(descriptor);
  } catch (error) {
    if (!CANNOT_SYNC_DIRECTORY.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
  } finally {
    closeSync(descriptor);
  }
}

const CANNOT_SYNC_DIRECTORY = new Set(['EISDIR', 'EPERM', 'EINVAL', 'ENOTSUP', 'EBADF']);
