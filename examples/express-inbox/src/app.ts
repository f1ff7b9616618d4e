import { webhooks } from '@finhooks/express';
import express, { type Express } from 'express';
import { pool } from './db/pool.js';
import { atelioWebhooks } from './webhooks/atelio.js'; // @provider atelio
import { atomicWebhooks } from './webhooks/atomic.js'; // @provider atomic
import { moneyhubWebhooks } from './webhooks/moneyhub.js'; // @provider moneyhub

/**
 * The web process: webhook routes first (they read the raw body). Each verified event is stored in
 * the inbox before the 200; the handlers run in the worker (`src/worker.ts`).
 */
export function createApp(): Express {
  const app = express();
  app.use('/webhooks/atomic', webhooks(atomicWebhooks)); // @provider atomic
  app.use('/webhooks/moneyhub', webhooks(moneyhubWebhooks)); // @provider moneyhub
  app.use('/webhooks/atelio', webhooks(atelioWebhooks)); // @provider atelio

  app.use(express.json());
  app.get('/health', async (_req, res) => {
    // Ready only when the database answers: without it no event can be stored.
    const ok = await pool.query('SELECT 1').then(
      () => true,
      () => false,
    );
    res.status(ok ? 200 : 503).json({ ok });
  });
  return app;
}
