/** Posting a delivery over HTTP, the way the provider would: one request, no redirects followed. */
import { STATUS_CODES } from 'node:http';
import { performance } from 'node:perf_hooks';
import { resolveProvider } from './catalogs.js';
import { buildDelivery, type Delivery, type DeliveryOptions } from './delivery.js';
import { CliError, UsageError } from './errors.js';
import { type JwksServer, localIssuer, serveJwks } from './jwks-server.js';
import { VERSION } from './version.js';

export const DEFAULT_TIMEOUT_MS = 10_000;

export interface SendResult {
  readonly status: number;
  readonly statusText: string;
  /** 2xx. */
  readonly ok: boolean;
  /** Time from sending the request to reading the whole answer. */
  readonly ms: number;
  /** The response body, as text. */
  readonly body: string;
  /**
   * The receiver said it had already processed this event: a finhooks receiver answers
   * `{ "received": true, "duplicate": true }` (any 2xx JSON body with `"duplicate": true` counts).
   */
  readonly duplicate: boolean;
}

export interface SendOptions extends DeliveryOptions {
  readonly url: string | URL;
  /** Moneyhub JWT: serve discovery + JWKS on this 127.0.0.1 port while the request is in flight, and sign with that issuer. */
  readonly serveJwks?: number | undefined;
  /** ms; default 10 s. */
  readonly timeout?: number | undefined;
  /** Called when the receiver fetches the served discovery document or JWKS. */
  readonly onJwksFetch?: ((what: 'discovery' | 'jwks', url: string) => void) | undefined;
}

/** A URL the CLI can post to, or a usage error. */
export function parseUrl(value: string | URL): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(
      `"${String(value)}" is not a URL: give the receiver's full address, e.g. http://localhost:3000/webhooks/atelio.`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`Cannot send to a ${url.protocol} URL: use http: or https:.`);
  }
  return url;
}

/** The URL without credentials, for printing. */
export function displayUrl(url: URL): string {
  if (!url.username && !url.password) return url.href;
  const copy = new URL(url.href);
  copy.username = '';
  copy.password = '';
  return copy.href;
}

/** POSTs the delivery once. Refused (non-2xx) is a result; unreachable or timed out is a `CliError` (exit 1). */
export async function postDelivery(
  url: string | URL,
  delivery: Pick<Delivery, 'headers' | 'body'>,
  timeout = DEFAULT_TIMEOUT_MS,
): Promise<SendResult> {
  const target = parseUrl(url);
  const started = performance.now();
  try {
    const response = await fetch(target, {
      method: 'POST',
      headers: { 'user-agent': `finhooks-cli/${VERSION}`, ...delivery.headers },
      body: Buffer.from(delivery.body, 'utf8'),
      // Providers do not follow redirects: a 3xx is an answer, not a detour.
      redirect: 'manual',
      signal: AbortSignal.timeout(timeout),
    });
    const body = await response.text();
    const ok = response.status >= 200 && response.status < 300;
    return {
      status: response.status,
      statusText: response.statusText || STATUS_CODES[response.status] || '',
      ok,
      ms: Math.round(performance.now() - started),
      body,
      duplicate: ok && isDuplicateAnswer(body),
    };
  } catch (error) {
    if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
      throw new CliError(`No answer from ${displayUrl(target)} within ${timeout} ms.`, 1, { cause: error });
    }
    throw new CliError(`Could not reach ${displayUrl(target)}: ${reason(error)}.`, 1, { cause: error });
  }
}

/** A JSON object body with `"duplicate": true` (a small body only: answers are not parsed past 64 KiB). */
export function isDuplicateAnswer(body: string): boolean {
  if (body.length > 65_536 || !body.trimStart().startsWith('{')) return false;
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === 'object' && parsed !== null && (parsed as { duplicate?: unknown }).duplicate === true;
  } catch {
    return false;
  }
}

/** fetch's "fetch failed" hides the useful part (ECONNREFUSED, ENOTFOUND…) in `cause`. */
function reason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.message === 'bad port') return 'fetch refuses to connect to this port (a blocked port): use another';
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}

/**
 * Runs `fn` while the discovery document and JWKS are served (when `port` is given and the delivery
 * is a signed Moneyhub one), closing the server afterwards whatever happens.
 */
export async function withJwksServer<T>(
  port: number | undefined,
  delivery: Delivery,
  fn: (server: JwksServer | undefined) => Promise<T>,
  onFetch?: SendOptions['onJwksFetch'],
): Promise<T> {
  const jwks = delivery.moneyhub?.jwks;
  if (port === undefined || !jwks) return fn(undefined);
  const server = await serveJwks(port, jwks, onFetch);
  try {
    return await fn(server);
  } finally {
    await server.close();
  }
}

/** Checks `--serve-jwks` against the rest, and returns the issuer it implies. */
export function serveJwksIssuer(
  options: Pick<SendOptions, 'provider' | 'format' | 'issuer' | 'serveJwks'>,
): string | undefined {
  if (options.serveJwks === undefined) return options.issuer;
  const provider = resolveProvider(options.provider);
  if (provider !== 'moneyhub') throw new UsageError(`--serve-jwks applies to moneyhub only, not ${provider}.`);
  if (options.format === 'json')
    throw new UsageError("--serve-jwks applies to Moneyhub's JWT format; the JSON format is unsigned.");
  if (options.issuer !== undefined)
    throw new UsageError('--serve-jwks signs with its own issuer (http://127.0.0.1:<port>): drop --issuer.');
  return localIssuer(options.serveJwks);
}

/**
 * Builds, signs and posts one event: `{ status, ms, body }` (plus `delivery`, what was sent).
 *
 * ```ts
 * const { status } = await sendEvent({ provider: 'atelio', event: 'card.created', url, dev: true });
 * ```
 */
export async function sendEvent(options: SendOptions): Promise<SendResult & { readonly delivery: Delivery }> {
  parseUrl(options.url);
  const issuer = serveJwksIssuer(options);
  const delivery = await buildDelivery({ ...options, issuer });
  const result = await withJwksServer(
    options.serveJwks,
    delivery,
    () => postDelivery(options.url, delivery, options.timeout),
    options.onJwksFetch,
  );
  return { ...result, delivery };
}
