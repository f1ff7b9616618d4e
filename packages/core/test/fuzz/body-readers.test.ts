import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { connect } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebhookError } from '../../src/errors.js';
import { fromNodeRequest } from '../../src/node.js';
import { readWebBody } from '../../src/web.js';
import { listen } from '../support/http-server.js';

// Hundreds of cases per property on a shared, loaded machine: the per-case bound is the real check.
vi.setConfig({ testTimeout: 180_000 });

/**
 * The body readers under arbitrary chunking and lying framing. node:http: a real server on
 * loopback, a raw TCP client that writes the head and the body in fast-check-chosen pieces, with an
 * honest, absent (chunked), too small, too large or garbled Content-Length. Properties: the reader
 * returns exactly the bytes sent when they fit, 413 past the limit, a WebhookError otherwise (never
 * another exception), and every read settles in bounded time (no hang) even when the client
 * promised more than it sent and hung up.
 */
const CASE_BOUND_MS = 5000;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

interface ServerState {
  started: number;
  settled: number;
  unexpected: unknown[];
}

let port: number;
let close: () => Promise<void>;
const state: ServerState = { started: 0, settled: 0, unexpected: [] };

beforeAll(async () => {
  const server = await listen(async (req: IncomingMessage, res: ServerResponse) => {
    state.started++;
    let status: number;
    let body: string;
    try {
      const bytes = await fromNodeRequest(req).readBody(Number(req.headers['x-limit']));
      status = 200;
      body = JSON.stringify({ sha256: sha256(bytes), length: bytes.byteLength });
    } catch (error) {
      if (error instanceof WebhookError) {
        status = error.status;
        body = JSON.stringify({ code: error.code });
      } else {
        state.unexpected.push(error);
        status = 500;
        body = '{}';
      }
    } finally {
      state.settled++;
    }
    // Drain what the reader left unread, so the answer is not lost to a reset on close.
    req.resume();
    if (!res.destroyed) {
      res
        .writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) })
        .end(body);
    }
  });
  port = Number(new URL(server.url).port);
  close = server.close;
});

afterAll(() => close());

type Framing = 'honest' | 'chunked' | 'short' | 'long' | 'garbled';

interface Exchange {
  /** The first response, or undefined when the connection closed without one. */
  readonly status?: number;
  readonly body?: string;
}

/** Sends one request over a raw socket, the body in `pieces`, and reads the first response. */
function exchange(head: string, pieces: readonly Buffer[], halfClose: boolean): Promise<Exchange> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = Buffer.alloc(0);
    let done = false;
    const finish = (result: Exchange) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => {
      done = true;
      socket.destroy();
      reject(new Error('the exchange hung'));
    }, CASE_BOUND_MS);
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const end = received.indexOf('\r\n\r\n');
      if (end === -1) return;
      const headText = received.subarray(0, end).toString('latin1');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(headText)?.[1]);
      const length = Number(/\r\ncontent-length: *(\d+)/i.exec(headText)?.[1] ?? 0);
      if (received.length - end - 4 >= length)
        finish({ status, body: received.subarray(end + 4, end + 4 + length).toString('utf8') });
    });
    socket.on('error', () => finish({}));
    socket.on('close', () => finish({}));
    socket.on('connect', async () => {
      try {
        socket.write(head);
        for (const piece of pieces) {
          if (done || socket.destroyed) return;
          await new Promise<void>((next) => setImmediate(next));
          socket.write(piece);
        }
        if (halfClose && !socket.destroyed) socket.end();
      } catch {
        // The server may close first (e.g. a garbled head): the outcome is whatever was answered.
      }
    });
  });
}

/** Cuts `bytes` at the given (sorted, deduplicated) offsets. */
function cut(bytes: Buffer, offsets: readonly number[]): Buffer[] {
  const points = [...new Set(offsets.map((o) => o % (bytes.length + 1)))].sort((a, b) => a - b);
  const pieces: Buffer[] = [];
  let from = 0;
  for (const point of [...points, bytes.length]) {
    if (point > from) pieces.push(bytes.subarray(from, point));
    from = Math.max(from, point);
  }
  return pieces;
}

