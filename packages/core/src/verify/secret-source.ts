import { DependencyUnavailableError, SecretConfigurationError } from '../errors.js';
import { assertDuration, assertPositiveInteger, secretList, secretsProblem } from '../options.js';
import type { RawHeaders, RawRequest } from '../request.js';
import { BoundedCache } from '../bounded-cache.js';

/**
 * What `tenant` is given: the request's metadata only. It runs before the signature is checked, on
 * a public URL, so it never sees the body (nothing unverified is parsed).
 */
export interface SecretRequest {
  readonly method: string;
  /** Header names in lower case. */
  readonly headers: RawHeaders;
  /**
   * The request target as received, path and query (`/webhooks/atomic/acme?region=eu`), when the
   * adapter knows it (every finhooks adapter does; Express and Koa give the URL before any mount
   * path was stripped).
   */
  readonly url?: string;
}

/** What `lookup` returns: the tenant's secret(s); `undefined`, `null` or `[]` for a tenant you do not know. */
export type SecretLookupResult = string | readonly string[] | null | undefined;

/**
 * Secrets looked up per tenant when one endpoint receives for many brands, accounts or customers.
 *
 * ```ts
 * atomic({
 *   secrets: {
 *     tenant: ({ url }) => url?.match(/^\/webhooks\/atomic\/([a-z0-9-]{1,64})(?:\?|$)/)?.[1],
 *     lookup: async (tenant, { signal }) => (await db.atomicSecrets(tenant, { signal })) ?? undefined,
 *   },
 * });
 * ```
 *
 * Rotation: return both the old and the new secret while the provider switches over; a delivery
 * signed with either verifies. Once you remove the old one it stops verifying within `ttl`.
 */
export interface TenantSecrets {
  /**
   * Which tenant the request is for, from a path segment, the query or a header: synchronous and
   * cheap. Return `undefined` for a request that names no tenant or a malformed one (answered 401
   * like a wrong signature, without a lookup): refusing malformed names here keeps random names
   * from costing lookups. The result is the cache key.
   */
  readonly tenant: (request: SecretRequest) => string | undefined;
  /**
   * The tenant's current secret(s), sync or async: several verify (rotation). `undefined`, `null` or
   * an empty list: an unknown tenant, answered exactly like a wrong signature (401
   * `invalid_signature`, same message), so the answer never tells whether a tenant exists. Throwing,
   * rejecting or not settling within `timeout`: 503 `secret_unavailable` with Retry-After (the
   * provider retries), reported to `onError`. A returned secret failing the checks a configured one
   * must pass: 500 `secret_misconfigured`. `signal` aborts when `timeout` passes.
   */
  readonly lookup: (
    tenant: string,
    context: { readonly signal: AbortSignal },
  ) => SecretLookupResult | PromiseLike<SecretLookupResult>;
  /**
   * How long a lookup's result is reused, ms. Default 60 000. Also how long an unknown tenant stays
   * unknown and a removed secret keeps verifying. `0`: look up on every delivery (concurrent
   * deliveries of one tenant still share one lookup). Failures are never cached.
   */
  readonly ttl?: number;
  /** Most tenants kept in the cache; the least recently used goes first. Default 1000. */
  readonly maxTenants?: number;
  /** Budget for one lookup, ms. Default 5000 (a provider's delivery timeout is typically 10–30 s). */
  readonly timeout?: number;
}

/** The `secrets` option of every HMAC verifier and provider: fixed secret(s), or looked up per tenant. */
export type SecretsOption = string | readonly string[] | TenantSecrets;

export const DEFAULT_SECRET_TTL_MS = 60_000;
export const DEFAULT_MAX_TENANTS = 1000;
export const DEFAULT_SECRET_LOOKUP_TIMEOUT_MS = 5000;
/** A longer tenant name is not one: refused without a lookup (and kept out of the cache). */
const MAX_TENANT_LENGTH = 256;

/** The keys to verify a request with: the same frozen list each time, or the tenant's (cached: synchronous on a hit). */
export type SecretSource<K> = (request: RawRequest) => readonly K[] | Promise<readonly K[]>;

const NONE: readonly never[] = Object.freeze([]);

/** Whether `option` is a `TenantSecrets` rather than fixed secret(s). */
export function isTenantSecrets(option: unknown): option is TenantSecrets {
  return typeof option === 'object' && option !== null && !Array.isArray(option);
}

/**
 * The secret a provider's `sign` uses: `options.secret`, else the first fixed secret. Per-tenant
 * secrets have no default: `sign(body, { secret })` names the tenant's.
 */
export function signingSecret(
  owner: string,
  option: unknown,
  options: { readonly secret?: string } | undefined,
): string {
  if (options?.secret !== undefined) return options.secret;
  if (typeof option === 'string') return option;
  if (Array.isArray(option) && typeof option[0] === 'string') return option[0];
  throw new TypeError(`${owner}: sign() needs \`{ secret }\` when the secrets are looked up per tenant.`);
}

