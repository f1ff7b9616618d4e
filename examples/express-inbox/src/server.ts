import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import { port } from './config.js';
import { migrateAll } from './db/migrate.js';
import { pool } from './db/pool.js';

// The tables first: a database that is unreachable or cannot be migrated stops the start, clearly.
try {
  await migrateAll(pool);
} catch (error) {
  console.error(`Cannot start: ${(error as Error).message}`);
  await pool.end().catch(() => undefined);
  process.exit(1);
}

const server = createApp().listen(port, '127.0.0.1', (error?: Error) => {
  if (error) {
    // Express 5 hands listen errors to this callback; say what is wrong instead of a stack trace.
    const code = (error as NodeJS.ErrnoException).code;
    console.error(code === 'EADDRINUSE' ? `Port ${port} is already in use: stop what runs there or set PORT (PORT=0 picks a free port).` : `Cannot listen on port ${port}: ${error.message}`);
    void pool.end().finally(() => process.exit(1));
    return;
  }
  const { port: listening } = server.address() as AddressInfo;
  console.log(`finhooks express-inbox example listening on http://127.0.0.1:${listening}`);
});

// Graceful shutdown: stop accepting, let the requests in flight store their event and answer, then
// close the pool.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close(() => void pool.end().finally(() => process.exit(0)));
    server.closeIdleConnections();
  });
}
