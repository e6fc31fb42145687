/**
 * Writes each message to the server's stdin at once, in order. vscode-jsonrpc's own writer waits
 * for every write to complete before the next, so in a burst a message sat in the client for up
 * to 0.3 s before the server could read it, and the soak measured the client's queue instead of
 * the server.
 */
import { Writable } from 'node:stream';
import { AbstractMessageWriter, Message, MessageWriter } from 'vscode-languageserver-protocol/node';

export class DirectMessageWriter extends AbstractMessageWriter implements MessageWriter {
  constructor(private readonly stream: Writable) {
    super();
    // A server that has exited: the write fails (EPIPE) and the connection reports it.
    stream.on('error', (error) => this.fireError(error));
  }

  write(message: Message): Promise<void> {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.stream.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
    return Promise.resolve();
  }

  end(): void {}
}
