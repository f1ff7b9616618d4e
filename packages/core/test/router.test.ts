import { describe, expect, it } from 'vitest';
import { HandlerError } from '../src/errors.js';
import type { WebhookEvent } from '../src/event.js';
import { Router, UNKNOWN_TYPE_CACHE_SIZE } from '../src/router.js';

const catalog = new Set(['card.created', 'card.status.active', 'transactions']);
const event = (type: string): WebhookEvent => ({
  provider: 'test',
  id: `id-${type}`,
  type,
  receivedAt: new Date(),
  payload: {},
  known: catalog.has(type),
});

describe('Router', () => {
  it('runs exact, wildcard and catch-all handlers, each once', async () => {
    const router = new Router((t) => catalog.has(t));
    const calls: string[] = [];
    router.on('card.created', () => void calls.push('exact'));
    router.on('card.*', () => void calls.push('card.*'));
    router.on('card*', () => void calls.push('card*'));
    router.on('transactions', () => void calls.push('transactions'));
    router.onAny(() => void calls.push('any'));
    await router.dispatch(event('card.created'));
    expect(calls.sort()).toEqual(['any', 'card*', 'card.*', 'exact']);
  });

  it('routes an unknown type to matching wildcards and catch-all only', async () => {
    const router = new Router((t) => catalog.has(t));
    const calls: string[] = [];
    router.on('card.created', () => void calls.push('exact'));
    router.on('card.*', () => void calls.push('card.*'));
    router.on('kyc.*', () => void calls.push('kyc.*'));
    router.on('*', () => void calls.push('*'));
    await router.dispatch(event('card.status.frozen'));
    expect(calls.sort()).toEqual(['*', 'card.*']);
  });

  it('unsubscribes exactly the handler registered, once', async () => {
    const router = new Router((t) => catalog.has(t));
    const calls: string[] = [];
    const off = router.on('card.*', () => void calls.push('a'));
    router.on('card.*', () => void calls.push('b'));
    await router.dispatch(event('card.created'));
    off();
    off();
    await router.dispatch(event('card.created'));
    expect(calls).toEqual(['a', 'b', 'b']);
  });

  it('re-resolves after a registration made once the type was already dispatched', async () => {
    const router = new Router((t) => catalog.has(t));
    const calls: string[] = [];
    await router.dispatch(event('transactions'));
    router.on('trans*', () => void calls.push('late'));
    await router.dispatch(event('transactions'));
    expect(calls).toEqual(['late']);
  });

  it('runs every handler even when some throw, then reports all errors', async () => {
    const router = new Router((t) => catalog.has(t));
    const ran: string[] = [];
    const boom = new Error('first');
    router.on('transactions', () => {
      ran.push('sync-thrower');
      throw boom;
    });
    router.on('trans*', async () => {
      ran.push('async-thrower');
      throw new Error('second');
    });
    router.onAny(async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      ran.push('slow-ok');
    });
    const failure = await router.dispatch(event('transactions')).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(HandlerError);
    expect((failure as HandlerError).status).toBe(500);
    expect((failure as HandlerError).errors).toHaveLength(2);
    expect((failure as HandlerError).errors).toContain(boom);
    expect(ran.sort()).toEqual(['async-thrower', 'slow-ok', 'sync-thrower']);
  });

  it('wraps a single failing handler too', async () => {
    const router = new Router(() => true);
    router.on('transactions', () => {
      throw new Error('only');
    });
    await expect(router.dispatch(event('transactions'))).rejects.toMatchObject({ code: 'handler_failed', errors: [expect.any(Error)] });
  });

  it('runs synchronous handlers synchronously: nothing to await, a throw is a HandlerError at once', async () => {
    const router = new Router(() => true);
    const calls: string[] = [];
    router.on('card.created', () => void calls.push('sync'));
    expect(router.run(event('card.created'))).toBeUndefined();
    expect(calls).toEqual(['sync']);
    expect(router.run(event('nothing.listens'))).toBeUndefined();
    router.on('transactions', () => {
      throw new Error('sync failure');
    });
    expect(() => router.run(event('transactions'))).toThrow(HandlerError);
  });

  it('awaits a handler that returns a promise or any thenable, and wraps its rejection', async () => {
    const router = new Router(() => true);
    let settled = false;
    router.on('card.created', async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      settled = true;
    });
    const running = router.run(event('card.created'));
    expect(running).toBeInstanceOf(Promise);
    expect(settled).toBe(false);
    await running;
    expect(settled).toBe(true);
    const rejecting = { then: (_: unknown, reject: (reason: unknown) => void) => reject(new Error('thenable')) };
    router.on('transactions', () => rejecting);
    await expect(router.run(event('transactions'))).rejects.toBeInstanceOf(HandlerError);
  });

  it('caches the resolution of each type: catalogue types in full, unknown types in a bounded LRU', () => {
    const router = new Router((t) => catalog.has(t));
    router.on('x.*', () => undefined);
    const first = router.handlersFor('x.one');
    expect(router.handlersFor('x.one')).toBe(first);
    // A flood of other unknown types evicts it: memory stays bounded whatever the types.
    for (let i = 0; i < UNKNOWN_TYPE_CACHE_SIZE; i++) router.handlersFor(`x.${i}`);
    expect(router.handlersFor('x.one')).not.toBe(first);
    expect(router.handlersFor('x.one')).toEqual(first);
    const known = router.handlersFor('transactions');
    for (let i = 0; i < UNKNOWN_TYPE_CACHE_SIZE * 2; i++) router.handlersFor(`y.${i}`);
    expect(router.handlersFor('transactions')).toBe(known);
  });

  it('forgets cached unknown types when the registry changes', async () => {
    const router = new Router((t) => catalog.has(t));
    const calls: string[] = [];
    await router.dispatch(event('x.one'));
    const off = router.on('x.*', () => void calls.push('x.*'));
    await router.dispatch(event('x.one'));
    off();
    await router.dispatch(event('x.one'));
    expect(calls).toEqual(['x.*']);
  });

  it('refuses an empty or over-long pattern and a handler that is not a function', () => {
    const router = new Router(() => true);
    expect(() => router.on('', () => undefined)).toThrow(TypeError);
    expect(() => router.on(`${'a'.repeat(300)}*`, () => undefined)).toThrow(/at most 256/);
    expect(() => router.on('transactions', 'nope' as never)).toThrow(/"transactions" must be a function, got string/);
    expect(() => router.onAny(undefined as never)).toThrow(TypeError);
  });
});