async function settledWithin(ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (state.settled < state.started) {
    if (Date.now() > deadline) throw new Error(`a body read never settled (${state.started - state.settled} pending)`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('fromNodeRequest through a real node:http server', () => {
  it('arbitrary chunking and Content-Length: exact bytes, 413 past the limit, a WebhookError otherwise, never a hang', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 6000, size: 'medium' }).map((b) => Buffer.from(b)),
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.integer({ min: 1, max: 3000 }),
        fc.constantFrom<Framing>('honest', 'chunked', 'short', 'long', 'garbled'),
        fc.integer({ min: 1, max: 3000 }),
        fc.constantFrom('abc', '-1', '1e3', '5, 6', ' ', '0x10'),
        async (body, offsets, limit, framing, lie, garbage) => {
          const declared =
            framing === 'honest'
              ? body.length
              : framing === 'short'
                ? Math.max(0, body.length - lie)
                : body.length + lie;
          const lengthHeader =
            framing === 'chunked'
              ? 'Transfer-Encoding: chunked\r\n'
              : `Content-Length: ${framing === 'garbled' ? garbage : declared}\r\n`;
          const head = `POST /hook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nX-Limit: ${limit}\r\n${lengthHeader}\r\n`;
          const pieces =
            framing === 'chunked'
              ? [
                  ...cut(body, offsets).map((piece) =>
                    Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n')]),
                  ),
                  Buffer.from('0\r\n\r\n'),
                ]
              : cut(body, offsets);
          const reply = await exchange(
            head,
            pieces,
            framing === 'long' || framing === 'short' || framing === 'garbled',
          );
          await settledWithin(CASE_BOUND_MS);
          expect(state.unexpected).toEqual([]);

          const fits = body.length <= limit;
          const expectBytes = (bytes: Buffer) =>
            expect(JSON.parse(reply.body!)).toEqual({ sha256: sha256(bytes), length: bytes.length });
          switch (framing) {
            case 'honest':
            case 'chunked':
              expect(reply.status).toBe(fits ? 200 : 413);
              if (fits) expectBytes(body);
              break;
            case 'short': {
              // The reader takes the declared bytes; the rest is garbage to the parser, which may answer first.
              if (reply.status === 200) expectBytes(body.subarray(0, declared));
              if (reply.status !== undefined) expect([200, 400, 413]).toContain(reply.status);
              if (reply.status === 200) expect(declared).toBeLessThanOrEqual(limit);
              if (reply.status === 413) expect(declared).toBeGreaterThan(limit);
              break;
            }
            case 'long':
              // Promised more than sent, then hung up: never a success; 413 when the promise alone is too large.
              if (reply.status !== undefined) expect(reply.status).toBe(declared > limit ? 413 : 400);
              break;
            case 'garbled':
              if (reply.status !== undefined) expect(reply.status).toBeGreaterThanOrEqual(400);
              break;
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('readWebBody on arbitrary streams', () => {
  it('exact bytes when they fit, 413 past the limit, 400 when the stream fails first; reading stops at the limit', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.uint8Array({ maxLength: 700 }), { maxLength: 12 }),
        fc.integer({ min: 1, max: 4000 }),
        fc.option(fc.nat(12), { nil: undefined }),
        async (chunks, limit, failAt) => {
          let pulled = 0;
          const stream = new ReadableStream<Uint8Array>(
            {
              pull(controller) {
                if (failAt !== undefined && pulled === failAt) return controller.error(new Error('network'));
                if (pulled === chunks.length) return controller.close();
                controller.enqueue(chunks[pulled++]!);
              },
            },
            { highWaterMark: 0 },
          );
          const request = new Request('http://localhost/hook', {
            method: 'POST',
            body: stream,
            duplex: 'half',
          } as RequestInit);
          const started = performance.now();
          let result: Uint8Array | WebhookError;
          try {
            result = await readWebBody(request, limit);
          } catch (error) {
            expect(error).toBeInstanceOf(WebhookError);
            result = error as WebhookError;
          }
          expect(performance.now() - started).toBeLessThan(CASE_BOUND_MS);

          // The oracle: walk the chunks as the reader should.
          let size = 0;
          let expected: 'bytes' | 413 | 400 = 'bytes';
          for (let i = 0; i <= chunks.length; i++) {
            if (failAt === i) {
              expected = 400;
              break;
            }
            if (i === chunks.length) break;
            size += chunks[i]!.byteLength;
            if (size > limit) {
              expected = 413;
              expect(pulled).toBe(i + 1); // nothing read past the chunk that crossed the limit
              break;
            }
          }
          if (expected === 'bytes') {
            expect(result).toBeInstanceOf(Uint8Array);
            expect(Buffer.from(result as Uint8Array).equals(Buffer.concat(chunks))).toBe(true);
          } else {
            expect(result).toMatchObject({ status: expected });
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
