import { webhooks } from '@finhooks/next';
import { type AppConfig, createApp } from '../../../../../app/webhooks.ts';

// The Next.js Edge runtime: no Node built-ins, so `@finhooks/core` resolves `#crypto` to Web Crypto.
export const runtime = 'edge';
export const dynamic = 'force-dynamic';

// One route for the three providers (and GET /events), so the handlers share one module's state.
let app: ((request: Request) => Promise<Response>) | undefined;
const handler = (request: Request) => {
  app ??= createApp(process.env as unknown as AppConfig, (options) => webhooks(options).POST);
  return app(request);
};

export { handler as DELETE, handler as GET, handler as PATCH, handler as POST, handler as PUT };
