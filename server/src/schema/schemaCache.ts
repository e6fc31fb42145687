/**
 * The on-disk cache of compiled user schemas, kept where no other user can plant an entry: a
 * per-user directory that must be ours and writable by us alone. A compiled model decides what
 * `domxml check` calls clean, so an entry that anyone else could have written, or that is not a
 * plain file of bounded size whose content matches the hash in its header, is ignored (and the
 * reason reported), and the schema is compiled instead.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeFileAtomically } from '../safeWrite';

/**
 * The largest entry read or written. libvirt 12.8.0's schema compiles to an entry of
 * 155 KB; 8 MiB leaves room for far larger schemas while bounding what a bad entry costs.
 */
export const MAX_CACHE_ENTRY_BYTES = 8 * 1024 * 1024;

/** An entry's first line: this marker, then the SHA-256 of everything after the line. */
const HEADER_MARKER = 'libvirt-xml-schema-cache sha256=';
const HEADER = new RegExp(`^${HEADER_MARKER}([0-9a-f]{64})\n`);

/** Opening never follows a symbolic link, nor waits for a FIFO's writer (0 where the OS has no such flag). */
const OPEN_FOR_READING = fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0) | (fs.constants.O_NONBLOCK ?? 0);

/**
 * Where the CLI (and a server no editor gave a directory) caches: $XDG_CACHE_HOME/libvirt-xml, or
 * ~/.cache/libvirt-xml. Never the shared temporary directory, where another user could create it first.
 */
export function defaultCacheDirectory(environment: NodeJS.ProcessEnv = process.env, home = os.homedir()): string {
  const xdg = environment.XDG_CACHE_HOME;
  // The XDG base directory spec: a relative XDG_CACHE_HOME is invalid and ignored.
  const base = xdg !== undefined && path.isAbsolute(xdg) ? xdg : path.join(home, '.cache');
  return path.join(base, 'libvirt-xml');
}

export type CacheRead = { payload: string } | { problem: string } | undefined;

/** A cache directory that passed the checks of `open`. */
export class SchemaCache {
  private constructor(readonly directory: string) {}

  /**
   * Creates the directory (mode 0700) when missing and checks it: a real directory, not a
   * symbolic link, owned by this user and writable by no one else. Else the reason it is not used.
   */
  static open(directory: string): SchemaCache | { problem: string } {
    const refuse = (why: string) => ({ problem: `not using the schema cache ${directory}: ${why}` });
    if (!path.isAbsolute(directory)) return refuse('it is not an absolute path');
    let stats: fs.Stats;
    try {
      fs.mkdirSync(directory, { recursive: true, mode: 0o700 });
      stats = fs.lstatSync(directory);
    } catch (error) {
      return refuse(message(error));
    }
    if (stats.isSymbolicLink()) return refuse('it is a symbolic link');
    if (!stats.isDirectory()) return refuse('it is not a directory');
    const uid = process.getuid?.();
    // Without uids (Windows) the per-user profile directory's ACLs are what protects it.
    if (uid !== undefined) {
      if (stats.uid !== uid) return refuse(`it belongs to uid ${stats.uid}, not to this user (uid ${uid}); remove it`);
      if ((stats.mode & 0o022) !== 0) return refuse(`others can write to it (mode ${(stats.mode & 0o777).toString(8)}); run chmod go-w on it`);
    }
    return new SchemaCache(directory);
  }

  /**
   * The payload of entry `name`: undefined when there is none, a problem when it is there but
   * cannot be trusted (not a regular file of ours, too large, content not matching its hash).
   */
  read(name: string): CacheRead {
    const file = path.join(this.directory, name);
    const ignore = (why: string) => ({ problem: `ignored the schema cache entry ${file}: ${why}` });
    let seen: fs.Stats;
    try {
      seen = fs.lstatSync(file);
    } catch {
      return undefined;
    }
    // Checked before opening: opening a device or a FIFO can block or act.
    const unfit = unfitEntry(seen);
    if (unfit) return ignore(unfit);
    let content: Buffer;
    try {
      const descriptor = fs.openSync(file, OPEN_FOR_READING);
      try {
        const opened = fs.fstatSync(descriptor);
        // Replaced between the lstat and the open: judge what was opened.
        if (opened.ino !== seen.ino || opened.dev !== seen.dev) return ignore('it changed while it was opened');
        const unfitOpened = unfitEntry(opened);
        if (unfitOpened) return ignore(unfitOpened);
        content = readAtMost(descriptor, opened.size);
      } finally {
        fs.closeSync(descriptor);
      }
    } catch (error) {
      return ignore(message(error));
    }
    const header = HEADER.exec(content.subarray(0, HEADER_MARKER.length + 65).toString('latin1'));
    if (!header) return ignore('it has no libvirt-xml-schema-cache header');
    const payload = content.subarray(header[0].length);
    if (sha256(payload) !== header[1]) return ignore('its content does not match the SHA-256 in its header');
    return { payload: payload.toString('utf8') };
  }

  /** Writes entry `name` (mode 0600) through a temporary file renamed in, so no reader sees half of it. */
  write(name: string, payload: string): void {
    const body = Buffer.from(payload, 'utf8');
    const content = Buffer.concat([Buffer.from(`${HEADER_MARKER}${sha256(body)}\n`, 'latin1'), body]);
    if (content.length > MAX_CACHE_ENTRY_BYTES) throw new Error(`the compiled schema takes ${content.length} bytes, over the cache's bound of ${MAX_CACHE_ENTRY_BYTES}`);
    // The temporary file is created exclusively (never through a planted name) and private.
    writeFileAtomically(path.join(this.directory, name), content, 0o600);
  }
}

/** Why an entry's status rules it out, if it does. */
function unfitEntry(stats: fs.Stats): string | undefined {
  if (stats.isSymbolicLink()) return 'it is a symbolic link';
  if (!stats.isFile()) return 'it is not a regular file';
  const uid = process.getuid?.();
  if (uid !== undefined && stats.uid !== uid) return `it belongs to uid ${stats.uid}, not to this user (uid ${uid})`;
  if (stats.size > MAX_CACHE_ENTRY_BYTES) return `it is larger than the bound of ${MAX_CACHE_ENTRY_BYTES} bytes (${stats.size} bytes)`;
  return undefined;
}

/** Up to `size` bytes from the start of an open file (fewer if it ends sooner). */
function readAtMost(descriptor: number, size: number): Buffer {
  const buffer = Buffer.alloc(size);
  let filled = 0;
  while (filled < size) {
    const count = fs.readSync(descriptor, buffer, filled, size - filled, filled);
    if (count === 0) break;
    filled += count;
  }
  return buffer.subarray(0, filled);
}

export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
