import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import { port } from './config.js';

const server = serve({ fetch: createApp().fetch, port, hostname: '127.0.0.1' }, ({ port: listening }: AddressInfo) => {
  console.log(`finhooks hono example listening on http://127.0.0.1:${listening}`);
});

server.once('error', (error: NodeJS.ErrnoException) => {
  // Say what is wrong instead of an unhandled 'error' event's stack trace.
  console.error(error.code === 'EADDRINUSE' ? `Port ${port} is already in use: stop what runs there or set PORT (PORT=0 picks a free port).` : `Cannot listen on port ${port}: ${error.message}`);
  process.exit(1);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => server.close(() => process.exit(0)));
}
