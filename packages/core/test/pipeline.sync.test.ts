import { describe, expect, it } from 'vitest';
import { atelio, createWebhooks, handleRequest, type IdempotencyStore, memoryStore } from '../src/index.js';
import { sampleBody } from '../src/testing.js';
import { json, rawPost } from './support/request.js';
import { atelioSignatureHeader } from './support/sign.js';

/**
 * The synchronous path (memory store, one synchronous handler: nothing awaited between verify and
 * the answer) keeps every promise of the asynchronous one.
 */
const SECRET = 'whsec_pipeline_sync_test_secret_0123';
const transactions = sampleBody('atelio', 'transactions')!;
let sequence = 0;
const fresh = () =>
  JSON.stringify({ ...transactions, occurred_at: new Date(Date.UTC(2024, 5, 1) + sequence++).toISOString() });
const signed = (body: string) => rawPost(body, { 'bond-signature': atelioSignatureHeader(body, SECRET) });

describe('handleRequest on the synchronous path', () => {
  it('still answers a promise, and de-duplicates', async () => {
    const hooks = createWebhooks({ provider: atelio({ secret: SECRET }) });
    let calls = 0;
    hooks.onEvent('transactions', () => void calls++);
    const body = fresh();
    const pending = handleRequest(hooks, signed(body));
    expect(pending).toBeInstanceOf(Promise);
    expect((await pending).status).toBe(200);
    expect(json(await handleRequest(hooks, signed(body))).duplicate).toBe(true);
    expect(calls).toBe(1);
  });

  it('answers 500 when the one handler throws synchronously, and runs the retry', async () => {
    const hooks = createWebhooks({ provider: atelio({ secret: SECRET }), onError: () => undefined });
    let fail = true;
    let calls = 0;
    hooks.onEvent('transactions', () => {
      calls++;
      if (fail) throw new Error('database down');
    });
    const body = fresh();
    const failed = await handleRequest(hooks, signed(body));
    expect(failed.status).toBe(500);
    expect(json(failed).error?.code).toBe('handler_failed');
    fail = false;
    expect((await handleRequest(hooks, signed(body))).status).toBe(200);
    expect(json(await handleRequest(hooks, signed(body))).duplicate).toBe(true);
    expect(calls).toBe(2);
  });

  it('goes through a wrapper of a memory store (its own claim and complete), not around it', async () => {
    const inner = memoryStore();
    const calls: string[] = [];
    const wrapped: IdempotencyStore = {
      ...inner,
      claim: (key) => (calls.push('claim'), inner.claim(key)),
      complete: (key, token) => (calls.push('complete'), inner.complete(key, token)),
    };
    const hooks = createWebhooks({ provider: atelio({ secret: SECRET }), store: wrapped });
    hooks.onEvent('transactions', () => undefined);
    expect((await handleRequest(hooks, signed(fresh()))).status).toBe(200);
    expect(calls).toEqual(['claim', 'complete']);
  });
});
