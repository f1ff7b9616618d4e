import { webhooks } from '@finhooks/express';
import express, { type Express } from 'express';
import { atelioWebhooks } from './webhooks/atelio.js'; // @provider atelio
import { atomicWebhooks } from './webhooks/atomic.js'; // @provider atomic
import { moneyhubWebhooks } from './webhooks/moneyhub.js'; // @provider moneyhub

/** The app: webhook routes first (they read the raw body), then the app's own JSON API. */
export function createApp(): Express {
  const app = express();
  app.use('/webhooks/atomic', webhooks(atomicWebhooks)); // @provider atomic
  app.use('/webhooks/moneyhub', webhooks(moneyhubWebhooks)); // @provider moneyhub
  app.use('/webhooks/atelio', webhooks(atelioWebhooks)); // @provider atelio

  app.use(express.json());
  app.get('/health', (_req, res) => void res.json({ ok: true }));
  return app;
}
