import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import { config } from './config.js';

const server = createApp().listen(config.port, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  console.log(`finhooks koa example listening on http://127.0.0.1:${port}`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => server.close(() => process.exit(0)));
}
