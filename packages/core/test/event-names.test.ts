import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import {
  atelio,
  createWebhooks,
  defineProvider,
  handleRequest,
  moneyhub,
  type WebhookEvent,
  type Webhooks,
} from '../src/index.js';
import { sampleBody } from '../src/testing.js';
import { json, rawPost } from './support/request.js';
import { atelioSignatureHeader } from './support/sign.js';

/** Registration checks event names against the catalogue: a misspelling is an error, never a handler that cannot run. */
const SECRET = 'whsec_event_names';
const provider = atelio({ secret: SECRET });
const noop = () => undefined;
/** Registers at run time what the types would refuse (the compile-time check is in event-names.test-d.ts). */
const unchecked = (pattern: string | readonly string[]) => pattern as never;

describe('a pattern no catalogue type matches is a TypeError at registration', () => {
  it.each([
    ['card.craeted', 'No atelio event type is named "card.craeted"', 'Did you mean "card.created"'],
    ['transaction', 'is named "transaction"', '"transactions"'],
    ['crad.*', 'No atelio event type matches "crad.*"', '"card.*"'],
    ['*.sucess', 'matches "*.sucess"', '"*.success"'],
    ['nothing.*', 'matches "nothing.*"', 'register it as "unknown:nothing.*"'],
  ])('onEvent(%j)', (pattern, names, suggests) => {
    const hooks = createWebhooks({ provider });
    const error = captured(() => hooks.onEvent(unchecked(pattern), noop));
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toContain(names);
    expect(error.message).toContain(suggests);
    expect(error.message).toContain(`"unknown:${pattern}"`);
  });

  it('in the `on` option: createWebhooks throws', () => {
    expect(() => createWebhooks({ provider, on: { [unchecked('card.craeted')]: noop } })).toThrow(
      /No atelio event type is named "card\.craeted".*Did you mean "card\.created"/,
    );
  });

  it('in a list, nothing of the list is registered', async () => {
    const hooks = createWebhooks({ provider });
    const handler = vi.fn();
    expect(() => hooks.onEvent(unchecked(['transactions', 'card.craeted']), handler)).toThrow(TypeError);
    await deliver(hooks, 'transactions');
    expect(handler).not.toHaveBeenCalled();
  });

  it('suggests camelCase names for Moneyhub, case-insensitively, and its wildcards', () => {
    const hooks = createWebhooks({ provider: moneyhub({ jwks: { keys: [] }, allowAnyAudience: true }) });
    expect(() => hooks.onEvent(unchecked('newtransactions'), noop)).toThrow(/Did you mean "newTransactions"/);
    expect(() => hooks.onEvent(unchecked('*Transaction'), noop)).toThrow(/"\*Transactions"/);
  });

  it('applies to a defineProvider catalogue too', () => {
    const custom = defineProvider({
      name: 'acme',
      catalog: { 'order.paid': z.object({}), 'order.refunded': z.object({}) },
      verify: noop,
      identify: () => ({ type: 'order.paid', id: '1' }),
    });
    const hooks = createWebhooks({ provider: custom });
    expect(() => hooks.onEvent(unchecked('order.payed'), noop)).toThrow(
      /No acme event type is named "order\.payed".*"order\.paid"/,
    );
    expect(() => hooks.onEvent(unchecked('invoice.*'), noop)).toThrow(/No acme event type matches "invoice\.\*"/);
    expect(() => hooks.onEvent('order.*', noop)).not.toThrow();
  });

  it('refuses an empty, over-long or non-string pattern, and a bare "unknown:"', () => {
    const hooks = createWebhooks({ provider });
    expect(() => hooks.onEvent(unchecked(''), noop)).toThrow(/cannot be empty/);
    expect(() => hooks.onEvent(unchecked(`card.${'x'.repeat(300)}`), noop)).toThrow(/at most 256/);
    expect(() => hooks.onEvent(42 as never, noop)).toThrow(/must be a string/);
    expect(() => hooks.onEvent(unchecked('unknown:'), noop)).toThrow(/must be followed by the event type/);
  });
});

