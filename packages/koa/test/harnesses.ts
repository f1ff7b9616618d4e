import { type AdapterHarness, listenOnLoopback, type Mount } from '@finhooks/adapter-conformance';
import Router from '@koa/router';
import type Koa from 'koa';
import { webhooks } from '../src/index.js';

/** The two ways to mount the middleware, on a given Koa (3, or 2 installed under an alias). */
export function koaHarnesses(KoaClass: typeof Koa, label: string): AdapterHarness[] {
  return [
    {
      name: `${label} (path option)`,
      async start(mounts: readonly Mount[]) {
        const app = new KoaClass();
        for (const { path, webhooks: instance } of mounts) app.use(webhooks({ path, webhooks: instance }));
        return listenOnLoopback(app.callback());
      },
    },
    {
      name: `${label} + @koa/router`,
      async start(mounts: readonly Mount[]) {
        const app = new KoaClass();
        const router = new Router();
        for (const { path, webhooks: instance } of mounts) router.all(path, webhooks(instance));
        app.use(router.routes()).use(router.allowedMethods());
        return listenOnLoopback(app.callback());
      },
    },
  ];
}
