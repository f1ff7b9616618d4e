import { atelio, atomic, createWebhooks, moneyhub, type AtelioProvider, type Webhooks } from '@finhooks/core';
import type { NextApiHandler } from 'next';
import type { NextRequest } from 'next/server.js';
import { expectTypeOf, test } from 'vitest';
import { type NextWebhooks, type PagesWebhooks, pagesWebhooks, webhooks } from '../src/index.js';

/** The shape Next 16's build-time route validation requires of each exported method. */
type NextRouteMethod = (
  request: NextRequest,
  context: { params: Promise<Record<string, string | string[]>> },
) => Promise<Response | void> | Response | void;

test('App Router: payloads are inferred through the `on` map and `.onEvent`', () => {
  const route = webhooks({
    provider: atelio({ secret: 'whsec_x' }),
    on: {
      transactions: (event) => {
        expectTypeOf(event.payload.transaction.amount).toEqualTypeOf<string>();
      },
    },
  });
  expectTypeOf(route).toEqualTypeOf<NextWebhooks<AtelioProvider>>();
  route.onEvent('card.status.*', (event) => {
    if (event.known) {
      expectTypeOf(
        event.type,
      ).toEqualTypeOf<`card.status.${'active' | 'closed' | 'inactive' | 'reissue' | 'fraud' | 'lost' | 'stolen' | 'no_withdrawals'}`>();
    }
  });
  route.onEvent(['transactions', 'card.created'], (event) => {
    if (event.known) expectTypeOf(event.type).toEqualTypeOf<'transactions' | 'card.created'>();
  });
  webhooks({
    provider: moneyhub({ jwks: { keys: [] }, allowAnyAudience: true }),
    on: {
      newTransactions: (event) =>
        expectTypeOf(event.payload.payload.accounts[0]).toEqualTypeOf<
          { id: string; transactions: string[]; [key: string]: unknown } | undefined
        >(),
    },
  });
  webhooks({
    provider: atelio({ secret: 'x' }),
    on: {
      transactions: (event) => {
        // @ts-expect-error the amount is a decimal string, not a number
        const amount: number = event.payload.transaction.amount;
        return amount;
      },
    },
  });
});

test('App Router: the exported methods fit Next route handlers, so `export const { POST } = …` typechecks', () => {
  const route = webhooks({ provider: atelio({ secret: 'whsec_x' }) });
  const { POST, GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = route;
  for (const method of [POST, GET, HEAD, PUT, PATCH, DELETE, OPTIONS]) {
    expectTypeOf(method).toExtend<NextRouteMethod>();
    expectTypeOf(method).returns.resolves.toEqualTypeOf<Response>();
  }
  expectTypeOf(route.webhooks).toEqualTypeOf<Webhooks<AtelioProvider>>();
});

test('an existing instance keeps its provider type', () => {
  const hooks = createWebhooks({ provider: atomic({ secret: 'x' }) });
  const route = webhooks(hooks);
  const page = pagesWebhooks(hooks);
  route.onEvent('task-status-updated', (event) => {
    expectTypeOf(event.payload.data.authenticated).toEqualTypeOf<boolean>();
  });
  page.onEvent('task-status-updated', (event) => {
    expectTypeOf(event.payload.data.authenticated).toEqualTypeOf<boolean>();
  });
});

test('Pages Router: the handler is a NextApiHandler and infers payloads the same way', () => {
  const handler = pagesWebhooks({
    provider: atelio({ secret: 'whsec_x' }),
    on: { 'card.*': (event) => expectTypeOf(event.provider).toEqualTypeOf<'atelio'>() },
  });
  expectTypeOf(handler).toEqualTypeOf<PagesWebhooks<AtelioProvider>>();
  expectTypeOf(handler).toExtend<NextApiHandler>();
  expectTypeOf(handler).returns.toEqualTypeOf<Promise<void>>();
  handler.onEvent('transactions', (event) => {
    expectTypeOf(event.payload.transaction.amount).toEqualTypeOf<string>();
  });
});

test('a misspelled event name fails to compile; unknown: registers it', () => {
  const route = webhooks({ provider: moneyhub({ jwks: { keys: [] } }) });
  // @ts-expect-error Moneyhub names are camelCase: 'newTransactions'
  route.onEvent('newtransactions', () => undefined);
  route.onEvent('unknown:newThing', (event) => expectTypeOf(event.known).toEqualTypeOf<false>());
  const pages = pagesWebhooks({ provider: atomic({ secret: 's' }) });
  // @ts-expect-error no Atomic event type matches
  pages.onEvent('task-sttaus-*', () => undefined);
});

test('{ webhooks } mounts an existing instance in both routers and keeps its provider type', () => {
  const hooks = createWebhooks({ provider: atelio({ secret: 'whsec_x' }) });
  expectTypeOf(webhooks({ webhooks: hooks }).webhooks).toEqualTypeOf<typeof hooks>();
  expectTypeOf(pagesWebhooks({ webhooks: hooks }).webhooks).toEqualTypeOf<typeof hooks>();
  webhooks({ webhooks: hooks }).onEvent('transactions', (event) => {
    expectTypeOf(event.payload.transaction.amount).toEqualTypeOf<string>();
  });
});
