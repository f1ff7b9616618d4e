import { createApp } from './app.js';
import { config } from './config.js';

const app = await createApp();
const url = await app.listen({ port: config.port, host: '127.0.0.1' });
console.log(`finhooks fastify example listening on ${url}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void app.close().then(() => process.exit(0)));
}
