import type { WebhookInbox } from '@finhooks/core';
import type pg from 'pg';
import { describe, expectTypeOf, it } from 'vitest';
import {
  createInboxWorker,
  type InboxErrorContext,
  type InboxWorker,
  inboxTransaction,
  type MigrateResult,
  migrate,
  postgresInbox,
  postgresStore,
} from '../src/index.js';

describe('public types', () => {
  it('gives handlers the pg client of the inbox transaction', () => {
    expectTypeOf(inboxTransaction).returns.toEqualTypeOf<pg.PoolClient>();
  });

  it('makes an inbox core accepts, a store with purge, and a typed migrate result', () => {
    expectTypeOf(postgresInbox).returns.toExtend<WebhookInbox>();
    expectTypeOf(postgresInbox).returns.toHaveProperty('ready').returns.toEqualTypeOf<Promise<void>>();
    expectTypeOf(postgresStore).returns.toHaveProperty('ready').returns.toEqualTypeOf<Promise<void>>();
    expectTypeOf(postgresStore).returns.toHaveProperty('purge').returns.toEqualTypeOf<Promise<number>>();
    expectTypeOf(migrate).returns.resolves.toEqualTypeOf<MigrateResult>();
  });

  it('types the worker options and what onError learns', () => {
    expectTypeOf(createInboxWorker).returns.toEqualTypeOf<InboxWorker>();
    expectTypeOf<InboxWorker['ready']>().toEqualTypeOf<Promise<void>>();
    expectTypeOf<InboxErrorContext['outcome']>().toEqualTypeOf<'retry' | 'dead' | 'worker'>();
    // @ts-expect-error the worker needs the webhooks instance and the pool
    createInboxWorker({ concurrency: 2 });
    // @ts-expect-error backoff is a function of the attempt
    createInboxWorker({} as { webhooks: never; pool: never; backoff: number });
  });
});
