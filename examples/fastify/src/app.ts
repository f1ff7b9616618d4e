import { atelio, atomic, moneyhub } from '@finhooks/core';
import finhooks from '@finhooks/fastify';
import Fastify, { type FastifyInstance } from 'fastify';
import { config } from './config.js';

/**
 * Fastify: one plugin registration per provider, with handlers in `on` (typed from each key). The
 * plugin's raw-body parser is scoped to its own route: the app's JSON routes parse JSON as usual.
 * Handlers print what arrived without any personal field: type, id and a status-like value.
 */
export async function createApp(): Promise<FastifyInstance> {
  const app = Fastify();

  await app.register(finhooks, {
    path: '/webhooks/atomic',
    provider: atomic({ secret: config.atomicSecret }),
    on: {
      'task-status-updated': (event) => {
        console.log(`[atomic] ${event.type} id=${event.id} task=${event.payload.task} status=${event.payload.data.status}`);
      },
      'identity-*': (event) => console.log(`[atomic] ${event.type} id=${event.id}`),
    },
  });
  await app.register(finhooks, {
    path: '/webhooks/moneyhub',
    provider: moneyhub({ issuer: config.moneyhubIssuer, audience: config.moneyhubAudience }),
    on: {
      newTransactions: (event) => {
        const count = event.payload.payload.accounts.reduce((n, account) => n + account.transactions.length, 0);
        console.log(`[moneyhub] ${event.type} id=${event.id} transactions=${count}`);
      },
    },
  });
  await app.register(finhooks, {
    path: '/webhooks/atelio',
    provider: atelio({ secret: config.atelioSecret }),
    on: {
      transactions: (event) => {
        const { transaction } = event.payload;
        console.log(`[atelio] ${event.type} id=${event.id} ${transaction.payment_type} ${transaction.state} ${transaction.amount} ${transaction.currency}`);
      },
    },
  });

  // Instances are also reachable from the app, by provider name.
  app.finhooks.get('atelio').onEvent('card.*', (event) => console.log(`[atelio] ${event.type} id=${event.id}`));
  for (const name of app.finhooks.names()) {
    app.finhooks.get(name).onError((error, context) => {
      console.error(`[${context.provider}] refused with ${context.status} ${context.code}: ${error.message}`);
    });
  }

  app.post('/api/echo', async (request) => request.body); // the app's own JSON route, unaffected
  app.get('/health', async () => ({ ok: true }));
  return app;
}
