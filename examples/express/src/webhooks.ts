import { atelio, atomic, createWebhooks, moneyhub } from '@finhooks/core';
import { config } from './config.js';

/**
 * One webhooks instance per provider, with typed handlers. They print what arrived without any
 * personal field (payloads carry SSNs and account numbers): type, id and a status-like value.
 */
export const atomicWebhooks = createWebhooks({
  provider: atomic({ secret: config.atomicSecret }),
  on: {
    'task-status-updated': (event) => {
      console.log(`[atomic] ${event.type} id=${event.id} task=${event.payload.task} status=${event.payload.data.status}`);
    },
    'deposit-accounts-*': (event) => {
      if (!event.known) return;
      console.log(`[atomic] ${event.type} id=${event.id} accounts=${event.payload.data.depositAccounts.length}`);
    },
  },
});

export const moneyhubWebhooks = createWebhooks({
  provider: moneyhub({ issuer: config.moneyhubIssuer, audience: config.moneyhubAudience }),
  on: {
    'payment*': (event) => {
      if (!event.known) return;
      console.log(`[moneyhub] ${event.type} id=${event.id} status=${event.payload.payload.status}`);
    },
  },
});

// Several exact types with one handler: the payload is the union of theirs.
moneyhubWebhooks.onEvent(['newTransactions', 'updatedTransactions', 'deletedTransactions', 'restoredTransactions'], (event) => {
  const count = event.payload.payload.accounts.reduce((n, account) => n + account.transactions.length, 0);
  console.log(`[moneyhub] ${event.type} id=${event.id} transactions=${count}`);
});

export const atelioWebhooks = createWebhooks({
  provider: atelio({ secret: config.atelioSecret }),
  on: {
    transactions: (event) => {
      const { transaction } = event.payload;
      console.log(`[atelio] ${event.type} id=${event.id} ${transaction.payment_type} ${transaction.state} ${transaction.amount} ${transaction.currency}`);
    },
    'card.*': (event) => {
      console.log(`[atelio] ${event.type} id=${event.id}`);
    },
  },
});

for (const hooks of [atomicWebhooks, moneyhubWebhooks, atelioWebhooks]) {
  hooks.onError((error, context) => {
    // The error messages and context are free of payload data by design.
    console.error(`[${context.provider}] refused with ${context.status} ${context.code}: ${error.message}`);
  });
}
