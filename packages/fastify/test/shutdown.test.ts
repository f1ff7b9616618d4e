import { describeGracefulShutdown } from '../../express/test/support/shutdown.js';

// A real Fastify app process on SIGTERM (`app.close()`: the plugin drains in preClose) with the real
// Redis store. Fastify answers a request arriving while closing with its own 503, and `app.close()`
// does not return how many deliveries were abandoned, so the app prints a bare `CLOSED`.
describeGracefulShutdown('Fastify', new URL('./fixtures/shutdown-server.mjs', import.meta.url), {
  closedBy: 'app.close(): the plugin drains in preClose',
  lateAnsweredBy: 'framework',
  closedLine: () => 'CLOSED',
});