/**
 * Checks the `secrets` option at start-up and returns how a request's keys are found. `check` is
 * the scheme's secret check (plainSecretProblem, Standard Webhooks' base64…); `toKey` turns a
 * checked secret into what the HMAC is keyed with, once per secret rather than per delivery.
 */
export function secretSource<K>(
  owner: string,
  option: unknown,
  check: (secret: string) => string | undefined,
  toKey: (secret: string) => K,
): SecretSource<K> {
  if (!isTenantSecrets(option)) {
    const keys = Object.freeze(secretList(owner, option, check).map(toKey));
    return () => keys;
  }
  const { tenant, lookup } = option;
  if (typeof tenant !== 'function' || typeof lookup !== 'function') {
    throw new TypeError(
      `${owner}: per-tenant \`secrets\` need a \`tenant(request)\` and a \`lookup(tenant)\` function (or give the secret(s) as a string or an array of strings).`,
    );
  }
  assertDuration(owner, 'secrets.ttl', option.ttl, 'milliseconds');
  assertPositiveInteger(owner, 'secrets.maxTenants', option.maxTenants, 'tenants');
  assertDuration(owner, 'secrets.timeout', option.timeout, 'milliseconds', 1);
  const timeout = option.timeout ?? DEFAULT_SECRET_LOOKUP_TIMEOUT_MS;
  const ttl = option.ttl ?? DEFAULT_SECRET_TTL_MS;
  const cache = new BoundedCache<string, readonly K[]>(option.maxTenants ?? DEFAULT_MAX_TENANTS, ttl);
  // One lookup per tenant at a time: a burst of deliveries for a cold tenant costs one query.
  const inFlight = new Map<string, Promise<readonly K[]>>();

  const unavailable = (reason: string, cause: unknown) =>
    new DependencyUnavailableError(
      'secret_unavailable',
      `Could not look up the ${owner} signing secrets for this request (${reason}); retry later.`,
      { cause },
    );

  /** Checks and caches what `lookup` returned; a bad secret is a 500 and is not cached (fixing it takes effect at once). */
  function settle(name: string, result: unknown): readonly K[] {
    const list: readonly unknown[] =
      result === undefined || result === null
        ? NONE
        : typeof result === 'string'
          ? [result]
          : Array.isArray(result)
            ? result
            : [];
    const problem =
      list.length === 0 && result !== undefined && result !== null && !Array.isArray(result)
        ? `a ${typeof result} instead of a string, an array of strings or undefined`
        : secretsProblem(list, check);
    if (problem) {
      throw new SecretConfigurationError(
        `The ${owner} secret lookup returned an unusable secret for this request's tenant: ${problem}. Fix the stored secret; deliveries are answered 500 until then.`,
      );
    }
    const keys = list.length === 0 ? NONE : Object.freeze((list as string[]).map(toKey));
    if (ttl > 0) cache.set(name, keys);
    return keys;
  }

  function load(name: string): readonly K[] | Promise<readonly K[]> {
    const controller = new AbortController();
    let result: SecretLookupResult | PromiseLike<SecretLookupResult>;
    try {
      result = lookup(name, { signal: controller.signal });
    } catch (error) {
      throw unavailable('the lookup threw', error);
    }
    if (!isThenable(result)) return settle(name, result);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const pending = new Promise<readonly K[]>((resolve, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(unavailable(`the lookup did not answer within ${timeout} ms`, undefined));
      }, timeout);
      result.then(
        (value) => {
          // Past the timeout the answer is dropped: a newer lookup may already have cached fresher secrets.
          if (controller.signal.aborted) return;
          try {
            resolve(settle(name, value));
          } catch (error) {
            reject(error);
          }
        },
        (error: unknown) => reject(unavailable('the lookup failed', error)),
      );
    });
    inFlight.set(name, pending);
    // Settled (or timed out: a hung lookup must not hold the tenant forever): the next miss looks up again.
    const done = () => {
      clearTimeout(timer);
      if (inFlight.get(name) === pending) inFlight.delete(name);
    };
    pending.then(done, done);
    return pending;
  }

  return (request) => {
    let name: string | undefined;
    try {
      // Metadata only, never the (unverified) body.
      name = tenant({ method: request.method, headers: request.headers, url: request.url });
    } catch (error) {
      throw unavailable('tenant() threw', error);
    }
    // No tenant, or not a plausible one: no secret, so the signature matches none (401, no lookup).
    if (typeof name !== 'string' || name === '' || name.length > MAX_TENANT_LENGTH) return NONE;
    return cache.get(name) ?? inFlight.get(name) ?? load(name);
  };
}

/** Runs `verify` with the keys, synchronously when they are at hand (fixed secrets, a cache hit). */
export function withKeys<K>(
  keys: readonly K[] | Promise<readonly K[]>,
  verify: (keys: readonly K[]) => void | Promise<void>,
): void | Promise<void> {
  return Array.isArray(keys) ? verify(keys as readonly K[]) : (keys as Promise<readonly K[]>).then(verify);
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | undefined)?.then === 'function';
}
