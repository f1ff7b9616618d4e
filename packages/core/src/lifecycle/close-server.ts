import type { Server } from 'node:http';
import type { Webhooks } from '../instance.js';
import { assertPositiveInteger } from '../options.js';
import { type CloseResult, DEFAULT_CLOSE_TIMEOUT_MS } from './close.js';
import { settlesWithin } from './timeout.js';

export interface CloseGracefullyOptions {
  /** Time for the deliveries in flight (then the server's other requests) to finish, ms. Default 25 000. */
  readonly timeout?: number;
}

/**
 * Graceful shutdown of a Node HTTP server (`app.listen()`'s, Express, Koa, `@hono/node-server`)
 * and the webhooks instances it serves, e.g. on SIGTERM. The server stops listening (new
 * connections are refused) and every instance `close()`s: a delivery arriving on a kept-alive
 * connection gets 503 `shutting_down` with Retry-After, those in flight finish — or, at `timeout`,
 * are given up on: claims released, answered 503, so the provider retries. Then idle connections
 * close; whatever still holds a connection when `timeout` is over is cut. Resolves when the server
 * is closed, with the number of abandoned deliveries. The store, queue and inbox stay open (yours).
 */
export async function closeGracefully(
  server: Server,
  webhooks: Webhooks | readonly Webhooks[],
  options: CloseGracefullyOptions = {},
): Promise<CloseResult> {
  assertPositiveInteger('closeGracefully', 'timeout', options.timeout, 'milliseconds');
  const timeout = options.timeout ?? DEFAULT_CLOSE_TIMEOUT_MS;
  const started = Date.now();
  const list: readonly Webhooks[] = Array.isArray(webhooks) ? webhooks : [webhooks as Webhooks];
  const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const results = await Promise.all(list.map((instance) => instance.close({ timeout })));
  // The deliveries are answered: kept-alive connections now idle can go; other routes get the rest of the time.
  server.closeIdleConnections();
  if (!(await settlesWithin(serverClosed, Math.max(1, timeout - (Date.now() - started))))) {
    server.closeAllConnections();
    await serverClosed;
  }
  return { abandoned: results.reduce((sum, r) => sum + r.abandoned, 0) };
}
