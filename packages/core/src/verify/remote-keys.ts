import { createRemoteJWKSet, customFetch, type JWTVerifyGetKey } from 'jose';
// Named classes, not the `errors` namespace of 'jose', which bundles every jose error class.
import { JOSEError, JWKSMultipleMatchingKeys, JWKSNoMatchingKey, JWKSTimeout } from 'jose/errors';
import { DependencyUnavailableError } from '../errors.js';
import type { WebhookLogger } from '../instance.js';
import { concatChunks } from '../web.js';
import { keyUrlProblem, shownUrl } from './key-url.js';

/** A key resolver that can also say whether its keys are available (`webhooks.health()`). */
export type KeySource = JWTVerifyGetKey & { health(signal: AbortSignal): Promise<void> };

export interface RemoteKeysOptions {
  readonly provider: string;
  /** The key set's URL; or `discoveryUrl`, whose document names it. Both already checked by `keyUrl`. */
  readonly jwksUri?: URL;
  readonly discoveryUrl?: URL;
  /** Issuers the discovery document may declare (OIDC Discovery §4.3: it must be the one asked for). */
  readonly discoveryIssuers: readonly string[];
  /** Budget for loading the keys (discovery and key set together), ms. */
  readonly fetchTimeout: number;
  /** Wait after the first failure, ms; doubled after each further failure up to `maxRetryInterval`. */
  readonly retryInterval: number;
  readonly maxRetryInterval: number;
  /** Where the one line per outage (and per recovery) goes. Default `console.error`. */
  readonly log?: (line: string) => void;
  /** A pino-style logger instead of `log`: the outage at `error`, the recovery at `warn` (or `error`). */
  readonly logger?: WebhookLogger;
}

/** A failure whose message is ours: safe to log (no body, no secret) and specific. */
class KeyFetchError extends Error {
  override readonly name = 'KeyFetchError';
}

/** Larger than any real discovery document or key set; stops a hostile endpoint filling memory. */
const MAX_DOCUMENT_BYTES = 512 * 1024;

async function checkedResponse(response: Response, what: string): Promise<Response> {
  if (response.status === 200) return response;
  await response.body?.cancel().catch(() => undefined);
  const redirect = response.status >= 300 && response.status < 400 ? ' (redirects are not followed)' : '';
  throw new KeyFetchError(`${what} answered HTTP ${response.status}${redirect}`);
}

/** Reads a response body up to `MAX_DOCUMENT_BYTES`. */
async function boundedText(response: Response, what: string): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_DOCUMENT_BYTES) {
      await reader.cancel().catch(() => undefined);
      throw new KeyFetchError(`${what} is larger than ${MAX_DOCUMENT_BYTES} bytes`);
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(concatChunks(chunks, size));
}

/** Fetches the discovery document and returns its `jwks_uri`, after checking issuer, scheme and origin. */
async function discoverJwksUri(url: URL, issuers: readonly string[], signal: AbortSignal): Promise<URL> {
  const what = 'the discovery document';
  const response = await checkedResponse(
    await fetch(url, { headers: { accept: 'application/json' }, redirect: 'manual', signal }),
    what,
  );
  let document: { issuer?: unknown; jwks_uri?: unknown };
  try {
    document = JSON.parse(await boundedText(response, what)) as typeof document;
  } catch (error) {
    if (error instanceof KeyFetchError || (error as Error).name === 'TimeoutError') throw error;
    throw new KeyFetchError(`${what} is not JSON`);
  }
  if (typeof document !== 'object' || document === null) throw new KeyFetchError(`${what} is not a JSON object`);
  // The issuer is not quoted: it is whatever the endpoint sent.
  if (typeof document.issuer !== 'string' || !issuers.includes(document.issuer)) {
    throw new KeyFetchError(`${what} declares another issuer than the configured ${issuers.join(' or ')}`);
  }
  if (typeof document.jwks_uri !== 'string' || !URL.canParse(document.jwks_uri)) {
    throw new KeyFetchError(`${what} has no valid jwks_uri`);
  }
  const jwksUri = new URL(document.jwks_uri);
  const problem = keyUrlProblem(jwksUri);
  if (problem) throw new KeyFetchError(`the jwks_uri in ${what} ${problem}`);
  if (jwksUri.origin !== url.origin) {
    throw new KeyFetchError(`the jwks_uri in ${what} is on another origin (give \`jwksUri\` explicitly to trust it)`);
  }
  return jwksUri;
}

/** A short, loggable reason: ours, jose's (which never quote the response), or the network error's code. */
function describeCause(error: unknown, timeout: number): string {
  if (error instanceof KeyFetchError) return error.message;
  const name = (error as Error | undefined)?.name;
  if (error instanceof JWKSTimeout || name === 'TimeoutError' || name === 'AbortError') {
    return `no complete answer within ${timeout} ms`;
  }
  if (error instanceof JOSEError) return `the JWKS was refused: ${error.message}`;
  const code = (error as { cause?: { code?: unknown } } | undefined)?.cause?.code;
  if (error instanceof TypeError) return `the connection failed${typeof code === 'string' ? ` (${code})` : ''}`;
  return 'an unexpected error';
}

interface Outage {
  readonly since: number;
  failures: number;
  retryAt: number;
  cause: string;
  refused: number;
}

