import { atelio, createWebhooks, type DeliveryObserver, type WebhookInbox } from '@finhooks/core';
import type pg from 'pg';
import { describe, expectTypeOf, it } from 'vitest';
import {
  createInboxWorker,
  type InboxErrorContext,
  type InboxWorker,
  inboxTransaction,
  type InboxEventSummary,
  listInboxEvents,
  type MigrateResult,
  migrate,
  type PostgresAudit,
  postgresAudit,
  postgresInbox,
  postgresStore,
  purgeAudit,
  type PurgeAuditResult,
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

  it('makes an audit writer that is an onDelivery observer with close()', () => {
    expectTypeOf(postgresAudit).returns.toEqualTypeOf<PostgresAudit>();
    expectTypeOf<PostgresAudit>().toMatchTypeOf<DeliveryObserver>();
    expectTypeOf<PostgresAudit['close']>().returns.toEqualTypeOf<Promise<void>>();
    expectTypeOf(purgeAudit).returns.resolves.toEqualTypeOf<PurgeAuditResult>();
    expectTypeOf(listInboxEvents).returns.resolves.toEqualTypeOf<InboxEventSummary[]>();
    const audit = postgresAudit({} as pg.Pool);
    createWebhooks({ provider: atelio({ secret: 'x'.repeat(32) }), onDelivery: audit }).onDelivery(audit);
    // @ts-expect-error rawBodyRetention is a number of ms
    postgresAudit({} as pg.Pool, { rawBodyRetention: '7d' });
  });
});
