/**
 * The worker process: takes the events the web process stored in the inbox and runs their handlers,
 * each inside the transaction that marks it done (see `src/webhooks/*.ts`). Run as many as you like,
 * on any machine that reaches the database: `FOR UPDATE SKIP LOCKED` gives each event to one of them.
 */
import { createInboxWorker } from '@finhooks/postgres';
import { finhooksSchema } from './config.js';
import { migrateAll } from './db/migrate.js';
import { pool } from './db/pool.js';
import { instances } from './webhooks/instances.js';

try {
  await migrateAll(pool);
} catch (error) {
  console.error(`Cannot start: ${(error as Error).message}`);
  await pool.end().catch(() => undefined);
  process.exit(1);
}

const pollInterval = Number(process.env.INBOX_POLL_INTERVAL_MS ?? 1000);
const workers = instances.map((webhooks) =>
  createInboxWorker({
    webhooks,
    pool,
    schema: finhooksSchema,
    maxAttempts: 5,
    pollInterval,
    // No payload here by design: the key (instance and event id), the type and what happens next.
    onError: (error, { key, eventType, attempt, outcome }) =>
      console.error(`[worker] ${eventType ?? ''} ${key ?? ''} attempt ${attempt ?? '-'} → ${outcome}: ${error instanceof Error ? error.message : String(error)}`),
  }),
);
// Each worker checks the database and the finhooks schema before it polls: fail at start, loudly.
try {
  await Promise.all(workers.map((worker) => worker.ready));
} catch (error) {
  console.error(`Cannot start: ${(error as Error).message}`);
  await Promise.all(workers.map((worker) => worker.close().catch(() => undefined)));
  await pool.end().catch(() => undefined);
  process.exit(1);
}
console.log(`finhooks express-inbox worker running (${instances.map((webhooks) => webhooks.name).join(', ')})`);

// Graceful shutdown: stop claiming, let the running handler commit, release the rest of the batch.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void Promise.all(workers.map((worker) => worker.close()))
      .then(() => pool.end())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(`[worker] shutdown: ${(error as Error).message}`);
          process.exit(1);
        },
      );
  });
}
