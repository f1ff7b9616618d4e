import { describeGracefulShutdown } from '../../express/test/support/shutdown.js';

// A real Hono app process on @hono/node-server (README's `closeGracefully` on SIGTERM) with the real Redis store.
describeGracefulShutdown('Hono', new URL('./fixtures/shutdown-server.mjs', import.meta.url));
