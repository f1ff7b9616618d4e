/**
 * The conformance suite every `IdempotencyStore` passes (memory, Redis, Redis Cluster, yours).
 * It asserts with `node:assert` and registers its tests through the `describe`/`it` you pass, so it
 * runs under vitest, jest, mocha or `node:test` and adds no test framework to your dependencies.
 */
import { deepStrictEqual, notStrictEqual, ok, strictEqual } from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ClaimResult, IdempotencyStore } from './types.js';

/** What the suite asks of the store under test. */
export interface StoreSettings {
  /** Lease TTL, ms: the store must answer `leaseTtl` with this value. */
  readonly leaseTtl: number;
  /** Retention of completed keys, ms. */
  readonly ttl: number;
}

/** `describe`/`it` of your test framework (vitest, jest, mocha, `node:test`). */
export interface ConformanceTestApi {
  describe(name: string, body: () => void): unknown;
  it(name: string, body: () => Promise<void>, timeout?: number): unknown;
}

export interface StoreConformanceOptions extends ConformanceTestApi {
  /**
   * A new store instance (as a new process would open one: its own client/pool) over the shared
   * backend with these settings. Called several times per test: the instances must share state.
   */
  makeStore(settings: StoreSettings): IdempotencyStore | Promise<IdempotencyStore>;
  /** Closes an instance `makeStore` returned (its client, its pool). */
  closeStore?(store: IdempotencyStore): unknown;
  /** Short lease used by the expiry tests, ms. Default 300; raise it for a slow backend. */
  readonly leaseTtl?: number;
  /** Short retention used by the TTL test, ms. Default 600. */
  readonly ttl?: number;
  /** Per-test timeout passed to `it`, ms. Default 15 000. */
  readonly timeout?: number;
  /**
   * Whether the store implements `markLatest` (the stale-event guard's marks); its tests run and
   * fail on a store without it unless this is `false`. Default `true`.
   */
  readonly markLatest?: boolean;
}

/**
 * Registers the store contract's tests (see `IdempotencyStore`) under `describe(name)`. Keys are
 * random per test, so a shared backend needs no cleanup between tests.
 *
 * ```ts
 * import { describe, it } from 'vitest';
 * import { runStoreConformance } from '@finhooks/core/testing';
 * runStoreConformance('my store', { describe, it, makeStore: (s) => myStore(s), closeStore: (s) => s.close() });
 * ```
 */
