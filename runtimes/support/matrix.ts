import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BODY_LIMIT } from '../app/webhooks.ts';
import { atelioCard, atelioDelivery, atomicDelivery, type Delivery, moneyhubDelivery } from './deliveries.ts';
import type { RunningServer } from './process.ts';

/**
 * The same bad-input matrix and valid deliveries against the app served by one real runtime, over
 * real HTTP on loopback. `basePath` is where the runtime mounts the app (`/api/webhooks` on Next).
 */
export function runtimeSuite(
  runtime: string,
  start: () => Promise<RunningServer>,
  basePath = '',
  startTimeout = 120_000,
) {
  describe(`${runtime}: the web-standard handler`, () => {
    let server: RunningServer;
    beforeAll(async () => {
      server = await start();
    }, startTimeout);
    afterAll(async () => server?.stop());

    const url = (path: string) => `${server.url}${basePath}${path}`;
    const post = (path: string, delivery: Delivery) =>
      fetch(url(path), { method: 'POST', headers: delivery.headers, body: delivery.body });
    const json = async (response: Response) => ({ status: response.status, body: (await response.json()) as any });
    const handled = async () =>
      (await (await fetch(url('/events'))).json()) as { provider: string; id: string; marker?: string }[];

    it('accepts a signed Atelio event (HMAC) and runs its handler; a redelivery is a 200 duplicate', async () => {
      const delivery = atelioDelivery(atelioCard('atelio-valid'));
      expect(await json(await post('/atelio', delivery))).toEqual({ status: 200, body: { received: true } });
      expect(await json(await post('/atelio', delivery))).toEqual({
        status: 200,
        body: { received: true, duplicate: true },
      });
      expect((await handled()).filter((event) => event.marker === 'atelio-valid')).toHaveLength(1);
    });

    it('accepts a signed Atomic event (HMAC)', async () => {
      const delivery = atomicDelivery();
      expect(await json(await post('/atomic', delivery))).toEqual({ status: 200, body: { received: true } });
      expect((await handled()).some((event) => event.provider === 'atomic')).toBe(true);
    });

    it('accepts a Moneyhub JWT (RS256, key from the JWKS); a redelivery is a 200 duplicate', async () => {
      const delivery = await moneyhubDelivery();
      expect(await json(await post('/moneyhub', delivery))).toEqual({ status: 200, body: { received: true } });
      expect(await json(await post('/moneyhub', delivery))).toEqual({
        status: 200,
        body: { received: true, duplicate: true },
      });
      expect((await handled()).some((event) => event.provider === 'moneyhub')).toBe(true);
    });

    it('401: a missing signature, and forged ones for each provider', async () => {
      const unsigned = atelioDelivery(atelioCard());
      const { 'bond-signature': _, ...headers } = unsigned.headers;
      expect(await json(await post('/atelio', { headers, body: unsigned.body }))).toMatchObject({
        status: 401,
        body: { error: { code: 'missing_signature' } },
      });
      const forgedAtelio = atelioDelivery(atelioCard(), 'whsec_not-the-configured-secret-at-all');
      expect(await json(await post('/atelio', forgedAtelio))).toMatchObject({
        status: 401,
        body: { error: { code: 'invalid_signature' } },
      });
      expect(await json(await post('/atomic', atomicDelivery('not-the-configured-atomic-secret')))).toMatchObject({
        status: 401,
        body: { error: { code: 'invalid_signature' } },
      });
      expect(await json(await post('/moneyhub', await moneyhubDelivery({ forged: true })))).toMatchObject({
        status: 401,
        body: { error: { code: 'invalid_signature' } },
      });
      const tampered = atelioDelivery(atelioCard());
      expect(
        await json(await post('/atelio', { headers: tampered.headers, body: tampered.body.replace('5181', '5182') })),
      ).toMatchObject({ status: 401, body: { error: { code: 'invalid_signature' } } });
    });

    it('400: a signed body that is not JSON, and a signed event that fails its schema', async () => {
      expect(await json(await post('/atelio', atelioDelivery('{"event": "card.created", ')))).toMatchObject({
        status: 400,
        body: { error: { code: 'malformed_body' } },
      });
      const invalid = atelioDelivery({ event: 'card.created', card: { status: 42 }, occurred_at: 'not a date' });
      expect(await json(await post('/atelio', invalid))).toMatchObject({
        status: 400,
        body: { error: { code: 'invalid_payload' } },
      });
    });

    it('405 with Allow: POST for another method', async () => {
      const response = await fetch(url('/atelio'), { method: 'PUT', body: 'x' });
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('POST');
      expect((await response.json()).error.code).toBe('method_not_allowed');
    });

    it('415 for a content type the provider does not send', async () => {
      const delivery = atelioDelivery(atelioCard());
      const response = await post('/atelio', {
        headers: { ...delivery.headers, 'content-type': 'text/plain' },
        body: delivery.body,
      });
      expect(await json(response)).toMatchObject({ status: 415, body: { error: { code: 'unsupported_media_type' } } });
    });

    it('413 for a body past bodyLimit: declared by Content-Length, and streamed without one', async () => {
      const big = atelioDelivery({ ...atelioCard(), padding: 'x'.repeat(BODY_LIMIT) });
      expect(await json(await post('/atelio', big))).toMatchObject({
        status: 413,
        body: { error: { code: 'payload_too_large' } },
      });
      // Just past the limit: a runtime that closes the connection on unread upload bytes resets it (EPIPE here).
      const streamed = await postChunked(url('/atelio'), big.headers, BODY_LIMIT + 8192);
      expect(streamed).toMatchObject({ status: 413, body: { error: { code: 'payload_too_large' } } });
    });

    it('a handler failure answers 5xx and releases the event: the retry runs it again and succeeds', async () => {
      const delivery = atelioDelivery(atelioCard('fail_once'));
      const first = await post('/atelio', delivery);
      expect(first.status).toBeGreaterThanOrEqual(500);
      expect((await first.json()).error.code).toBe('handler_failed');
      expect(await json(await post('/atelio', delivery))).toEqual({ status: 200, body: { received: true } });
      expect(await json(await post('/atelio', delivery))).toEqual({
        status: 200,
        body: { received: true, duplicate: true },
      });
      expect((await handled()).filter((event) => event.marker === 'fail_once')).toHaveLength(1);
    });
  });
}

/**
 * POSTs `total` bytes with `Transfer-Encoding: chunked` (no Content-Length, so only reading the
 * stream can find the size). The server may answer and close before the upload ends: a write error
 * after the response arrived is expected.
 */
function postChunked(
  target: string,
  headers: Record<string, string>,
  total: number,
): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const request = httpRequest(target, { method: 'POST', headers }, (response) => {
      answered = true;
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, body: JSON.parse(text) }));
      response.on('error', reject);
    });
    request.on('error', (error) => {
      if (!answered) reject(error);
    });
    const chunk = Buffer.alloc(4096, 'x');
    let sent = 0;
    const pump = () => {
      while (sent < total && !request.destroyed) {
        sent += chunk.byteLength;
        if (!request.write(chunk)) return void request.once('drain', pump);
      }
      if (!request.destroyed) request.end();
    };
    pump();
  });
}
