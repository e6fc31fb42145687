/**
 * Writes each message to a stream at once: its header and body in one write, in order, without
 * waiting for the write before it. vscode-jsonrpc's own writer writes the header and the body
 * apart and waits for each: two system calls per message on a pipe (stdout is written
 * synchronously on Linux), each waking the reader. The server answers over stdio with it, and
 * the tests' and the benchmark's client writes with it (a message there sat in the client for up
 * to 0.3 s in a burst, so the soak measured the client's queue instead of the server).
 */
import { Writable } from 'node:stream';
import { AbstractMessageWriter, Message, MessageWriter } from 'vscode-languageserver/node';

export class DirectMessageWriter extends AbstractMessageWriter implements MessageWriter {
  constructor(private readonly stream: Writable) {
    super();
    // A reader that has gone: the write fails (EPIPE) and the connection reports it.
    stream.on('error', (error) => this.fireError(error));
  }

  write(message: Message): Promise<void> {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.stream.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
    return Promise.resolve();
  }

  end(): void {}
}
