import { createHmac } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { fromNodeRequest, writeNodeResponse } from '../src/adapter.js';
import {
  atelio,
  atomic,
  createWebhooks,
  type DeliveryRecord,
  handleRequest,
  type IdempotencyStore,
  memoryStore,
  moneyhub,
  type WebhookEvent,
  type Webhooks,
} from '../src/index.js';
import { occurrenceMs } from '../src/stale.js';
import { sampleBody } from '../src/testing.js';
import { listen } from './support/http-server.js';
import { json, rawPost } from './support/request.js';
import { atelioSignatureHeader, atomicSignature } from './support/sign.js';

const SECRET = 'whsec_stale_guard_secret_0123456789';
const ATOMIC_SECRET = 'atomic_stale_guard_secret_0123456789';

function cardEvent(type: string, cardId: string, occurredAt: string): string {
  return JSON.stringify({
    ...sampleBody('atelio', type)!,
    event: type,
    card: { card_id: cardId, status: 'Active', last_four: '3351' },
    occurred_at: occurredAt,
  });
}
const signed = (body: string) => rawPost(body, { 'bond-signature': atelioSignatureHeader(body, SECRET) });

/** Posts over real HTTP to a server running the pipeline; answers status and JSON body. */
async function serve(hooks: Webhooks) {
  const server = await listen((req, res) => {
    void handleRequest(hooks, fromNodeRequest(req)).then((response) => writeNodeResponse(res, response));
  });
  const post = async (body: string) => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'bond-signature': atelioSignatureHeader(body, SECRET) },
      body,
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  return { post, close: server.close };
}

