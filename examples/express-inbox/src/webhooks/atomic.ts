import { atomic, createWebhooks } from '@finhooks/core';
import { inboxTransaction, postgresInbox } from '@finhooks/postgres';
import { finhooksSchema, secretFromEnv } from '../config.js';
import { pool } from '../db/pool.js';
import { logRefusal } from './log-refusal.js';

/**
 * Atomic (payroll): HMAC-SHA256 of the raw body in `x-hmac-signature-sha-256`, keyed by your API
 * secret. The web process stores each verified event in the inbox; the worker runs these handlers.
 * Payroll events carry SSNs, salaries and account numbers: nothing personal is stored or printed here.
 */
export const atomicWebhooks = createWebhooks({
  provider: atomic({ secret: secretFromEnv('ATOMIC_API_SECRET', 'dev-atomic-secret') }),
  inbox: postgresInbox(pool, { schema: finhooksSchema }),
  on: {
    // Runs in the worker's transaction: the task's status, its history row and the event's `done`
    // mark commit together, or not at all.
    'task-status-updated': async (event) => {
      const { task, product, data } = event.payload;
      const db = inboxTransaction();
      await db.query(
        `INSERT INTO payroll_tasks (task_id, product, status, distribution_type, distribution_amount) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (task_id) DO UPDATE SET status = EXCLUDED.status, distribution_type = EXCLUDED.distribution_type,
           distribution_amount = EXCLUDED.distribution_amount, updated_at = now()`,
        [task, product, data.status, data.distributionType ?? null, data.distributionAmount ?? null],
      );
      await db.query('INSERT INTO payroll_task_history (event_id, task_id, previous_status, status) VALUES ($1, $2, $3, $4)', [
        event.id,
        task,
        data.previousStatus ?? null,
        data.status,
      ]);
      console.log(`[atomic] ${event.type} id=${event.id} task=${task} status=${data.status}`);
    },
    'identity-*': (event) => console.log(`[atomic] ${event.type} id=${event.id}`),
  },
  onError: logRefusal,
});
