import { describe, expect, it } from 'vitest';
import { HandlerError } from '../src/errors.js';
import type { WebhookEvent } from '../src/event.js';
import { Router } from '../src/router.js';

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

  it('does not cache resolutions of unknown types (they cannot grow memory)', async () => {
    const router = new Router((t) => catalog.has(t));
    const seen = new Set<readonly unknown[]>();
    router.on('x.*', () => undefined);
    seen.add(router.handlersFor('x.one'));
    seen.add(router.handlersFor('x.one'));
    expect(seen.size).toBe(2);
    const known = router.handlersFor('transactions');
    expect(router.handlersFor('transactions')).toBe(known);
  });
});
