import { createApp } from './app.js';
import { port } from './config.js';

const app = await createApp();
try {
  const url = await app.listen({ port, host: '127.0.0.1' });
  console.log(`finhooks fastify example listening on ${url}`);
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  console.error(code === 'EADDRINUSE' ? `Port ${port} is already in use: stop what runs there or set PORT (PORT=0 picks a free port).` : `Cannot listen on port ${port}: ${(error as Error).message}`);
  process.exit(1);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void app.close().then(() => process.exit(0)));
}
