/**
 * Reading a user schema's files, bounded: only regular files, and no more bytes in all than a
 * budget. A schema directory is input the user (or whoever could write there) controls, and an
 * include of /dev/zero, a FIFO or a 100 MB file must cost an error, not the server.
 */
import * as fs from 'node:fs';

/** The schema's files together may hold this much: libvirt 12.8.0's domain schema reads 0.47 MB. */
export const MAX_SCHEMA_BYTES = 16 * 1024 * 1024;

const CHUNK_BYTES = 64 * 1024;

/** Reads files for one compile; all of them together may not pass `maxBytes`. */
export class SchemaFileReader {
  private bytesRead = 0;

  constructor(readonly maxBytes = MAX_SCHEMA_BYTES) {}

  /** The text of `file`; throws, saying why, when it is not a regular file or the budget would be passed. */
  read(file: string): string {
    const left = this.maxBytes - this.bytesRead;
    const limit = `the ${megabytes(left)} MB left of the ${megabytes(this.maxBytes)} MB a schema's files may hold in all`;
    const content = readRegularFile(file, left, limit);
    this.bytesRead += content.length;
    return content.toString('utf8');
  }
}

/**
 * The content of `file` when it is a regular file of at most `maxBytes`. It is opened
 * non-blocking, so that a FIFO cannot block the open, and checked on the open descriptor, so
 * that what is read is what was checked.
 */
export function readRegularFile(file: string, maxBytes: number, limit = `${maxBytes} bytes`): Buffer {
  const { O_RDONLY, O_NONBLOCK = 0, O_NOCTTY = 0 } = fs.constants;
  const descriptor = fs.openSync(file, O_RDONLY | O_NONBLOCK | O_NOCTTY);
  try {
    const stat = fs.fstatSync(descriptor);
    if (!stat.isFile()) throw new Error(`is ${fileKind(stat)}, not a regular file`);
    if (stat.size > maxBytes) throw new Error(`is larger than ${limit}`);
    // The size is checked again while reading: the file may grow after fstat.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
      const count = fs.readSync(descriptor, chunk, 0, CHUNK_BYTES, null);
      if (count === 0) break;
      total += count;
      if (total > maxBytes) throw new Error(`is larger than ${limit}`);
      chunks.push(count === CHUNK_BYTES ? chunk : chunk.subarray(0, count));
    }
    return Buffer.concat(chunks, total);
  } finally {
    fs.closeSync(descriptor);
  }
}

function megabytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1);
}

function fileKind(stat: fs.Stats): string {
  if (stat.isDirectory()) return 'a directory';
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  return 'not a file';
}
