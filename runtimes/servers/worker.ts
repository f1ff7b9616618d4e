import { type AppConfig, createApp } from '../app/webhooks.ts';

// Cloudflare Workers: the configuration arrives as bindings (`env`), so the app is made on the first request.
let app: ((request: Request) => Promise<Response>) | undefined;

export default {
  fetch(request: Request, env: AppConfig): Promise<Response> {
    app ??= createApp(env);
    return app(request);
  },
};
