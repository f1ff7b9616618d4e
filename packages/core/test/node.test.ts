import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fromNodeRequest, type NodeRequestOptions, writeNodeResponse } from '../src/adapter.js';
import { atelio, createWebhooks, handleRequest } from '../src/index.js';
import { sampleBody } from '../src/testing.js';
import { listen } from './support/http-server.js';
import { atelioSignatureHeader } from './support/sign.js';

/** fromNodeRequest on a real node:http server: bounded, single, raw reads of the body. */
const SECRET = 'whsec_node_test_secret';
const body = JSON.stringify(sampleBody('atelio', 'card.created'));
let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function serve(options: { bodyLimit?: number; before?: (req: IncomingMessage) => Promise<NodeRequestOptions | void> } = {}) {
  const handler = vi.fn();
  const hooks = createWebhooks({ provider: atelio({ secret: SECRET }), on: { '*': handler }, bodyLimit: options.bodyLimit, onError: () => undefined });
  const server = await listen(async (req: IncomingMessage, res: ServerResponse) => {
    const nodeOptions = (await options.before?.(req)) ?? {};
    const response = await handleRequest(hooks, fromNodeRequest(req, nodeOptions));
    res.writeHead(response.status, response.headers).end(response.body);
  });
  close = server.close;
  return { url: server.url, handler };
}

function post(
  url: string,
  payload: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string; headers: IncomingMessage['headers'] }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

describe('fromNodeRequest', () => {
  it('reads the raw body from the stream and routes the event', async () => {
    const { url, handler } = await serve();
    const response = await post(url, body, { 'bond-signature': atelioSignatureHeader(body, SECRET) });
    expect(response.status).toBe(200);
    expect(handler).toHaveBeenCalledOnce();
  });

  it('refuses a declared length over the limit with 413 before the body is sent', async () => {
    const { url, handler } = await serve({ bodyLimit: 1024 });
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(50 * 1024 * 1024), 'bond-signature': 't=1,v2=00' },
      });
      req.on('response', (res) => {
        resolve(res.statusCode ?? 0);
        res.resume();
        req.destroy();
      });
      req.on('error', (error) => ((error as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(error)));
      req.write('{"event":'); // 9 bytes of a declared 50 MiB: the answer must not wait for the rest.
    });
    expect(status).toBe(413);
    expect(handler).not.toHaveBeenCalled();
  });

  it('refuses a chunked body that grows past the limit with 413', async () => {
    const { url, handler } = await serve({ bodyLimit: 1024 });
    const big = JSON.stringify({ event: 'transactions', padding: 'x'.repeat(4096) });
    const response = await post(url, big, { 'transfer-encoding': 'chunked', 'bond-signature': atelioSignatureHeader(big, SECRET) });
    expect(response.status).toBe(413);
    expect(handler).not.toHaveBeenCalled();
  });

  it('uses raw bytes a body parser kept instead of the consumed stream', async () => {
    const { url, handler } = await serve({
      before: async (req) => {
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        return { rawBody: Buffer.concat(chunks).toString('utf8') };
      },
    });
    const response = await post(url, body, { 'bond-signature': atelioSignatureHeader(body, SECRET) });
    expect(response.status).toBe(200);
    expect(handler).toHaveBeenCalledOnce();
  });

  it('fails loudly, saying how to fix it, when a parser consumed the stream and kept nothing', async () => {
    const { url, handler } = await serve({
      before: async (req) => {
        for await (const _ of req) void _;
        return { howToFix: 'Mount finhooks before express.json().' };
      },
    });
    const response = await post(url, body, { 'bond-signature': atelioSignatureHeader(body, SECRET) });
    expect(response.status).toBe(500);
    expect(JSON.parse(response.body).error).toMatchObject({
      code: 'body_already_parsed',
      message: expect.stringContaining('Mount finhooks before express.json().'),
    });
    expect(handler).not.toHaveBeenCalled();
  });
});

describe('writeNodeResponse', () => {
  it('keeps headers the app set before, and its own win on a clash (one writeHead)', async () => {
    const server = await listen((_req: IncomingMessage, res: ServerResponse) => {
      res.setHeader('x-request-id', 'req-1');
      res.setHeader('content-type', 'text/plain');
      writeNodeResponse(res, {
        status: 503,
        headers: { 'content-type': 'application/json; charset=utf-8', 'retry-after': '30' },
        body: '{"error":{"code":"shutting_down","message":"x"}}',
      });
    });
    close = server.close;
    const answer = await post(server.url, '');
    expect(answer.status).toBe(503);
    expect(answer.headers['x-request-id']).toBe('req-1');
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(answer.headers['retry-after']).toBe('30');
    expect(answer.body).toBe('{"error":{"code":"shutting_down","message":"x"}}');
  });
});
