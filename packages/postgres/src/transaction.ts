import { AsyncLocalStorage } from 'node:async_hooks';
import type { PoolClient } from 'pg';

const current = new AsyncLocalStorage<PoolClient>();

/**
 * The client of the transaction an inbox worker runs the current handler in: write your effects
 * with it and they commit together with the event being marked done, or not at all (the handler
 * threw, the process died). Call it inside a handler run by `createInboxWorker`; anywhere else it
 * throws. Do not `BEGIN`/`COMMIT`/`release()` it: the worker owns the transaction.
 *
 * ```ts
 * webhooks.onEvent('payment.settled', async (event) => {
 *   await inboxTransaction().query('INSERT INTO payments (id) VALUES ($1)', [event.payload.id]);
 * });
 * ```
 */
export function inboxTransaction(): PoolClient {
  const client = current.getStore();
  if (!client) {
    throw new Error(
      'inboxTransaction() is only available inside a handler run by createInboxWorker (in inbox mode handlers run in the worker, not in the HTTP request).',
    );
  }
  return client;
}

/** Runs `body` with `client` as the current inbox transaction. */
export function withInboxTransaction<T>(client: PoolClient, body: () => Promise<T>): Promise<T> {
  return current.run(client, body);
}
