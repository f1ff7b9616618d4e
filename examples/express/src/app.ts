import { webhooks } from '@finhooks/express';
import express, { type Express } from 'express';
import { atelioWebhooks, atomicWebhooks, moneyhubWebhooks } from './webhooks.js';

/** The app: webhook routes first (they read the raw body), then the app's own JSON API. */
export function createApp(): Express {
  const app = express();
  app.use('/webhooks/atomic', webhooks(atomicWebhooks));
  app.use('/webhooks/moneyhub', webhooks(moneyhubWebhooks));
  app.use('/webhooks/atelio', webhooks(atelioWebhooks));

  app.use(express.json());
  app.get('/health', (_req, res) => void res.json({ ok: true }));
  return app;
}
