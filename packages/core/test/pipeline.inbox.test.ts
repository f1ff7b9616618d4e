import { describe, expect, it, vi } from 'vitest';
import {
  atelio,
  createWebhooks,
  type ErrorContext,
  handleRequest,
  memoryStore,
  type WebhookEvent,
} from '../src/index.js';
import { sampleBody } from '../src/testing.js';
import { json, rawPost } from './support/request.js';
import { atelioSignatureHeader } from './support/sign.js';

/** Inbox mode through handleRequest with real signatures: the inbox replaces claim → dispatch → complete. */
const SECRET = 'whsec_pipeline_inbox_secret_0123456789';
const signed = (body: string) => rawPost(body, { 'bond-signature': atelioSignatureHeader(body, SECRET) });
const body = (occurredAt: string) =>
  JSON.stringify({ ...sampleBody('atelio', 'transactions')!, occurred_at: occurredAt });

/** An in-memory inbox with the contract's semantics: stored once per key. */
function memoryInbox(state: { down: boolean } = { down: false }) {
  const events = new Map<string, WebhookEvent>();
  return {
    events,
    inbox: {
      accept: vi.fn(async (key: string, event: WebhookEvent) => {
        if (state.down) throw new Error('database down');
        if (events.has(key)) return 'duplicate' as const;
        events.set(key, event);
        return 'stored' as const;
      }),
    },
  };
}

describe('inbox mode', () => {
  it('stores the verified event under <provider>:<id>, runs no handler, claims nothing, and answers redeliveries as duplicates', async () => {
    const { events, inbox } = memoryInbox();
    const handler = vi.fn();
    const store = memoryStore();
    const claim = vi.spyOn(store, 'claim');
    const hooks = createWebhooks({ provider: atelio({ secret: SECRET }), on: { '*': handler }, inbox, store });
    const delivery = body('2024-02-01T00:00:00.000Z');

    const first = await handleRequest(hooks, signed(delivery));
    expect([first.status, json(first)]).toEqual([200, { received: true }]);
    const again = await handleRequest(hooks, signed(delivery));
    expect([again.status, json(again)]).toEqual([200, { received: true, duplicate: true }]);

    expect(handler).not.toHaveBeenCalled();
    expect(claim).not.toHaveBeenCalled();
    const [key, event] = [...events][0]!;
    expect(key).toBe(`atelio:${event!.id}`);
    expect(event).toMatchObject({
      provider: 'atelio',
      type: 'transactions',
      known: true,
      payload: JSON.parse(delivery),
    });
  });

  it('answers 503 inbox_unavailable with Retry-After while the inbox fails, then accepts the retry', async () => {
    const state = { down: true };
    const { events, inbox } = memoryInbox(state);
    const errors: ErrorContext[] = [];
    const hooks = createWebhooks({
      provider: atelio({ secret: SECRET }),
      inbox,
      onError: (_e, c) => void errors.push(c),
    });
    const delivery = body('2024-02-02T00:00:00.000Z');

    const refused = await handleRequest(hooks, signed(delivery));
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('30');
    expect(json(refused).error?.code).toBe('inbox_unavailable');
    expect(refused.body).not.toContain('database down');
    expect(errors).toMatchObject([{ status: 503, code: 'inbox_unavailable', eventType: 'transactions' }]);

    state.down = false;
    expect((await handleRequest(hooks, signed(delivery))).status).toBe(200);
    expect(events.size).toBe(1);
  });

  it('never reaches the inbox with a delivery that fails verification', async () => {
    const { inbox } = memoryInbox();
    const hooks = createWebhooks({ provider: atelio({ secret: SECRET }), inbox, onError: () => undefined });
    const forged = rawPost(body('2024-02-03T00:00:00.000Z'), { 'bond-signature': atelioSignatureHeader('{}', SECRET) });
    expect((await handleRequest(hooks, forged)).status).toBe(401);
    expect(inbox.accept).not.toHaveBeenCalled();
  });

  it('refuses a queue and an inbox together', () => {
    const { inbox } = memoryInbox();
    expect(() =>
      createWebhooks({ provider: atelio({ secret: SECRET }), inbox, queue: { enqueue: async () => undefined } }),
    ).toThrow(/queue and inbox/);
  });
});