describe('staleEvents: mark', () => {
  it('marks the event older than one already received for the same card, over real HTTP', async () => {
    const seen: WebhookEvent[] = [];
    const hooks = createWebhooks({
      provider: atelio({ secret: SECRET }),
      staleEvents: 'mark',
      on: { '*': (e) => void seen.push(e) },
    });
    const { post, close } = await serve(hooks);
    try {
      const closed = cardEvent('card.status.closed', 'card-1', '2026-01-01T10:00:01.000000+00:00');
      const active = cardEvent('card.status.active', 'card-1', '2026-01-01T10:00:00.000000+00:00');
      expect(await post(closed)).toEqual({ status: 200, body: { received: true } });
      expect(await post(active)).toEqual({ status: 200, body: { received: true } });
      expect(seen.map((e) => [e.type, e.stale])).toEqual([
        ['card.status.closed', false],
        ['card.status.active', true],
      ]);
      // Another card is another entity; an equal time is not stale; a later one advances the mark.
      await post(cardEvent('card.status.active', 'card-2', '2026-01-01T09:00:00Z'));
      await post(cardEvent('card.status.reissue', 'card-1', '2026-01-01T10:00:01Z'));
      await post(cardEvent('card.status.inactive', 'card-1', '2026-01-01T10:00:02Z'));
      await post(cardEvent('card.status.lost', 'card-1', '2026-01-01T10:00:01.500Z'));
      expect(seen.slice(2).map((e) => [e.type, e.stale])).toEqual([
        ['card.status.active', false],
        ['card.status.reissue', false],
        ['card.status.inactive', false],
        ['card.status.lost', true],
      ]);
    } finally {
      await close();
    }
  });

  it('compares the instant, not the text: zones and Atelio\'s "date-time" spelling', async () => {
    const seen: WebhookEvent[] = [];
    const hooks = createWebhooks({
      provider: atelio({ secret: SECRET }),
      staleEvents: 'mark',
      on: { '*': (e) => void seen.push(e) },
    });
    await handleRequest(hooks, signed(cardEvent('card.status.closed', 'c', '2026-01-01T12:00:00+02:00')));
    // 10:30 UTC is after 12:00+02:00 (10:00 UTC) though its text sorts first.
    await handleRequest(hooks, signed(cardEvent('card.status.active', 'c', '2026-01-01-10:30:00.000000+00:00')));
    await handleRequest(hooks, signed(cardEvent('card.status.fraud', 'c', '2026-01-01T10:15:00Z')));
    expect(seen.map((e) => e.stale)).toEqual([false, false, true]);
  });

  it('does not apply where there is no entity or no usable time (never stale)', async () => {
    const seen: WebhookEvent[] = [];
    const hooks = createWebhooks({
      provider: atelio({ secret: SECRET }),
      staleEvents: 'mark',
      on: { '*': (e) => void seen.push(e) },
    });
    const exportBody = (at: string) =>
      JSON.stringify({ ...sampleBody('atelio', 'portal.data_export')!, occurred_at: at });
    await handleRequest(hooks, signed(exportBody('2026-01-02T00:00:00Z')));
    await handleRequest(hooks, signed(exportBody('2026-01-01T00:00:00Z')));
    // No zone: the instant would depend on the server's time zone.
    await handleRequest(hooks, signed(cardEvent('card.status.closed', 'z', '2026-01-02T00:00:00Z')));
    await handleRequest(hooks, signed(cardEvent('card.status.active', 'z', '2026-01-01T00:00:00')));
    expect(seen.map((e) => [e.type, e.stale])).toEqual([
      ['portal.data_export', false],
      ['portal.data_export', false],
      ['card.status.closed', false],
      ['card.status.active', false],
    ]);
  });

  it('keeps a duplicate a duplicate, and tells onDelivery which deliveries were stale', async () => {
    const records: DeliveryRecord[] = [];
    const handler = vi.fn();
    const hooks = createWebhooks({
      provider: atelio({ secret: SECRET }),
      staleEvents: 'mark',
      on: { '*': handler },
      onDelivery: (record) => void records.push(record),
    });
    const older = cardEvent('card.status.active', 'd', '2026-01-01T00:00:00Z');
    await handleRequest(hooks, signed(older));
    await handleRequest(hooks, signed(cardEvent('card.status.closed', 'd', '2026-01-01T00:00:01Z')));
    // Atelio retries the older one: it was processed already, so it stays a duplicate.
    expect(json(await handleRequest(hooks, signed(older)))).toEqual({ received: true, duplicate: true });
    expect(handler).toHaveBeenCalledTimes(2);
    await vi.waitFor(() => expect(records).toHaveLength(3));
    expect(records.map((r) => [r.outcome, r.stale])).toEqual([
      ['accepted', undefined],
      ['accepted', undefined],
      ['duplicate', true],
    ]);
  });

  it("keeps the mark when the newer event's handlers fail: the older one is stale, the retry of the newer is not", async () => {
    let fail = true;
    const seen: WebhookEvent[] = [];
    const hooks = createWebhooks({
      provider: atelio({ secret: SECRET }),
      staleEvents: 'mark',
      onError: () => undefined,
      on: {
        '*': (e) => {
          seen.push(e);
          if (fail && e.type === 'card.status.closed') throw new Error('handler failed');
        },
      },
    });
    const newer = cardEvent('card.status.closed', 'f', '2026-01-01T00:00:01Z');
    expect((await handleRequest(hooks, signed(newer))).status).toBe(500);
    await handleRequest(hooks, signed(cardEvent('card.status.active', 'f', '2026-01-01T00:00:00Z')));
    fail = false;
    expect((await handleRequest(hooks, signed(newer))).status).toBe(200);
    expect(seen.map((e) => [e.type, e.stale])).toEqual([
      ['card.status.closed', false],
      ['card.status.active', true],
      ['card.status.closed', false],
    ]);
  });

  it('answers 503 when the store cannot mark, and runs nothing', async () => {
    const store = memoryStore();
    const handler = vi.fn();
    const hooks = createWebhooks({
      provider: atelio({ secret: SECRET }),
      staleEvents: 'mark',
      store,
      on: { '*': handler },
      onError: () => undefined,
    });
    store.markLatest = () => Promise.reject(new Error('store down'));
    const response = await handleRequest(hooks, signed(cardEvent('card.status.active', 's', '2026-01-01T00:00:00Z')));
    expect([response.status, json(response).error?.code]).toEqual([503, 'store_unavailable']);
    expect(handler).not.toHaveBeenCalled();
  });

  it('answers 500 internal_error when entityKey throws, before anything is claimed or run', async () => {
    const store = memoryStore();
    const claim = vi.spyOn(store, 'claim');
    const handler = vi.fn();
    const hooks = createWebhooks({
      provider: atelio({ secret: SECRET }),
      store,
      staleEvents: {
        mode: 'mark',
        entityKey: () => {
          throw new Error('bug in the rule');
        },
      },
      on: { '*': handler },
      onError: () => undefined,
    });
    const response = await handleRequest(hooks, signed(cardEvent('card.status.active', 't', '2026-01-01T00:00:00Z')));
    expect([response.status, json(response).error?.code]).toEqual([500, 'internal_error']);
    expect(claim).not.toHaveBeenCalled();
    expect(handler).not.toHaveBeenCalled();
  });

  it('sets stale: false on every event when on, and leaves it out when off', async () => {
    const on: WebhookEvent[] = [];
    const off: WebhookEvent[] = [];
    const body = cardEvent('card.status.active', 'o', '2026-01-01T00:00:00Z');
    await handleRequest(
      createWebhooks({
        provider: atelio({ secret: SECRET }),
        staleEvents: 'mark',
        on: { '*': (e) => void on.push(e) },
      }),
      signed(body),
    );
    await handleRequest(
      createWebhooks({ provider: atelio({ secret: SECRET }), on: { '*': (e) => void off.push(e) } }),
      signed(body),
    );
    expect(on[0]!.stale).toBe(false);
    expect('stale' in off[0]!).toBe(false);
  });
});

