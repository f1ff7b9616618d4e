import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StoreProcess, startStoreProcess } from './store-process.js';

// Long enough that 400 queued claims over two pools of 10 on a loaded machine all run within one lease.
const LEASE_MS = 2000;

/**
 * Two Node processes, each with its own `postgresStore` and pool, contending for the same keys:
 * the claims are exclusive across processes, and a lease that expired in process A and was taken
 * over by process B can no longer be completed, released or extended by A.
 * `env` gives the fixture's connection settings (DATABASE_URL, SCHEMA).
 */
export function storeContention(name: string, env: () => Record<string, string>): void {
  describe(name, () => {
    let a: StoreProcess;
    let b: StoreProcess;
    beforeAll(async () => {
      const settings = { ...env(), LEASE_MS: String(LEASE_MS) };
      [a, b] = await Promise.all([startStoreProcess(settings), startStoreProcess(settings)]);
      expect(a.pid).not.toBe(b.pid);
    });
    afterAll(async () => {
      await Promise.all([a?.close(), b?.close()]);
    });

    it('gives each of 200 keys to exactly one of the two processes', async () => {
      // Warm both pools (each opens its connections), so neither process starts the race late.
      await Promise.all([a, b].flatMap((p) => Array.from({ length: 20 }, () => p.claim(`warm:${randomUUID()}`))));
      const keys = Array.from({ length: 200 }, () => `contention:${randomUUID()}`);
      // Alternate which process is asked first, so the race's outcome is not decided by send order.
      const results = await Promise.all(
        keys.flatMap((key, i) => {
          const [first, second] = i % 2 === 0 ? [a, b] : [b, a];
          const claims = [first.claim(key), second.claim(key)];
          return i % 2 === 0 ? claims : claims.reverse();
        }),
      );
      for (let i = 0; i < keys.length; i++) {
        const statuses = [results[2 * i]!.status, results[2 * i + 1]!.status].sort();
        expect(statuses).toEqual(['claimed', 'in-flight']);
      }
      // Both processes won some keys: they really raced.
      expect(results.filter((r, i) => i % 2 === 0 && r.status === 'claimed').length).toBeGreaterThan(0);
    });

    it("refuses A's complete and release once A's lease expired and B took the key over", async () => {
      const key = `takeover:${randomUUID()}`;
      const first = await a.claim(key);
      if (first.status !== 'claimed') throw new Error(`A could not claim: ${first.status}`);
      expect(await b.claim(key)).toEqual({ status: 'in-flight' });
      await sleep(LEASE_MS * 1.5);
      const second = await b.claim(key);
      if (second.status !== 'claimed') throw new Error(`B could not take the expired lease: ${second.status}`);

      expect(await a.complete(key, first.token)).toBe('lost');
      expect(await a.release(key, first.token)).toBe('lost');
      expect(await a.extend(key, first.token)).toBe('lost');
      expect(await a.claim(key)).toEqual({ status: 'in-flight' });

      expect(await b.complete(key, second.token)).toBe('completed');
      expect(await a.claim(key)).toEqual({ status: 'duplicate' });
      expect(await a.complete(key, first.token)).toBe('lost');
    });

    it('lets B complete the claim A holds only with A’s token', async () => {
      const key = `handover:${randomUUID()}`;
      const claim = await a.claim(key);
      if (claim.status !== 'claimed') throw new Error(`A could not claim: ${claim.status}`);
      expect(await b.complete(key, randomUUID())).toBe('lost');
      expect(await b.claim(key)).toEqual({ status: 'in-flight' });
      expect(await b.complete(key, claim.token)).toBe('completed');
      expect(await a.claim(key)).toEqual({ status: 'duplicate' });
    });
  });
}
