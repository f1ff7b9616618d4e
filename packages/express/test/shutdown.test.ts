import { describeGracefulShutdown } from './support/shutdown.js';

// A real Express app process (README's `closeGracefully` on SIGTERM) with the real Redis store.
describeGracefulShutdown('Express', new URL('./fixtures/shutdown-server.mjs', import.meta.url));