describe('staleEvents: skip', () => {
  it('answers a stale event 200 {received, stale} without running its handlers or claiming it', async () => {
    const store = memoryStore();
    const claim = vi.spyOn(store, 'claim');
    const records: DeliveryRecord[] = [];
    const seen: WebhookEvent[] = [];
    const hooks = createWebhooks({
      provider: atelio({ secret: SECRET }),
      store,
      staleEvents: 'skip',
      on: { '*': (e) => void seen.push(e) },
      onDelivery: (record) => void records.push(record),
    });
    const { post, close } = await serve(hooks);
    try {
      expect(await post(cardEvent('card.status.closed', 'k', '2026-01-01T00:00:01Z'))).toEqual({
        status: 200,
        body: { received: true },
      });
      const stale = cardEvent('card.status.active', 'k', '2026-01-01T00:00:00Z');
      expect(await post(stale)).toEqual({ status: 200, body: { received: true, stale: true } });
      // Its retry is skipped the same way: the mark only rises.
      expect(await post(stale)).toEqual({ status: 200, body: { received: true, stale: true } });
    } finally {
      await close();
    }
    expect(seen.map((e) => [e.type, e.stale])).toEqual([['card.status.closed', false]]);
    expect(claim).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(records).toHaveLength(3));
    expect(records.map((r) => [r.status, r.outcome, r.stale])).toEqual([
      [200, 'accepted', undefined],
      [200, 'accepted', true],
      [200, 'accepted', true],
    ]);
  });
});

