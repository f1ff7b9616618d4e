import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import { port } from './config.js';

const server = createApp().listen(port, '127.0.0.1', (error?: Error) => {
  if (error) {
    // Express 5 hands listen errors to this callback; say what is wrong instead of a stack trace.
    const code = (error as NodeJS.ErrnoException).code;
    console.error(code === 'EADDRINUSE' ? `Port ${port} is already in use: stop what runs there or set PORT (PORT=0 picks a free port).` : `Cannot listen on port ${port}: ${error.message}`);
    process.exit(1);
  }
  const { port: listening } = server.address() as AddressInfo;
  console.log(`finhooks express example listening on http://127.0.0.1:${listening}`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => server.close(() => process.exit(0)));
}
