import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FramingWatch } from '../../server/src/framingWatch';

function message(body: string): Buffer {
  return Buffer.from(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
}

test('well-framed messages pass, whatever the chunks', () => {
  const stream = Buffer.concat([message('{"a":"é"}'), message('{}'), Buffer.from('Content-Type: x\r\n'), message('{"b":1}')]);
  for (const size of [1, 2, 3, 7, stream.length]) {
    const watch = new FramingWatch();
    for (let at = 0; at < stream.length; at += size) assert.equal(watch.feed(stream.subarray(at, at + size)), undefined, `chunks of ${size}`);
  }
});

test('bytes that never form a header are broken framing', () => {
  const watch = new FramingWatch();
  assert.equal(watch.feed(Buffer.from('garbage ')), undefined, 'not yet: it may still become a header');
  assert.match(watch.feed(Buffer.alloc(2000, 0x61)) ?? '', /no message header/);
});

test('a header without a valid Content-Length is broken framing', () => {
  assert.match(new FramingWatch().feed(Buffer.from('Content-Length: ten\r\n\r\n{}')) ?? '', /Content-Length/);
  assert.match(new FramingWatch().feed(Buffer.from('hello\r\n\r\n')) ?? '', /Content-Length/);
  assert.match(new FramingWatch().feed(Buffer.from('Content-Length: 1\r\nContent-Length: 2\r\n\r\n')) ?? '', /Content-Length/);
});

test('a Content-Length shorter than the body breaks the next header', () => {
  const body = '{"jsonrpc":"2.0","method":"x"}';
  const stream = Buffer.from(`Content-Length: 5\r\n\r\n${body}Content-Length: 2\r\n\r\n{}`);
  assert.match(new FramingWatch().feed(stream) ?? '', /Content-Length/);
});
