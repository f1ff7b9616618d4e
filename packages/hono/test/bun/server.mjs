// A small Hono app on Bun's own server, with the adapter from the built dist (`pnpm build` first).
// Run by test/bun.test.ts: `bun test/bun/server.mjs`; prints its URL, then one line per handled event.
import { atelio, atomic } from '@finhooks/core';
import { Hono } from 'hono';
import { webhooks } from '../../dist/index.js';

const bodyLimit = Number(process.env.BODY_LIMIT);
// The event's time from its payload lets the test find the line of the delivery it sent.
const log = (event) =>
  console.log(
    `handled ${event.provider} ${event.type} ${event.id} ${event.payload.occurred_at ?? event.payload.eventTime}`,
  );

const app = new Hono({ strict: false });
app.all(
  '/webhooks/atomic',
  webhooks({ provider: atomic({ secret: process.env.ATOMIC_API_SECRET }), bodyLimit, on: { '*': log } }),
);
app.all(
  '/webhooks/atelio',
  webhooks({ provider: atelio({ secret: process.env.ATELIO_WEBHOOK_SECRET }), bodyLimit, on: { '*': log } }),
);
app.get('/runtime', (c) => c.json({ bun: typeof Bun === 'object' ? Bun.version : null }));

const server = Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: app.fetch });
console.log(`listening on ${server.url}`);
