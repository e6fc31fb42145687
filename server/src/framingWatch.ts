/**
 * Follows the `Content-Length` framing of the LSP stream on stdin alongside vscode-jsonrpc's
 * reader, which waits forever on bytes that never form a header and keeps buffering them. Broken
 * framing cannot be resynchronised, so the server logs why and exits, and the client restarts it.
 */

/** Longer header sections are garbage: real ones are one or two short lines. */
const MAX_HEADER_BYTES = 1024;
const HEADER_END = '\r\n\r\n';

export class FramingWatch {
  /** The header read so far (headers are ASCII); bodies are only counted. */
  private header = '';
  /** Bytes of the current message body still to come; 0 while reading a header. */
  private bodyLeft = 0;

  /** Follows the next chunk; returns what is wrong with the framing, if anything. */
  feed(chunk: Buffer): string | undefined {
    let at = 0;
    while (at < chunk.length) {
      if (this.bodyLeft > 0) {
        const skipped = Math.min(this.bodyLeft, chunk.length - at);
        this.bodyLeft -= skipped;
        at += skipped;
        continue;
      }
      // One byte at a time, but only through headers: a few dozen bytes a message.
      this.header += String.fromCharCode(chunk[at++]);
      if (this.header.endsWith(HEADER_END)) {
        const problem = this.startBody(this.header);
        if (problem) return problem;
        this.header = '';
      } else if (this.header.length > MAX_HEADER_BYTES) {
        return `no message header in the first ${MAX_HEADER_BYTES} bytes: ${JSON.stringify(this.header.slice(0, 80))}…`;
      }
    }
    return undefined;
  }

  private startBody(header: string): string | undefined {
    const lengths = header
      .split('\r\n')
      .map((line) => /^content-length:\s*(\S*)\s*$/i.exec(line)?.[1])
      .filter((value) => value !== undefined);
    if (lengths.length !== 1 || !/^\d{1,15}$/.test(lengths[0])) return `a message header without one valid Content-Length: ${JSON.stringify(header.slice(0, 200))}`;
    this.bodyLeft = Number(lengths[0]);
    return undefined;
  }
}
