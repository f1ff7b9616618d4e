import { createApp } from '../app/webhooks.ts';

// Bun: `Bun.serve` takes the fetch handler as is. Prints the port it listens on (port 0: a free one).
const server = Bun.serve({ hostname: '127.0.0.1', port: 0, fetch: createApp(process.env as never) });
console.log(`listening ${server.port}`);
