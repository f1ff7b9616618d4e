import { describe, expect, it, vi } from 'vitest';
import { fromWebRequest, toWebResponse } from '../src/adapter.js';
import { atelio, createWebhooks, handleRequest } from '../src/index.js';
import { createTestRequest } from '../src/testing.js';

/** fromWebRequest/toWebResponse with Node's own (undici) Request and Response. */
const provider = atelio({ secret: 'whsec_web_test_secret' });

describe('Web Request adapter', () => {
  it('reads the body once and answers with a Response', async () => {
    const handler = vi.fn();
    const hooks = createWebhooks({ provider, on: { transactions: handler } });
    const req = await createTestRequest(provider, 'transactions');
    const response = toWebResponse(await handleRequest(hooks, fromWebRequest(new Request('http://localhost/hook', req))));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true });
    expect(handler).toHaveBeenCalledOnce();
  });

  it('stops reading a streamed body past the limit with 413', async () => {
    const hooks = createWebhooks({ provider, bodyLimit: 1000, onError: () => undefined });
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(600));
        if (pulled > 100) controller.close();
      },
    });
    const req = await createTestRequest(provider, 'transactions');
    const request = new Request('http://localhost/hook', { method: 'POST', headers: req.headers, body, duplex: 'half' } as RequestInit);
    const response = await handleRequest(hooks, fromWebRequest(request));
    expect(response.status).toBe(413);
    expect(pulled).toBeLessThan(10);
  });

  it('answers 408 to a body dripped slower than bodyTimeout, and cancels the stream', async () => {
    const hooks = createWebhooks({ provider, bodyTimeout: 300, onError: () => undefined });
    let cancelled = false;
    let timer: NodeJS.Timeout | undefined;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        timer = setInterval(() => controller.enqueue(new Uint8Array([0x20])), 50); // a byte every 50 ms, forever
      },
      cancel() {
        cancelled = true;
        clearInterval(timer);
      },
    });
    const req = await createTestRequest(provider, 'transactions');
    const request = new Request('http://localhost/hook', { method: 'POST', headers: req.headers, body, duplex: 'half' } as RequestInit);
    const started = performance.now();
    const response = await handleRequest(hooks, fromWebRequest(request));
    clearInterval(timer);
    expect(response.status).toBe(408);
    expect(JSON.parse(response.body).error.code).toBe('body_timeout');
    expect(response.headers.connection).toBe('close');
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(cancelled).toBe(true);
  });

  it('answers 405 with Allow for GET without reading anything', async () => {
    const hooks = createWebhooks({ provider, onError: () => undefined });
    const response = toWebResponse(await handleRequest(hooks, fromWebRequest(new Request('http://localhost/hook'))));
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });
});

describe('a Web Request whose body was already read', () => {
  it('is answered 500 body_already_parsed, not a misleading 4xx', async () => {
    const hooks = createWebhooks({ provider, onError: () => undefined });
    const req = await createTestRequest(provider, 'transactions');
    const request = new Request('http://localhost/hook', req);
    await request.text();
    const response = await handleRequest(hooks, fromWebRequest(request));
    expect(response.status).toBe(500);
    expect(JSON.parse(response.body).error.code).toBe('body_already_parsed');
  });

  it('verifies the bytes the framework kept (keptBody), as bytes or as text', async () => {
    for (const asText of [false, true]) {
      const handler = vi.fn();
      const hooks = createWebhooks({ provider, on: { transactions: handler } });
      const req = await createTestRequest(provider, 'transactions');
      const request = new Request('http://localhost/hook', req);
      const text = await request.text();
      const keptBody = () => Promise.resolve(asText ? text : new TextEncoder().encode(text));
      const response = await handleRequest(hooks, fromWebRequest(request, { keptBody }));
      expect(response.status).toBe(200);
      expect(handler).toHaveBeenCalledOnce();
    }
  });

  it('holds kept bytes to bodyLimit (413)', async () => {
    const hooks = createWebhooks({ provider, bodyLimit: 10, onError: () => undefined });
    const req = await createTestRequest(provider, 'transactions');
    const request = new Request('http://localhost/hook', req);
    const text = await request.text();
    const response = await handleRequest(hooks, fromWebRequest(request, { keptBody: () => text }));
    expect(response.status).toBe(413);
  });

  it("answers 500 with the framework's howToFix when nothing was kept", async () => {
    const hooks = createWebhooks({ provider, onError: () => undefined });
    const req = await createTestRequest(provider, 'transactions');
    const request = new Request('http://localhost/hook', req);
    await request.json();
    const response = await handleRequest(
      hooks,
      fromWebRequest(request, { keptBody: () => undefined, howToFix: 'Move the finhooks route first.' }),
    );
    expect(response.status).toBe(500);
    const { error } = JSON.parse(response.body);
    expect(error.code).toBe('body_already_parsed');
    expect(error.message).toContain('Move the finhooks route first.');
  });

  it('reads the stream, not keptBody, when nothing consumed it', async () => {
    const hooks = createWebhooks({ provider, on: { transactions: () => undefined } });
    const req = await createTestRequest(provider, 'transactions');
    const keptBody = vi.fn(() => 'not the body');
    const response = await handleRequest(
      hooks,
      fromWebRequest(new Request('http://localhost/hook', req), { keptBody }),
    );
    expect(response.status).toBe(200);
    expect(keptBody).not.toHaveBeenCalled();
  });
});
