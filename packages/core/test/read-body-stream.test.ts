import { connect } from 'node:net';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { BodyTimeoutError, MalformedPayloadError, PayloadTooLargeError } from '../src/index.js';
import { readBodyStream } from '../src/adapter.js';
import { listen } from './support/http-server.js';

/** core's own bounded reader (it replaced raw-body): sizes, declared lengths, aborts and time. */
describe('readBodyStream', () => {
  it('returns the exact bytes of a body sent in several chunks', async () => {
    const stream = new PassThrough();
    const reading = readBodyStream(stream, { limit: 100, length: '11' });
    stream.write('hello ');
    stream.end(Buffer.from('world'));
    expect((await reading).toString('utf8')).toBe('hello world');
  });

  it('refuses a declared length above the limit before reading anything (413), leaving the stream paused', async () => {
    const stream = new PassThrough();
    stream.write('x'.repeat(10));
    await expect(readBodyStream(stream, { limit: 5, length: 1_000_000 })).rejects.toBeInstanceOf(PayloadTooLargeError);
    expect(stream.listenerCount('data')).toBe(0);
    expect(stream.isPaused()).toBe(true);
  });

  it('stops at the first chunk past the limit (413): paused, no listener left, nothing more read', async () => {
    const stream = new PassThrough();
    const reading = readBodyStream(stream, { limit: 8 });
    stream.write('12345');
    stream.write('67890');
    await expect(reading).rejects.toMatchObject({ status: 413 });
    expect(stream.listenerCount('data')).toBe(0);
    expect(stream.isPaused()).toBe(true);
  });

  it('refuses a body shorter than its declared length with 400 malformed_body', async () => {
    const stream = new PassThrough();
    const reading = readBodyStream(stream, { limit: 100, length: '50' });
    stream.end('only ten b');
    await expect(reading).rejects.toMatchObject({ status: 400, code: 'malformed_body' });
    await expect(reading).rejects.toBeInstanceOf(MalformedPayloadError);
  });

  it('refuses a stream that errors or closes before its end with 400 malformed_body', async () => {
    const errored = new PassThrough();
    const a = readBodyStream(errored, { limit: 100 });
    errored.destroy(new Error('socket hang up'));
    await expect(a).rejects.toMatchObject({ status: 400, code: 'malformed_body' });

    const closed = new PassThrough();
    const b = readBodyStream(closed, { limit: 100 });
    closed.write('partial');
    closed.destroy();
    await expect(b).rejects.toMatchObject({ status: 400, code: 'malformed_body' });
  });

  it('cuts a slow body off at the timeout (408)', async () => {
    const stream = new PassThrough();
    const reading = readBodyStream(stream, { limit: 100, timeout: 50 });
    stream.write('a');
    await expect(reading).rejects.toBeInstanceOf(BodyTimeoutError);
    expect(stream.listenerCount('data')).toBe(0);
  });

  it('refuses a stream that was already read or has an encoding set (400), instead of hanging', async () => {
    const encoded = new PassThrough();
    encoded.setEncoding('utf8');
    await expect(readBodyStream(encoded, { limit: 100 })).rejects.toMatchObject({ code: 'malformed_body' });
    const ended = new PassThrough();
    ended.end();
    ended.resume();
    await new Promise((resolve) => ended.on('end', resolve));
    await expect(readBodyStream(ended, { limit: 100 })).rejects.toMatchObject({ code: 'malformed_body' });
  });
});

describe('readBodyStream on a real server', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  it('answers a client that goes away mid-body at once (400 malformed_body), not at the timeout', async () => {
    let settled: (value: { error: unknown; ms: number }) => void;
    const outcome = new Promise<{ error: unknown; ms: number }>((resolve) => (settled = resolve));
    const server = await listen((req, res) => {
      const t0 = Date.now();
      readBodyStream(req, { limit: 1024, timeout: 20_000, length: req.headers['content-length'] }).then(
        () => settled({ error: undefined, ms: Date.now() - t0 }),
        (error: unknown) => settled({ error, ms: Date.now() - t0 }),
      );
      res.on('close', () => undefined);
    });
    close = server.close;
    const { port } = new URL(server.url);
    const socket = connect(Number(port), '127.0.0.1');
    await new Promise((resolve) => socket.on('connect', resolve));
    socket.write(
      'POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"partial":',
    );
    setTimeout(() => socket.destroy(), 100);
    const { error, ms } = await outcome;
    expect(error).toMatchObject({ status: 400, code: 'malformed_body' });
    expect(ms).toBeLessThan(10_000);
  });
});