/**
 * Discovery and key set fetching around jose's `createRemoteJWKSet` (which caches the set for 10
 * minutes and refetches at most every 30 s for an unknown `kid`), hardened for an endpoint that
 * fails, hangs or misleads:
 *
 * - one load at a time, bounded by `fetchTimeout` for discovery and key set together;
 * - after a failure, no request fetches again before `retryInterval` (doubling up to
 *   `maxRetryInterval`): deliveries in between are answered 503 `key_set_unavailable` at once;
 * - redirects are not followed, keys come over https (loopback http aside), the discovered
 *   `jwks_uri` must be on the discovery document's origin, and the document must name the issuer;
 * - one log line when an outage starts (URL and cause) and one when it ends, not one per request.
 */
export function remoteKeys(options: RemoteKeysOptions): KeySource {
  const { provider, fetchTimeout, retryInterval, maxRetryInterval } = options;
  const { logger } = options;
  const log = options.log ?? ((line: string) => console.error(line));
  const source = shownUrl((options.jwksUri ?? options.discoveryUrl)!);
  let ready: JWTVerifyGetKey | undefined;
  let attempt: Promise<JWTVerifyGetKey> | undefined;
  let outage: Outage | undefined;
  let loadSignal: AbortSignal | undefined;

  // jose asks for `redirect: 'manual'` itself; this adds the size bound, the status in the message
  // and, while a load runs, its shared deadline.
  const fetchKeySet = async (url: string, init: RequestInit): Promise<Response> => {
    const signal = loadSignal && init.signal ? AbortSignal.any([init.signal, loadSignal]) : init.signal;
    const response = await checkedResponse(await fetch(url, { ...init, signal }), 'the JWKS');
    return new Response(await boundedText(response, 'the JWKS'), { status: 200 });
  };

  async function load(): Promise<JWTVerifyGetKey> {
    loadSignal = AbortSignal.timeout(fetchTimeout);
    try {
      const uri =
        options.jwksUri ?? (await discoverJwksUri(options.discoveryUrl!, options.discoveryIssuers, loadSignal));
      const remote = createRemoteJWKSet(uri, { timeoutDuration: fetchTimeout, [customFetch]: fetchKeySet });
      await remote.reload();
      return remote;
    } finally {
      loadSignal = undefined;
    }
  }

  function unavailable(current: Outage, cause?: unknown): DependencyUnavailableError {
    return new DependencyUnavailableError(
      'key_set_unavailable',
      `Could not load the ${provider} signing keys from ${source} (${current.cause}); retry later.`,
      // The outage was logged once when it started; the default reporter does not repeat it per request.
      { cause, logged: true },
    );
  }

  function failed(error: unknown): Outage {
    const now = Date.now();
    const failures = (outage?.failures ?? 0) + 1;
    const wait = Math.min(retryInterval * 2 ** (failures - 1), maxRetryInterval);
    const cause = describeCause(error, fetchTimeout);
    if (!outage) {
      const line = `[finhooks] ${provider}: cannot load the signing keys from ${source}: ${cause}. Deliveries are answered 503 key_set_unavailable until they load; next attempt in ${wait} ms (then backing off to ${maxRetryInterval} ms).`;
      if (logger) logger.error({ provider, keySet: source, code: 'key_set_unavailable', retryInMs: wait }, line);
      else log(line);
    }
    outage = { since: outage?.since ?? now, failures, retryAt: now + wait, cause, refused: (outage?.refused ?? 0) + 1 };
    return outage;
  }

  function loaded(remote: JWTVerifyGetKey): JWTVerifyGetKey {
    ready = remote;
    if (outage) {
      const seconds = Math.round((Date.now() - outage.since) / 1000);
      const line = `[finhooks] ${provider}: signing keys loaded again from ${source} after ${seconds} s; ${outage.refused} deliver${outage.refused === 1 ? 'y was' : 'ies were'} refused meanwhile.`;
      const fields = { provider, keySet: source, outageSeconds: seconds, refused: outage.refused };
      if (logger) (logger.warn ?? logger.error).call(logger, fields, line);
      else log(line);
      outage = undefined;
    }
    return remote;
  }

  async function keySet(): Promise<JWTVerifyGetKey> {
    if (ready) return ready;
    if (!attempt) {
      if (outage && Date.now() < outage.retryAt) {
        outage.refused += 1;
        throw unavailable(outage);
      }
      const current: Promise<JWTVerifyGetKey> = load().then(loaded, (error: unknown) => {
        throw unavailable(failed(error), error);
      });
      attempt = current;
      current.then(
        () => (attempt = attempt === current ? undefined : attempt),
        () => (attempt = attempt === current ? undefined : attempt),
      );
    }
    return attempt;
  }

  /** Keys loaded: ok. Otherwise a load (or, during an outage's back-off, its failure at once). */
  async function health(signal: AbortSignal): Promise<void> {
    if (ready) return;
    const aborted = new Promise<never>((_, reject) => {
      if (signal.aborted) reject(signal.reason);
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
    const loading = keySet();
    loading.catch(() => undefined);
    await Promise.race([loading, aborted]);
  }

  const getKey: JWTVerifyGetKey = async (header, token) => {
    const current = await keySet();
    try {
      return await current(header, token);
    } catch (error) {
      if (error instanceof JWKSNoMatchingKey || error instanceof JWKSMultipleMatchingKeys) throw error;
      // A refetch jose started (stale set, unknown kid) failed: an outage, counted once per key set.
      if (ready === current) {
        ready = undefined;
        throw unavailable(failed(error), error);
      }
      throw unavailable(outage ?? failed(error), error);
    }
  };
  return Object.assign(getKey, { health });
}
