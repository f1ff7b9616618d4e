import { describe, expect, it } from 'vitest';
import { memoryStore } from '../src/index.js';
import { runStoreConformance } from '../src/testing.js';

runStoreConformance('memoryStore: the store contract', {
  describe,
  it,
  // One process: instances sharing state are one instance.
  makeStore: (() => {
    const shared = new Map<string, ReturnType<typeof memoryStore>>();
    return ({ leaseTtl, ttl }) => {
      const id = `${leaseTtl}/${ttl}`;
      if (!shared.has(id)) shared.set(id, memoryStore({ leaseTtl, ttl }));
      return shared.get(id)!;
    };
  })(),
});

describe('memoryStore', () => {
  it('stays bounded, evicting the least recently used keys', async () => {
    const store = memoryStore({ maxEntries: 3 });
    for (const key of ['a', 'b', 'c', 'd']) {
      const claim = await store.claim(key);
      if (claim.status !== 'claimed') throw new Error('expected a claim');
      expect(await store.complete(key, claim.token)).toBe('completed');
    }
    expect(await store.claim('d')).toEqual({ status: 'duplicate' });
    expect((await store.claim('a')).status).toBe('claimed');
  });

  it('keeps a key found done over older ones: a read counts as a use', async () => {
    const store = memoryStore({ maxEntries: 3 });
    const done = async (key: string) => {
      const claim = await store.claim(key);
      if (claim.status !== 'claimed') throw new Error('expected a claim');
      expect(await store.complete(key, claim.token)).toBe('completed');
    };
    for (const key of ['a', 'b', 'c']) await done(key);
    expect(await store.claim('a')).toEqual({ status: 'duplicate' });
    await done('d');
    expect(await store.claim('a')).toEqual({ status: 'duplicate' });
    expect((await store.claim('b')).status).toBe('claimed');
  });

  it('holds at most maxEntries keys, held leases included, whatever their TTL', async () => {
    const store = memoryStore({ maxEntries: 2, leaseTtl: 60_000 });
    for (const key of ['a', 'b', 'c']) expect((await store.claim(key)).status).toBe('claimed');
    expect(await store.claim('b')).toEqual({ status: 'in-flight' });
    expect(await store.claim('c')).toEqual({ status: 'in-flight' });
    // 'a' was evicted (the least recently used): its key is free again; taking it evicts 'b'.
    expect((await store.claim('a')).status).toBe('claimed');
    expect((await store.claim('b')).status).toBe('claimed');
  });

  it('refuses nonsense TTLs', () => {
    expect(() => memoryStore({ leaseTtl: 0 })).toThrow(/leaseTtl/);
    expect(() => memoryStore({ ttl: 1.5 })).toThrow(/ttl/);
  });
});
