import { describeGracefulShutdown } from '../../express/test/support/shutdown.js';

// A real Koa app process (README's `closeGracefully` on SIGTERM) with the real Redis store.
describeGracefulShutdown('Koa', new URL('./fixtures/shutdown-server.mjs', import.meta.url));
