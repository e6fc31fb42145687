/**
 * Reading a directory of the machine the server runs on, for path completion: names and kinds
 * only (no file is opened, no link followed, nothing stat'ed), at most `maxRead` entries, and
 * stopping as soon as the request is aborted.
 *
 * A read on a hung mount (NFS) never returns and holds one of libuv's four threads, which every
 * file read of the process shares. So a directory whose read is still running is not read again
 * (it answers nothing at once), and at most MAX_RUNNING reads run at a time.
 */
import { Dir, Dirent } from 'node:fs';
import { opendir } from 'node:fs/promises';
import { DirectoryEntry, DirectoryListing, ReadRequest } from './features/pathCompletion';

const MAX_RUNNING = 2;
const running = new Set<string>();

export async function readLocalDirectory(directory: string, request: ReadRequest): Promise<DirectoryListing> {
  if (running.has(directory) || running.size >= MAX_RUNNING) return { entries: [], complete: false };
  running.add(directory);
  try {
    // opendir opens with O_DIRECTORY: a FIFO or a device fails at once instead of blocking.
    const handle = await opendir(directory, { bufferSize: 128 });
    try {
      return await readEntries(handle, request);
    } finally {
      await handle.close().catch(() => undefined);
    }
  } finally {
    running.delete(directory);
  }
}

async function readEntries(handle: Dir, request: ReadRequest): Promise<DirectoryListing> {
  const entries: DirectoryEntry[] = [];
  for (let read = 0; ; read++) {
    if (request.signal.aborted || read >= request.maxRead || entries.length >= request.maxKept) return { entries, complete: false };
    const entry = await handle.read();
    if (entry === null) return { entries, complete: true };
    if (request.keep(entry.name)) entries.push({ name: entry.name, kind: kindOf(entry) });
  }
}

/** The kind the directory reports; a file system that reports none gives a file (it is offered, not read). */
function kindOf(entry: Dirent): DirectoryEntry['kind'] {
  if (entry.isDirectory()) return 'directory';
  if (entry.isSymbolicLink()) return 'symlink';
  if (entry.isBlockDevice() || entry.isCharacterDevice() || entry.isFIFO() || entry.isSocket()) return 'special';
  return 'file';
}
