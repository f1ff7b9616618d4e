import { describe, expectTypeOf, it } from 'vitest';
import { type ClaimResult, type IdempotencyStore, memoryStore } from '../src/index.js';
import { runStoreConformance, type StoreConformanceOptions } from '../src/testing.js';

describe('IdempotencyStore types', () => {
  it('gives a token only with a claim, and needs it to complete, release or extend', async () => {
    const store: IdempotencyStore = memoryStore();
    const claim = await store.claim('k');
    if (claim.status === 'claimed') expectTypeOf(claim.token).toEqualTypeOf<string>();
    else expectTypeOf(claim).not.toHaveProperty('token');
    expectTypeOf<Extract<ClaimResult, { status: 'duplicate' }>>().toEqualTypeOf<{ readonly status: 'duplicate' }>();
    expectTypeOf(store.complete).parameters.toEqualTypeOf<[key: string, token: string]>();
    expectTypeOf(store.complete).returns.resolves.toEqualTypeOf<'completed' | 'lost'>();
    expectTypeOf(store.release).returns.resolves.toEqualTypeOf<'released' | 'lost'>();
    expectTypeOf(store.extend).returns.resolves.toEqualTypeOf<'extended' | 'lost'>();
    expectTypeOf(store.leaseTtl).toEqualTypeOf<number>();
    // @ts-expect-error: completing needs the claim's token
    void store.complete('k');
  });

  it('lets the conformance suite take any framework describe/it and an async store factory', () => {
    expectTypeOf(runStoreConformance).parameters.toEqualTypeOf<[name: string, options: StoreConformanceOptions]>();
    expectTypeOf<StoreConformanceOptions['makeStore']>().returns.toEqualTypeOf<
      IdempotencyStore | Promise<IdempotencyStore>
    >();
  });
});
