import { atelio, atomic, moneyhub } from '@finhooks/core';
import { webhooks } from '@finhooks/koa';
import Router from '@koa/router';
import Koa from 'koa';
import { config } from './config.js';

/**
 * Koa with @koa/router: each provider's middleware is mounted with `router.all` (so other methods get
 * finhooks' 405) and its handlers are registered on the middleware itself. Handlers print what
 * arrived without any personal field: type, id and a status-like value.
 */
export function createApp(): Koa {
  const atomicHooks = webhooks({ provider: atomic({ secret: config.atomicSecret }) });
  atomicHooks.onEvent('task-*', (event) => {
    if (event.known && event.type === 'task-status-updated') {
      console.log(`[atomic] ${event.type} id=${event.id} task=${event.payload.task} status=${event.payload.data.status}`);
    } else {
      console.log(`[atomic] ${event.type} id=${event.id}`);
    }
  });
  atomicHooks.onEvent('identity-*', (event) => console.log(`[atomic] ${event.type} id=${event.id}`));

  const moneyhubHooks = webhooks({ provider: moneyhub({ issuer: config.moneyhubIssuer, audience: config.moneyhubAudience }) });
  moneyhubHooks.onEvent('newTransactions', (event) => {
    const count = event.payload.payload.accounts.reduce((n, account) => n + account.transactions.length, 0);
    console.log(`[moneyhub] ${event.type} id=${event.id} transactions=${count}`);
  });

  const atelioHooks = webhooks({ provider: atelio({ secret: config.atelioSecret }) });
  atelioHooks.onEvent('transactions', (event) => {
    const { transaction } = event.payload;
    console.log(`[atelio] ${event.type} id=${event.id} ${transaction.payment_type} ${transaction.state} ${transaction.amount} ${transaction.currency}`);
  });
  atelioHooks.onEvent('card*', (event) => console.log(`[atelio] ${event.type} id=${event.id}`));

  for (const hooks of [atomicHooks, moneyhubHooks, atelioHooks]) {
    hooks.onError((error, context) => console.error(`[${context.provider}] refused with ${context.status} ${context.code}: ${error.message}`));
  }

  const router = new Router();
  router.all('/webhooks/atomic', atomicHooks);
  router.all('/webhooks/moneyhub', moneyhubHooks);
  router.all('/webhooks/atelio', atelioHooks);
  router.get('/health', (ctx) => {
    ctx.body = { ok: true };
  });

  const app = new Koa();
  app.use(router.routes()).use(router.allowedMethods());
  return app;
}
