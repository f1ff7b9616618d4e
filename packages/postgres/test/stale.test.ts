import { createHmac } from 'node:crypto';
import { atelio, createWebhooks, type WebhookEvent, type Webhooks } from '@finhooks/core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInboxWorker, migrate, postgresInbox, postgresStore } from '../src/index.js';
import { type RunningServer, serve, waitFor } from './support/http.js';
import { connectPool, DATABASE_URL, dropSchema, uniqueSchema } from './support/pg.js';

/**
 * The stale-event guard on a real PostgreSQL, over real HTTP: two instances (each its own pool, as
 * two processes would have) receive many deliveries about one card at once, in shuffled order.
 */
const SECRET = 'whsec_stale_guard_pg_0123456789';
const schema = uniqueSchema('stale');
const T0 = Date.UTC(2026, 0, 1, 12);
let pool: pg.Pool;
const cleanup: Array<() => Promise<unknown>> = [];

beforeAll(async () => {
  pool = await connectPool();
  await migrate(pool, { schema });
});

afterAll(async () => {
  while (cleanup.length > 0) await cleanup.pop()!();
  await dropSchema(pool, schema);
  await pool.end();
});

function ownPool(): pg.Pool {
  const own = new pg.Pool({ connectionString: DATABASE_URL, max: 8 });
  own.on('error', () => undefined);
  cleanup.push(() => own.end());
  return own;
}

async function served(webhooks: Webhooks): Promise<RunningServer> {
  const running = await serve(webhooks);
  cleanup.push(() => running.close());
  return running;
}

/** Bond-Signature v2 written out with node:crypto (no finhooks signer). */
function signedHeaders(body: string): Record<string, string> {
  const t = Math.floor(Date.now() / 1000);
  const v2 = createHmac('sha256', SECRET).update(`${t}.${body}`).digest('hex');
  return { 'content-type': 'application/json', 'bond-signature': `t=${t},v1=${'0'.repeat(64)},v2=${v2}` };
}

function cardBody(card: string, offset: number, type = 'card.status.active'): string {
  return JSON.stringify({
    event: type,
    card: { card_id: card, status: 'Active', last_four: '3351' },
    occurred_at: new Date(T0 + offset * 1000).toISOString().replace('Z', '000+00:00'),
  });
}

const offsetOf = (event: WebhookEvent) => (Date.parse(event.occurredAt!.replace(/(\.\d{3})\d+/, '$1')) - T0) / 1000;