export function runStoreConformance(name: string, options: StoreConformanceOptions): void {
  const leaseTtl = options.leaseTtl ?? 300;
  const ttl = options.ttl ?? 600;
  const timeout = options.timeout ?? 15_000;
  const long: StoreSettings = { leaseTtl: 60_000, ttl: 3_600_000 };
  const short: StoreSettings = { leaseTtl, ttl };
  const { describe, it } = options;

  /** Runs `body` with `count` fresh instances, closing them afterwards. */
  async function withStores(
    count: number,
    settings: StoreSettings,
    body: (...stores: IdempotencyStore[]) => Promise<void>,
  ): Promise<void> {
    const stores: IdempotencyStore[] = [];
    try {
      for (let i = 0; i < count; i++) stores.push(await options.makeStore(settings));
      await body(...stores);
    } finally {
      await Promise.all(stores.map(async (store) => options.closeStore?.(store)));
    }
  }

  const test = (title: string, body: () => Promise<void>) => it(title, body, timeout);
  const key = (label: string) => `conformance:${label}:${randomUUID()}`;
  const tokenOf = (result: ClaimResult): string => {
    strictEqual(result.status, 'claimed');
    const { token } = result as { token: string };
    ok(typeof token === 'string' && token.length > 0, 'a claim carries a non-empty string token');
    return token;
  };

  describe(name, () => {
    test('answers the lease TTL it was given', () =>
      withStores(1, short, async (store) => {
        strictEqual(store.leaseTtl, leaseTtl);
      }));

    test('claims a free key once: in-flight while held, duplicate once completed', () =>
      withStores(2, long, async (a, b) => {
        const k = key('lifecycle');
        const token = tokenOf(await a.claim(k));
        deepStrictEqual(await a.claim(k), { status: 'in-flight' });
        deepStrictEqual(await b.claim(k), { status: 'in-flight' });
        strictEqual(await a.complete(k, token), 'completed');
        deepStrictEqual(await a.claim(k), { status: 'duplicate' });
        deepStrictEqual(await b.claim(k), { status: 'duplicate' });
      }));

    test('gives exactly one of many concurrent claims from several instances, each with a unique token', () =>
      withStores(3, long, async (...stores) => {
        const k = key('race');
        const results = await Promise.all(Array.from({ length: 60 }, (_, i) => stores[i % stores.length]!.claim(k)));
        strictEqual(results.filter((r) => r.status === 'claimed').length, 1);
        strictEqual(results.filter((r) => r.status === 'in-flight').length, 59);
        const tokens = new Set<string>();
        for (let i = 0; i < 20; i++) tokens.add(tokenOf(await stores[i % stores.length]!.claim(key('token'))));
        strictEqual(tokens.size, 20, 'every claim gets its own token');
      }));

    test('keeps keys apart, whatever characters they hold', () =>
      withStores(1, long, async (store) => {
        const base = key('chars');
        const keys = [base, `${base}:x`, `${base}{tag}`, `${base} ü/é ✓`, `${base}${'k'.repeat(400)}`];
        const tokens = [];
        for (const k of keys) tokens.push(tokenOf(await store.claim(k)));
        strictEqual(await store.complete(keys[0]!, tokens[0]!), 'completed');
        for (const k of keys.slice(1)) deepStrictEqual(await store.claim(k), { status: 'in-flight' });
      }));

    test('forgets a released claim, so the retry is claimed again with a new token', () =>
      withStores(2, long, async (a, b) => {
        const k = key('release');
        const first = tokenOf(await a.claim(k));
        strictEqual(await a.release(k, first), 'released');
        const second = tokenOf(await b.claim(k));
        notStrictEqual(second, first);
      }));

    test('refuses to complete, release or extend with a token that does not hold the key', () =>
      withStores(2, long, async (a, b) => {
        const k = key('foreign');
        const token = tokenOf(await a.claim(k));
        strictEqual(await b.complete(k, 'not-the-token'), 'lost');
        strictEqual(await b.release(k, 'not-the-token'), 'lost');
        strictEqual(await b.extend(k, 'not-the-token'), 'lost');
        strictEqual(await b.complete(k, `${token}x`), 'lost');
        deepStrictEqual(await b.claim(k), { status: 'in-flight' });
        // The holder still decides, from any instance.
        strictEqual(await b.complete(k, token), 'completed');
        deepStrictEqual(await a.claim(k), { status: 'duplicate' });
      }));

    test("frees a crashed holder's claim once its lease expired", () =>
      withStores(2, short, async (crashed, other) => {
        const k = key('expiry');
        tokenOf(await crashed.claim(k));
        deepStrictEqual(await other.claim(k), { status: 'in-flight' });
        await sleep(leaseTtl * 1.5);
        tokenOf(await other.claim(k));
      }));

    test('refuses complete and release of a lease that expired and was taken over; the new holder decides', () =>
      withStores(3, short, async (slow, fast, third) => {
        const k = key('takeover');
        const slowToken = tokenOf(await slow.claim(k));
        await sleep(leaseTtl * 1.5);
        const fastToken = tokenOf(await fast.claim(k));
        strictEqual(await slow.complete(k, slowToken), 'lost');
        deepStrictEqual(await third.claim(k), { status: 'in-flight' });
        strictEqual(await slow.release(k, slowToken), 'lost');
        deepStrictEqual(await third.claim(k), { status: 'in-flight' });
        strictEqual(await slow.extend(k, slowToken), 'lost');
        strictEqual(await fast.release(k, fastToken), 'released');
        const thirdToken = tokenOf(await third.claim(k));
        strictEqual(await third.complete(k, thirdToken), 'completed');
        strictEqual(await slow.complete(k, slowToken), 'lost', 'a done key is not completed again by a stale lease');
        strictEqual(await slow.release(k, slowToken), 'lost', 'a done key is not released by a stale lease');
        deepStrictEqual(await fast.claim(k), { status: 'duplicate' });
      }));

    test('completes a lease that expired when nobody took the key (the handlers did succeed)', () =>
      withStores(1, short, async (store) => {
        const k = key('late');
        const token = tokenOf(await store.claim(k));
        await sleep(leaseTtl * 1.5);
        strictEqual(await store.complete(k, token), 'completed');
        deepStrictEqual(await store.claim(k), { status: 'duplicate' });
      }));

    test('keeps a lease past its TTL while it is extended, and lets it expire once it is not', () =>
      withStores(2, short, async (holder, other) => {
        const k = key('extend');
        const token = tokenOf(await holder.claim(k));
        for (let i = 0; i < 5; i++) {
          await sleep(leaseTtl / 3);
          strictEqual(await holder.extend(k, token), 'extended');
        }
        deepStrictEqual(await other.claim(k), { status: 'in-flight' }, 'held past its first TTL');
        await sleep(leaseTtl * 1.5);
        const next = tokenOf(await other.claim(k));
        strictEqual(await holder.extend(k, token), 'lost');
        strictEqual(await other.complete(k, next), 'completed');
        strictEqual(await holder.extend(k, token), 'lost', 'a done key cannot be extended');
      }));

    test('remembers a completed key for its TTL, then forgets it', () =>
      withStores(1, short, async (store) => {
        const k = key('ttl');
        strictEqual(await store.complete(k, tokenOf(await store.claim(k))), 'completed');
        await sleep(ttl / 3);
        deepStrictEqual(await store.claim(k), { status: 'duplicate' });
        await sleep(ttl * 1.2);
        tokenOf(await store.claim(k));
      }));

    if (options.markLatest !== false) registerMarkTests(test, withStores, key, { long, short, ttl });
  });
}

