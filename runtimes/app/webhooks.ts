import {
  type AnyProvider,
  atelio,
  atomic,
  createFetchHandler,
  moneyhub,
  type WebhookEvent,
  type WebhooksOptions,
} from '@finhooks/core';

/**
 * The app every runtime serves (Bun, Deno, workerd, Next.js Edge): one `createFetchHandler` per
 * provider from `@finhooks/core`, the entry with no Node-only module. Handlers record what they
 * ran (`GET /events`), and a payload marked `fail_once` makes its handler throw the first time, so
 * the suite sees a 500 and then the provider's retry succeed.
 */
export interface AppConfig {
  readonly ATELIO_SECRET: string;
  readonly ATOMIC_SECRET: string;
  /** The Moneyhub public key set, JSON (`{ keys: [...] }`). */
  readonly MONEYHUB_JWKS: string;
  readonly MONEYHUB_AUDIENCE: string;
}

/** Small, so the suite proves 413 with small bodies. */
export const BODY_LIMIT = 16 * 1024;

/** How the app mounts one provider: `createFetchHandler` by default; `webhooks(options).POST` on Next.js. */
export type Mount = (options: WebhooksOptions<AnyProvider, string>) => (request: Request) => Promise<Response>;

export function createApp(
  config: AppConfig,
  mount: Mount = createFetchHandler,
): (request: Request) => Promise<Response> {
  const handled: { provider: string; id: string; type: string; marker: unknown }[] = [];
  const failed = new Set<string>();
  const record = (event: WebhookEvent) => {
    const marker = markerOf(event.payload);
    if (marker === 'fail_once' && !failed.has(event.id)) {
      failed.add(event.id);
      throw new Error('handler failed on purpose (first attempt)');
    }
    handled.push({ provider: event.provider, id: event.id, type: event.type, marker });
  };
  const onError = () => undefined; // the suite reads the responses; keep the runtime's log quiet
  const handlers: Record<string, (request: Request) => Promise<Response>> = {
    '/atelio': mount({
      provider: atelio({ secret: config.ATELIO_SECRET }),
      bodyLimit: BODY_LIMIT,
      onError,
      on: { '*': record },
    }),
    '/atomic': mount({
      provider: atomic({ secret: config.ATOMIC_SECRET }),
      bodyLimit: BODY_LIMIT,
      onError,
      on: { '*': record },
    }),
    '/moneyhub': mount({
      provider: moneyhub({ jwks: JSON.parse(config.MONEYHUB_JWKS), audience: config.MONEYHUB_AUDIENCE }),
      bodyLimit: BODY_LIMIT,
      onError,
      on: { '*': record },
    }),
  };
  return async (request) => {
    const { pathname } = new URL(request.url);
    const name = pathname.slice(pathname.lastIndexOf('/'));
    if (name === '/events') return Response.json(handled);
    const handler = handlers[name];
    return handler ? handler(request) : new Response('not found', { status: 404 });
  };
}

function markerOf(payload: unknown): unknown {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const record = payload as Record<string, unknown>;
  const nested = [record.card, record.data, record].find((value) => typeof value === 'object' && value !== null);
  return (nested as Record<string, unknown> | undefined)?.marker ?? record.marker;
}
