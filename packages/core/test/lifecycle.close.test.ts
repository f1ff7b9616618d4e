import { describe, expect, it } from 'vitest';
import { atelio, createWebhooks, handleRequest, memoryStore, type WebhookEvent } from '../src/index.js';
import { sampleBody } from '../src/testing.js';
import { json, rawPost } from './support/request.js';
import { atelioSignatureHeader } from './support/sign.js';

/** `webhooks.close()` through the pipeline with real signatures: drain, refuse new deliveries, give up at the deadline. */
const SECRET = 'whsec_lifecycle_close_secret_0123456789';
const provider = atelio({ secret: SECRET });
let sequence = 0;
function delivery() {
  const body = JSON.stringify({ ...sampleBody('atelio', 'transactions')!, occurred_at: new Date(Date.UTC(2024, 0, 1, 0, 0, sequence++)).toISOString() });
  return rawPost(body, { 'bond-signature': atelioSignatureHeader(body, SECRET) });
}

/** A handler that waits until `release()` is called, and tells when it started. */
function gate() {
  let release!: () => void;
  let started!: (event: WebhookEvent) => void;
  const opened = new Promise<void>((resolve) => (release = resolve));
  const running = new Promise<WebhookEvent>((resolve) => (started = resolve));
  return { release, running, handler: async (event: WebhookEvent) => (started(event), await opened) };
}

describe('webhooks.close()', () => {
  it('lets the delivery in flight finish with 200, answers new ones 503 shutting_down with Retry-After, and resolves once drained', async () => {
    const store = memoryStore();
    const { release, running, handler } = gate();
    const hooks = createWebhooks({ provider, store, on: { '*': handler } });
    const inFlight = handleRequest(hooks, delivery());
    const event = await running;

    let closed = false;
    const closing = hooks.close({ timeout: 5000 }).then((result) => ((closed = true), result));
    const refused = await handleRequest(hooks, delivery());
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('5');
    expect(json(refused).error?.code).toBe('shutting_down');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(closed).toBe(false);

    release();
    const answered = await inFlight;
    expect([answered.status, json(answered)]).toEqual([200, { received: true }]);
    expect(await closing).toEqual({ abandoned: 0 });
    // Completed, not merely released: a redelivery would be a duplicate.
    expect(await store.claim(`atelio:${event.id}`)).toEqual({ status: 'duplicate' });
    // The same promise again.
    expect(hooks.close()).toBe(hooks.close());
  });

  it('resolves at once with nothing in flight', async () => {
    const hooks = createWebhooks({ provider });
    const started = Date.now();
    expect(await hooks.close({ timeout: 10_000 })).toEqual({ abandoned: 0 });
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('past the deadline gives up on the handler: its claim is released (never completed), it is answered 503, and a redelivery runs again', async () => {
    const store = memoryStore();
    const { running, handler } = gate(); // never released
    const errors: string[] = [];
    const hooks = createWebhooks({ provider, store, on: { '*': handler }, onError: (error, context) => void errors.push(context.code) });
    const request = delivery();
    const inFlight = handleRequest(hooks, request);
    const event = await running;

    const started = Date.now();
    expect(await hooks.close({ timeout: 200 })).toEqual({ abandoned: 1 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(Date.now() - started).toBeLessThan(2000);
    const answered = await inFlight;
    expect(answered.status).toBe(503);
    expect(json(answered).error?.code).toBe('shutting_down');
    expect(errors).toContain('shutting_down');
    // Released: another instance (here: the same store) takes the redelivery and runs the handlers.
    const other = createWebhooks({ provider, store, on: { '*': () => undefined } });
    const again = await handleRequest(other, request);
    expect([again.status, json(again)]).toEqual([200, { received: true }]);
    expect(await store.claim(`atelio:${event.id}`)).toEqual({ status: 'duplicate' });
  });

  it('refuses a bad timeout with a TypeError', async () => {
    const hooks = createWebhooks({ provider });
    await expect(hooks.close({ timeout: -1 })).rejects.toThrow(/`timeout` must be a positive integer/);
  });
});