type WithStores = (
  count: number,
  settings: StoreSettings,
  body: (...stores: IdempotencyStore[]) => Promise<void>,
) => Promise<void>;

/** The `markLatest` contract (stale-event guard): an atomic max per entity key, shared by every instance. */
function registerMarkTests(
  test: (title: string, body: () => Promise<void>) => unknown,
  withStores: WithStores,
  key: (label: string) => string,
  { long, short, ttl }: { long: StoreSettings; short: StoreSettings; ttl: number },
): void {
  const marker = (store: IdempotencyStore) => {
    ok(
      typeof store.markLatest === 'function',
      'the store has no markLatest (the stale-event guard needs it); pass `markLatest: false` to runStoreConformance if it is not meant to',
    );
    return store.markLatest!.bind(store);
  };
  const t0 = Date.UTC(2026, 0, 1);

  test('markLatest: a later or equal time is latest and raises the mark; an earlier one is stale, from any instance', () =>
    withStores(2, long, async (a, b) => {
      const [markA, markB] = [marker(a), marker(b)];
      const k = key('mark');
      strictEqual(await markA(k, t0), 'latest', 'the first time seen');
      strictEqual(await markB(k, t0), 'latest', 'an equal time is not stale');
      strictEqual(await markB(k, t0 - 1), 'stale', 'one millisecond earlier');
      strictEqual(await markA(k, t0 + 1000), 'latest', 'a later time');
      strictEqual(await markB(k, t0), 'stale', 'the former mark is now stale');
      strictEqual(await markB(k, t0 + 999), 'stale', 'a stale answer does not lower the mark');
      strictEqual(await markA(k, t0 + 1000), 'latest');
    }));

  test('markLatest: keeps entity keys apart from each other and from claim keys', () =>
    withStores(1, long, async (store) => {
      const mark = marker(store);
      const k = key('mark-apart');
      strictEqual(await mark(k, t0 + 10), 'latest');
      strictEqual(await mark(`${k}:x`, t0), 'latest');
      strictEqual(await mark(`${k}${'k'.repeat(400)}`, t0), 'latest');
      tokenOfClaim(await store.claim(k), 'a marked key is still free to claim');
      strictEqual(await mark(k, t0 + 9), 'stale', 'claiming the same string leaves the mark alone');
    }));

  test('markLatest: of concurrent marks from several instances, the latest time always wins and ends as the mark', () =>
    withStores(3, long, async (...stores) => {
      const k = key('mark-race');
      const times = Array.from({ length: 60 }, (_, i) => t0 + (i % 20) * 1000);
      shuffle(times);
      const results = await Promise.all(times.map((time, i) => marker(stores[i % stores.length]!)(k, time)));
      const max = Math.max(...times);
      const latestTimes = times.filter((_, i) => results[i] === 'latest');
      times.forEach((time, i) => {
        if (time === max) strictEqual(results[i], 'latest', 'the latest time is never stale');
        // Linearisable: a stale answer means a later time was marked before it.
        if (results[i] === 'stale')
          ok(
            latestTimes.some((marked) => marked > time),
            'stale only behind a later mark',
          );
      });
      strictEqual(await marker(stores[0]!)(k, max), 'latest', 'the mark ends at the maximum');
      strictEqual(await marker(stores[1]!)(k, max - 1), 'stale');
    }));

  test('markLatest: remembers a mark for the retention TTL, then forgets it', () =>
    withStores(1, short, async (store) => {
      const mark = marker(store);
      const k = key('mark-ttl');
      strictEqual(await mark(k, t0 + 1000), 'latest');
      await sleep(ttl / 3);
      strictEqual(await mark(k, t0), 'stale');
      await sleep(ttl * 1.2);
      strictEqual(await mark(k, t0), 'latest', 'an expired mark no longer makes older events stale');
    }));
}

function tokenOfClaim(result: ClaimResult, message: string): void {
  strictEqual(result.status, 'claimed', message);
}

function shuffle<T>(list: T[]): void {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
}