function shuffled<T>(list: readonly T[]): T[] {
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

async function mark(card: string): Promise<{ at: string; remaining_ms: number } | undefined> {
  const { rows } = await pool.query<{ at: string; remaining_ms: number }>(
    `SELECT at::text AS at, (extract(epoch FROM expires_at - clock_timestamp()) * 1000)::float8 AS remaining_ms
       FROM "${schema}".entity_marks WHERE key = $1`,
    [`atelio:${JSON.stringify(['card', card])}`],
  );
  return rows[0];
}

describe('staleEvents on postgresStore', () => {
  it('marks exactly the deliveries older than a mark already seen, across two instances at once; the mark ends at the max', async () => {
    const seen: WebhookEvent[] = [];
    const urls = await Promise.all(
      [0, 1].map(async () => {
        const hooks = createWebhooks({
          provider: atelio({ secret: SECRET }),
          store: postgresStore(ownPool(), { schema }),
          staleEvents: 'mark',
          on: { '*': (event) => void seen.push(event) },
        });
        return (await served(hooks)).url;
      }),
    );
    const post = async (i: number, body: string) => {
      const response = await fetch(urls[i % 2]!, { method: 'POST', headers: signedHeaders(body), body });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    const card = `card-${schema}`;

    const answers = await Promise.all(
      shuffled(Array.from({ length: 40 }, (_, i) => i)).map((o, i) => post(i, cardBody(card, o))),
    );
    expect(answers.every((a) => a.status === 200 && a.body.received === true && !('duplicate' in a.body))).toBe(true);
    expect(seen).toHaveLength(40);
    const latest1 = seen.filter((e) => !e.stale).map(offsetOf);
    for (const event of seen) {
      expect(typeof event.stale).toBe('boolean');
      // Linearisable: a stale event always has a later one that was marked before it.
      if (event.stale) expect(latest1.some((offset) => offset > offsetOf(event))).toBe(true);
    }
    expect(seen.find((e) => offsetOf(e) === 39)?.stale).toBe(false);
    expect((await mark(card))?.at).toBe(String(T0 + 39_000));
    expect((await mark(card))?.remaining_ms).toBeGreaterThan(71 * 60 * 60 * 1000);

    // Wave 2, at once: those before the mark of wave 1 are stale whatever the order.
    seen.length = 0;
    await Promise.all(
      shuffled(Array.from({ length: 40 }, (_, i) => 20 + i)).map((o, i) =>
        post(i, cardBody(card, o, 'card.status.closed')),
      ),
    );
    expect(seen).toHaveLength(40);
    const latest2 = seen.filter((e) => !e.stale).map(offsetOf);
    for (const event of seen) {
      if (offsetOf(event) < 39) expect(event.stale, `offset ${offsetOf(event)}`).toBe(true);
      if (offsetOf(event) === 59) expect(event.stale).toBe(false);
      if (event.stale) expect([39, ...latest2].some((offset) => offset > offsetOf(event))).toBe(true);
    }
    expect((await mark(card))?.at).toBe(String(T0 + 59_000));

    seen.length = 0;
    await post(0, cardBody(card, 59, 'card.status.reissue'));
    await post(1, cardBody(card, 58, 'card.status.reissue'));
    await post(0, cardBody(card, 60, 'card.status.reissue'));
    expect(seen.map((e) => [offsetOf(e), e.stale])).toEqual([
      [59, false],
      [58, true],
      [60, false],
    ]);
    expect((await mark(card))?.at).toBe(String(T0 + 60_000));
  });

  it('inbox mode: judged at receive time, the verdict is stored with the event and reaches the inbox worker', async () => {
    const receiver = createWebhooks({
      provider: atelio({ secret: SECRET }),
      inbox: postgresInbox(pool, { schema }),
      store: postgresStore(pool, { schema }),
      staleEvents: 'mark',
    });
    const { url } = await served(receiver);
    const card = `inbox-${schema}`;
    for (const offset of [2, 1]) {
      const body = cardBody(card, offset);
      expect((await fetch(url, { method: 'POST', headers: signedHeaders(body), body })).status).toBe(200);
    }
    const { rows } = await pool.query<{ stale: boolean }>(
      `SELECT (event->>'stale')::boolean AS stale FROM "${schema}".inbox_events ORDER BY event->>'occurredAt'`,
    );
    expect(rows.map((r) => r.stale)).toEqual([true, false]);

    const seen: WebhookEvent[] = [];
    const handlers = createWebhooks({ provider: atelio({ secret: SECRET }) });
    handlers.onAny((event) => void seen.push(event));
    const worker = createInboxWorker({
      pool: ownPool(),
      schema,
      webhooks: handlers,
      pollInterval: 50,
      onError: () => undefined,
    });
    cleanup.push(() => worker.close());
    await waitFor(async () => seen.length === 2, 20_000, 'the inbox worker to run both events');
    expect(seen.map((e) => [offsetOf(e), e.stale]).sort()).toEqual([
      [1, true],
      [2, false],
    ]);
  });

  it('treats an expired mark as none, and purge() deletes expired marks', async () => {
    const store = postgresStore(pool, { schema, ttl: 200 });
    const key = `expiry-${schema}`;
    expect(await store.markLatest(key, T0 + 10)).toBe('latest');
    expect(await store.markLatest(key, T0)).toBe('stale');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await store.markLatest(key, T0), 'an expired mark makes nothing stale').toBe('latest');
    expect(await store.markLatest(key, T0 - 1)).toBe('stale');
    expect(await store.markLatest(`${key}-purged`, T0)).toBe('latest');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await store.purge()).toBeGreaterThanOrEqual(2);
    const { rows } = await pool.query(`SELECT 1 FROM "${schema}".entity_marks WHERE key LIKE $1`, [`${key}%`]);
    expect(rows).toHaveLength(0);
    await expect(store.markLatest(key, 1.5)).rejects.toThrow(TypeError);
  });
});
