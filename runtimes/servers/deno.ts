import { createApp } from '../app/webhooks.ts';

// Deno: `Deno.serve` takes the fetch handler as is. Prints the port it listens on (port 0: a free one).
Deno.serve(
  { hostname: '127.0.0.1', port: 0, onListen: ({ port }) => console.log(`listening ${port}`) },
  createApp(Deno.env.toObject() as never),
);
