import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { memoryStore, type IdempotencyStore } from '../src/index.js';
import { holdLease } from '../src/store/lease.js';

/** A memory store that counts `extend` calls per key. */
function countingStore(leaseTtl: number) {
  const inner = memoryStore({ leaseTtl });
  const extensions = new Map<string, number>();
  const store: IdempotencyStore = {
    ...inner,
    extend: (key, token) => {
      extensions.set(key, (extensions.get(key) ?? 0) + 1);
      return inner.extend(key, token);
    },
  };
  return { store, extensions };
}

async function claim(store: IdempotencyStore, key: string): Promise<string> {
  const result = await store.claim(key);
  if (result.status !== 'claimed') throw new Error(`expected a claim of ${key}`);
  return result.token;
}

describe('holdLease (one heartbeat per store)', () => {
  it('keeps every concurrently held lease past its TTL, and lets a stopped one expire', async () => {
    const { store, extensions } = countingStore(90);
    const a = holdLease(store, 'a', await claim(store, 'a'));
    await sleep(20);
    const b = holdLease(store, 'b', await claim(store, 'b'));
    await sleep(300); // more than three lease TTLs
    expect(await store.claim('a')).toEqual({ status: 'in-flight' });
    expect(await store.claim('b')).toEqual({ status: 'in-flight' });
    a.stop();
    await sleep(200);
    expect((await store.claim('a')).status).toBe('claimed');
    expect(await store.claim('b')).toEqual({ status: 'in-flight' });
    b.stop();
    expect(extensions.get('a')).toBeGreaterThanOrEqual(3);
    expect(extensions.get('b')).toBeGreaterThanOrEqual(3);
  });

  it('stops extending a lease answered lost, and the others go on', async () => {
    const { store, extensions } = countingStore(60);
    const first = await claim(store, 'x');
    const lost = holdLease(store, 'x', first);
    const kept = holdLease(store, 'kept', await claim(store, 'kept'));
    await store.release('x', first);
    await claim(store, 'x'); // another delivery holds it now: the next extension is answered lost
    await sleep(250); // about twelve beats
    expect(extensions.get('x')).toBe(1);
    expect(extensions.get('kept')).toBeGreaterThanOrEqual(3);
    expect(await store.claim('kept')).toEqual({ status: 'in-flight' });
    lost.stop();
    kept.stop();
  });

  it('sends no extension for a lease stopped before its first beat', async () => {
    const { store, extensions } = countingStore(90);
    for (let i = 0; i < 50; i++) holdLease(store, `quick-${i}`, await claim(store, `quick-${i}`)).stop();
    await sleep(200);
    expect(extensions.size).toBe(0);
  });
});