describe('what registers', () => {
  it('catalogue types, matching wildcards, `*`, and the untyped "unknown" type', () => {
    const hooks = createWebhooks({ provider });
    for (const pattern of ['card.created', 'card.*', 'kyc.*.success', '*', 'unknown']) {
      expect(() => hooks.onEvent(pattern as 'card.created', noop), pattern).not.toThrow();
    }
  });

  it('`unknown:<type>` registers a type the catalogue does not list, and its handler gets the unknown event', async () => {
    const handler = vi.fn();
    const hooks = createWebhooks({ provider, on: { 'unknown:card.status.frozen': handler } });
    const response = await deliver(hooks, 'card.status.frozen');
    expect(response.status).toBe(200);
    expect(handler).toHaveBeenCalledOnce();
    expect(handler.mock.calls[0]![0]).toMatchObject({
      type: 'card.status.frozen',
      known: false,
    } satisfies Partial<WebhookEvent>);
  });

  it('`unknown:<pattern>` registers a wildcard that matches no catalogue type yet', async () => {
    const handler = vi.fn();
    const hooks = createWebhooks({ provider });
    hooks.onEvent('unknown:loan.*', handler);
    await deliver(hooks, 'loan.approved');
    expect(handler).toHaveBeenCalledOnce();
  });

  it('`unknown:<catalogue type>` still routes (a release may add the type), as the known event', async () => {
    const handler = vi.fn();
    const hooks = createWebhooks({ provider });
    hooks.onEvent('unknown:transactions', handler);
    await deliver(hooks, 'transactions');
    expect(handler.mock.calls[0]![0]).toMatchObject({ type: 'transactions', known: true });
  });

  it('unsubscribes an escape-hatch registration', async () => {
    const handler = vi.fn();
    const hooks = createWebhooks({ provider });
    const off = hooks.onEvent(['unknown:loan.approved', 'transactions'], handler);
    off();
    await deliver(hooks, 'loan.approved');
    await deliver(hooks, 'transactions');
    expect(handler).not.toHaveBeenCalled();
  });
});

describe('an over-long event type is refused before routing', () => {
  it('answers 400 event_type_too_long to a 30 KB type (Moneyhub unsigned JSON mode), runs nothing, reports no type', async () => {
    const any = vi.fn();
    const contexts: unknown[] = [];
    const hooks = createWebhooks({
      provider: moneyhub({ format: 'json', allowUnsigned: true }),
      on: { 'unknown:*a*a*a*b': any, '*Transactions': any },
      onError: (_error, context) => void contexts.push(context),
    });
    hooks.onAny(any);
    const type = 'a'.repeat(30_000);
    const response = await handleRequest(hooks, rawPost(JSON.stringify({ id: 'x', eventType: type, payload: {} })));
    expect(response.status).toBe(400);
    expect(json(response).error).toMatchObject({
      code: 'event_type_too_long',
      message: expect.stringContaining('30000 characters'),
    });
    expect(response.body).not.toContain('aaaa');
    expect(any).not.toHaveBeenCalled();
    expect(contexts).toEqual([{ provider: 'moneyhub', instance: 'moneyhub', status: 400, code: 'event_type_too_long' }]);
  });

  it('routes a type of exactly 256 characters', async () => {
    const any = vi.fn();
    const moneyhubHooks = createWebhooks({ provider: moneyhub({ format: 'json', allowUnsigned: true }) });
    moneyhubHooks.onAny(any);
    const response = await handleRequest(
      moneyhubHooks,
      rawPost(JSON.stringify({ id: 'y', eventType: 'b'.repeat(256), payload: {} })),
    );
    expect(response.status).toBe(200);
    expect(any).toHaveBeenCalledOnce();
  });
});

let sequence = 0;
function deliver(hooks: Webhooks, type: string) {
  const body = JSON.stringify({
    ...sampleBody('atelio', type),
    event: type,
    occurred_at: new Date(Date.UTC(2024, 0, 1) + sequence++).toISOString(),
  });
  return handleRequest(hooks, rawPost(body, { 'bond-signature': atelioSignatureHeader(body, SECRET) }));
}

function captured(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}
