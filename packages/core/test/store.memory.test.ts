import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { memoryStore } from '../src/index.js';

describe('memoryStore', () => {
  it('claims once, reports in-flight while held, duplicate once complete', async () => {
    const store = memoryStore();
    expect(await store.claim('a')).toBe('claimed');
    expect(await store.claim('a')).toBe('in-flight');
    await store.complete('a');
    expect(await store.claim('a')).toBe('duplicate');
  });

  it('gives exactly one of many concurrent claims', async () => {
    const store = memoryStore();
    const results = await Promise.all(Array.from({ length: 50 }, () => store.claim('same')));
    expect(results.filter((r) => r === 'claimed')).toHaveLength(1);
  });

  it('forgets a released claim so the retry is processed', async () => {
    const store = memoryStore();
    await store.claim('a');
    await store.release('a');
    expect(await store.claim('a')).toBe('claimed');
  });

  it('lets a lease expire (a crashed handler does not block the key forever) and forgets done keys after the TTL', async () => {
    const store = memoryStore({ leaseTtl: 40, ttl: 120 });
    await store.claim('lease');
    expect(await store.claim('lease')).toBe('in-flight');
    await sleep(60);
    expect(await store.claim('lease')).toBe('claimed');
    await store.complete('lease');
    await sleep(60);
    expect(await store.claim('lease')).toBe('duplicate');
    await sleep(90);
    expect(await store.claim('lease')).toBe('claimed');
  });

  it('stays bounded, evicting the least recently used keys', async () => {
    const store = memoryStore({ maxEntries: 3 });
    for (const key of ['a', 'b', 'c', 'd']) {
      await store.claim(key);
      await store.complete(key);
    }
    expect(await store.claim('d')).toBe('duplicate');
    expect(await store.claim('a')).toBe('claimed');
  });
});
