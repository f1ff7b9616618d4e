import { describe, expect, it } from 'vitest';
import { BoundedCache } from '../src/bounded-cache.js';

describe('BoundedCache', () => {
  it('keeps at most max entries, evicting the least recently used (read or written)', () => {
    const cache = new BoundedCache<string, number>(3);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    expect(cache.get('a')).toBe(1); // 'a' is now the most recent: 'b' goes first
    cache.set('d', 4);
    expect(cache.size).toBe(3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    cache.set('c', 30); // a rewrite counts as a use
    cache.set('e', 5);
    expect(cache.get('d')).toBeUndefined();
    expect(cache.get('c')).toBe(30);
    cache.clear();
    expect(cache.size).toBe(0);
  });
});
