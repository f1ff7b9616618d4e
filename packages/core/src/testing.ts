/**
 * `@finhooks/core/testing`: signed requests, exactly as the providers send them, for your own tests.
 *
 * ```ts
 * const provider = atelio({ secret: 'whsec_test_secret_0123' });
 * const req = await createTestRequest(provider, 'card.created');
 * await fetch(url, { method: req.method, headers: req.headers, body: req.body });
 * ```
 *
 * And `runStoreConformance`, the tests every `IdempotencyStore` passes, for your own store.
 */
import { randomUUID } from 'node:crypto';
import { type CryptoKey, exportJWK, generateKeyPair, type JSONWebKeySet } from 'jose';
import type { DocSample } from './doc-sample.js';
import type { AnyProvider, SignOptions } from './provider.js';
import { atelioDocSamples, atelioSamples } from './providers/atelio/samples.js';
import { atomicDocSamples, atomicSamples } from './providers/atomic/samples.js';
import { moneyhubDocSamples, moneyhubSamples } from './providers/moneyhub/samples.js';
import type { RawRequest } from './request.js';
import type { PatternOf } from './instance.js';

export type { DocSample };
export { runStoreConformance } from './store/conformance.js';
export type { ConformanceTestApi, StoreConformanceOptions, StoreSettings } from './store/conformance.js';
export { atelioDocSamples, atelioSamples, atomicDocSamples, atomicSamples, moneyhubDocSamples, moneyhubSamples };

type Body = Record<string, unknown>;

/** A signed delivery: POST it as is, or pass it straight to `handleRequest` (it is a `RawRequest`). */
export interface TestRequest extends RawRequest {
  readonly method: 'POST';
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly rawBody: Buffer;
}

/** An RSA key pair standing in for Moneyhub's signing key: give `jwks` to `moneyhub({ jwks })`. */
export interface MoneyhubTestKeys {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly jwks: JSONWebKeySet;
}

/** Generates a fresh RS256 key pair and its public JWKS. */
export async function createMoneyhubTestKeys(kid = `finhooks-test-${randomUUID()}`): Promise<MoneyhubTestKeys> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  return { kid, privateKey, jwks: { keys: [jwk] } };
}

let sharedKeys: Promise<MoneyhubTestKeys> | undefined;

/** One key set per process, used by `createTestRequest` for Moneyhub JWT providers unless you pass your own. */
export function moneyhubTestKeys(): Promise<MoneyhubTestKeys> {
  sharedKeys ??= createMoneyhubTestKeys('finhooks-test');
  return sharedKeys;
}

const SAMPLES: Readonly<Record<string, Readonly<Record<string, Readonly<Body>>>>> = {
  atomic: atomicSamples,
  moneyhub: moneyhubSamples,
  atelio: atelioSamples,
};

/** The smallest body of each built-in provider for a type that has no documented sample. */
function minimalBody(providerName: string, type: string): Body | undefined {
  const now = new Date().toISOString();
  switch (providerName) {
    case 'atomic':
      return { eventType: type, eventTime: now, user: { _id: 'test-user', identifier: 'test-user' }, data: {} };
    case 'moneyhub':
      return { id: randomUUID(), eventType: type, userId: 'test-user', payload: {} };
    case 'atelio':
      return { event: type, occurred_at: now };
    default:
      return undefined;
  }
}

/**
 * The documented sample body of a built-in provider's event type (a deep copy), or a minimal body
 * for a type without one. Undefined for your own providers.
 */
export function sampleBody(providerName: string, type: string): Body | undefined {
  const samples = SAMPLES[providerName];
  const sample = samples && Object.hasOwn(samples, type) ? samples[type] : undefined;
  return sample ? structuredClone(sample) : minimalBody(providerName, type);
}

/**
 * Builds the request `provider` would send for an event of `type`: the documented sample body,
 * shallowly merged with `overrides`, signed as the provider signs (Moneyhub JWT mode: with
 * `moneyhubTestKeys()` unless `options.privateKey`/`kid` are given).
 *
 * The same type and overrides make the same event (a second one is a duplicate, as a redelivery
 * is): for a new event override what identifies it, e.g. `eventTime` (Atomic), `occurred_at`
 * (Atelio) or `id` (Moneyhub). Headers the signature does not cover (Atomic's `ce-id`) change nothing.
 */
export async function createTestRequest<P extends AnyProvider>(
  provider: P,
  type: PatternOf<P>,
  overrides?: Body,
  options?: SignOptions,
): Promise<TestRequest> {
  const base = sampleBody(provider.name, type);
  if (!base && !overrides) {
    throw new TypeError(`No sample for ${provider.name} "${type}": pass the body as \`overrides\`.`);
  }
  const body = { ...base, ...overrides };
  let signOptions = options;
  if (provider.contentTypes.includes('application/jwt') && !options?.privateKey) {
    const keys = await moneyhubTestKeys();
    signOptions = { ...options, privateKey: keys.privateKey, kid: keys.kid };
  }
  const signed = await provider.sign(body, signOptions);
  return { method: 'POST', headers: signed.headers, body: signed.body, rawBody: Buffer.from(signed.body, 'utf8') };
}

/**
 * The id the pipeline gives the event a request carries (`event.id`, the de-duplication id): the
 * provider verifies, decodes and identifies the request as a delivery would. Ids come from the
 * signed body (see "Event identity" in the README), so a test reads them here rather than building them.
 */
export async function eventIdOf<P extends AnyProvider>(provider: P, request: RawRequest): Promise<string> {
  const verified = await provider.verify(request);
  return provider.identify(provider.decode(request, verified), request).id;
}
