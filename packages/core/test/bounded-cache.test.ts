import { setTimeout as sleep } from 'node:timers/promises';
import fc from 'fast-check';
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

  it('peek reads a live value without making it recent, and nothing once it expired', async () => {
    const cache = new BoundedCache<string, number>(2, 60);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.peek('a')).toBe(1);
    cache.set('c', 3); // a is still the least recently used: it goes
    expect(cache.peek('a')).toBeUndefined();
    expect(cache.peek('b')).toBe(2);
    await sleep(80);
    expect(cache.peek('c')).toBeUndefined();
  });

  it('property: behaves as a least-recently-used model on any sequence of reads, peeks, writes, deletes and clears', () => {
    type Op = { op: 'get' | 'peek' | 'set' | 'delete'; key: number } | { op: 'clear' };
    const key = fc.integer({ min: 0, max: 12 });
    const op: fc.Arbitrary<Op> = fc.oneof(
      { weight: 5, arbitrary: fc.record({ op: fc.constant('get' as const), key }) },
      { weight: 3, arbitrary: fc.record({ op: fc.constant('peek' as const), key }) },
      { weight: 5, arbitrary: fc.record({ op: fc.constant('set' as const), key }) },
      { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), key }) },
      { weight: 1, arbitrary: fc.constant({ op: 'clear' as const }) },
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.array(op, { maxLength: 300 }), (max, ops) => {
        const cache = new BoundedCache<number, number>(max);
        // The model: keys from least to most recently used.
        let model: [number, number][] = [];
        ops.forEach((step, i) => {
          if (step.op === 'clear') {
            cache.clear();
            model = [];
          } else if (step.op === 'delete') {
            cache.delete(step.key);
            model = model.filter(([k]) => k !== step.key);
          } else if (step.op === 'get') {
            const found = model.find(([k]) => k === step.key);
            expect(cache.get(step.key)).toBe(found?.[1]);
            if (found) model = [...model.filter(([k]) => k !== step.key), found];
          } else if (step.op === 'peek') {
            // The same value as `get`, and the order of eviction unchanged.
            expect(cache.peek(step.key)).toBe(model.find(([k]) => k === step.key)?.[1]);
          } else {
            cache.set(step.key, i);
            model = [...model.filter(([k]) => k !== step.key), [step.key, i]];
            if (model.length > max) model = model.slice(1);
          }
          expect(cache.size).toBe(model.length);
        });
        for (const [k, v] of model) expect(cache.get(k)).toBe(v);
      }),
      { numRuns: 500 },
    );
  });

  it('evicts in order across many evictions at a large bound (the kept iterator while V8 rehashes the table)', () => {
    const cache = new BoundedCache<number, number>(1000);
    // The model: a Map re-inserted on use, its first key the least recently used.
    const model = new Map<number, number>();
    for (let i = 0; i < 30_000; i++) {
      cache.set(i, i);
      model.set(i, i);
      if (model.size > 1000) model.delete(model.keys().next().value!);
      // A read of an older key (present or evicted) every other step.
      if (i % 2 === 0) {
        const old = i - 700 - (i % 600);
        const expected = model.get(old);
        expect(cache.get(old)).toBe(expected);
        if (expected !== undefined) {
          model.delete(old);
          model.set(old, expected);
        }
      }
    }
    expect(cache.size).toBe(1000);
    for (const [k, v] of model) expect(cache.get(k)).toBe(v);
  });
});
