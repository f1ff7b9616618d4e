import { type AdapterHarness, listenOnLoopback, type Mount, type RunningServer } from '@finhooks/adapter-conformance';
import { getRequestListener } from '@hono/node-server';
import type { Hono } from 'hono';
import { webhooks } from '../src/index.js';

/** The smallest common shape of a Hono 4 app (4.0 and the latest have distinct `Hono` types). */
interface HonoLikeApp {
  use(...handlers: Array<(c: any, next: any) => any>): unknown;
  all(path: string, ...handlers: Array<(c: any, next: any) => any>): unknown;
  fetch: (request: Request, ...rest: any[]) => Response | Promise<Response>;
}

/** A Hono app served over real HTTP on Node by `@hono/node-server`. */
export function serveOnNode(app: Pick<HonoLikeApp, 'fetch'>): Promise<RunningServer> {
  return listenOnLoopback(getRequestListener(app.fetch));
}

/** The two ways to mount the handler, on a given Hono (the latest, or 4.0 installed under an alias). */
export function honoHarnesses(HonoClass: typeof Hono, label: string): AdapterHarness[] {
  const App = HonoClass as unknown as new (options?: { strict?: boolean }) => HonoLikeApp;
  return [
    {
      name: `${label} (app.use + path option)`,
      async start(mounts: readonly Mount[]) {
        const app = new App();
        for (const { path, webhooks: instance } of mounts) app.use(webhooks({ path, webhooks: instance }));
        return serveOnNode(app);
      },
    },
    {
      name: `${label} (app.all, strict: false)`,
      async start(mounts: readonly Mount[]) {
        // `strict: false`: Hono routes `/webhooks/x/` to `/webhooks/x`, as the other adapters do.
        const app = new App({ strict: false });
        for (const { path, webhooks: instance } of mounts) app.all(path, webhooks(instance));
        return serveOnNode(app);
      },
    },
  ];
}