describe('staleEvents: per provider and overrides', () => {
  it("Atomic: orders a task's status events by eventTime", async () => {
    const seen: WebhookEvent[] = [];
    const hooks = createWebhooks({
      provider: atomic({ secret: ATOMIC_SECRET }),
      staleEvents: 'mark',
      on: { '*': (e) => void seen.push(e) },
    });
    const send = (status: string, eventTime: string) => {
      const body = JSON.stringify({
        ...sampleBody('atomic', 'task-status-updated')!,
        eventTime,
        data: { ...(sampleBody('atomic', 'task-status-updated') as { data: object }).data, status },
      });
      return handleRequest(hooks, rawPost(body, { 'x-hmac-signature-sha-256': atomicSignature(body, ATOMIC_SECRET) }));
    };
    expect((await send('completed', '2026-01-01T00:00:02.000Z')).status).toBe(200);
    expect((await send('processing', '2026-01-01T00:00:01.000Z')).status).toBe(200);
    expect(seen.map((e) => [(e.payload as { data: { status: string } }).data.status, e.stale])).toEqual([
      ['completed', false],
      ['processing', true],
    ]);
  });

  it('uses entityKey and occurredAt overrides (Moneyhub has no rule of its own)', async () => {
    const seen: WebhookEvent[] = [];
    const hooks = createWebhooks({
      provider: moneyhub({ format: 'json', allowUnsigned: true }),
      staleEvents: {
        mode: 'mark',
        // Typed by the catalogue: narrowing on the type gives the payment payload.
        entityKey: (event) =>
          event.known && (event.type === 'paymentCompleted' || event.type === 'paymentError')
            ? `payment:${event.payload.payload.paymentId}`
            : undefined,
        occurredAt: (event) => (event.payload as { payload: { changedAt?: number } }).payload.changedAt,
      },
      on: { '*': (e) => void seen.push(e) },
    });
    const send = (eventType: string, id: string, paymentId: string, changedAt: number) =>
      handleRequest(
        hooks,
        rawPost(
          JSON.stringify({
            id,
            eventType,
            userId: 'u',
            payload: {
              paymentId,
              paymentSubmissionId: 's',
              submittedAt: '2026-01-01T00:00:00Z',
              status: 'completed',
              reference: 'r',
              endToEndId: 'e',
              changedAt,
            },
          }),
          { 'content-type': 'application/json' },
        ),
      );
    await send('paymentError', 'a', 'p1', Date.UTC(2026, 0, 1, 0, 0, 2));
    await send('paymentCompleted', 'b', 'p1', Date.UTC(2026, 0, 1, 0, 0, 1));
    await send('paymentCompleted', 'c', 'p2', Date.UTC(2026, 0, 1, 0, 0, 0));
    await send('paymentPending', 'd', 'p1', 0);
    expect(seen.map((e) => [e.type, e.stale])).toEqual([
      ['paymentError', false],
      ['paymentCompleted', true],
      ['paymentCompleted', false],
      ['paymentPending', false],
    ]);
  });

  it('refuses at construction: a store without markLatest, a provider without a rule, a bad option', () => {
    const { markLatest: _omitted, ...withoutMarks } = memoryStore() as IdempotencyStore & Record<string, unknown>;
    void _omitted;
    const provider = atelio({ secret: SECRET });
    expect(() => createWebhooks({ provider, store: withoutMarks as IdempotencyStore, staleEvents: 'mark' })).toThrow(
      new TypeError(
        'createWebhooks: `staleEvents` needs a store with `markLatest` (the memory store, @finhooks/redis and @finhooks/postgres have it); this store does not.',
      ),
    );
    expect(() =>
      createWebhooks({ provider: moneyhub({ format: 'json', allowUnsigned: true }), staleEvents: 'skip' }),
    ).toThrow(/the "moneyhub" provider has no entity rule of its own/);
    // @ts-expect-error not a mode
    expect(() => createWebhooks({ provider, staleEvents: 'drop' })).toThrow(/`staleEvents` must be 'mark', 'skip'/);
    // @ts-expect-error not a function
    expect(() => createWebhooks({ provider, staleEvents: { mode: 'mark', entityKey: 'card' } })).toThrow(
      /staleEvents.entityKey` must be a function/,
    );
    // Without the option, a store without markLatest is fine.
    expect(() => createWebhooks({ provider, store: withoutMarks as IdempotencyStore })).not.toThrow();
  });
});

describe('occurrenceMs', () => {
  it('reads ISO 8601 instants with a zone, in any spelling Atelio and Atomic use', () => {
    const base = Date.UTC(2022, 6, 27, 21, 56, 53, 150);
    expect(occurrenceMs('2022-07-27T21:56:53.150700+00:00')).toBe(base);
    expect(occurrenceMs('2022-07-27-21:56:53.150700+00:00')).toBe(base);
    expect(occurrenceMs('2022-07-27 21:56:53.15Z')).toBe(base);
    expect(occurrenceMs('2022-07-27T23:56:53.150+0200')).toBe(base);
    expect(occurrenceMs('2022-07-27T19:56:53.150-02')).toBe(base);
    expect(occurrenceMs(base)).toBe(base);
    expect(occurrenceMs(new Date(base))).toBe(base);
  });

  it('gives no time for what is not an unambiguous instant', () => {
    for (const value of [
      '2022-07-27T21:56:53',
      '2022-02-30T00:00:00Z',
      '2022-07-27T24:00:00Z',
      'yesterday',
      '',
      Number.NaN,
      new Date(Number.NaN),
      undefined,
    ]) {
      expect(occurrenceMs(value as string)).toBeUndefined();
    }
  });
});

// Independent check that the Atelio signer used above is the documented scheme.
it('signs test deliveries with the documented Bond-Signature v2 scheme', () => {
  const header = atelioSignatureHeader('{}', SECRET, 1);
  expect(header).toContain(`v2=${createHmac('sha256', SECRET).update('1.{}').digest('hex')}`);
});
