import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { BoundedCache } from '../src/bounded-cache.js';

describe('BoundedCache', () => {
  it('evicts the least recently used entry beyond its bound; a read or a write counts as a use', () => {
    const cache = new BoundedCache<string, number>(3);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    expect(cache.get('a')).toBe(1); // a is now the most recently used: b goes first
    cache.set('d', 4);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.size).toBe(3);
    cache.set('c', 30); // rewriting c makes it recent: a goes next
    cache.set('e', 5);
    expect(cache.get('a')).toBeUndefined();
    expect([cache.get('c'), cache.get('d'), cache.get('e')]).toEqual([30, 4, 5]);
  });

  it('forgets an entry once its time to live passed, per entry or by default', async () => {
    const cache = new BoundedCache<string, string>(10, 60);
    cache.set('default', 'x');
    cache.set('long', 'y', 10_000);
    cache.set('short', 'z', 1);
    await sleep(20);
    expect(cache.get('short')).toBeUndefined();
    expect(cache.get('default')).toBe('x');
    await sleep(80);
    expect(cache.get('default')).toBeUndefined();
    expect(cache.get('long')).toBe('y');
    expect(cache.size).toBe(1); // expired entries are dropped when read
  });

  it('deletes and clears', () => {
    const cache = new BoundedCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.delete('a');
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')).toBe(2);
    cache.clear();
    expect(cache.size).toBe(0);
  });
});
