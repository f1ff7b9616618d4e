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
import type { DocSample } from './doc-sample.js';
import type { PatternOf } from './instance.js';
import type { AnyProvider, SignOptions } from './provider.js';
import type { ProviderTesting } from './provider-testing.js';
import { atelioDocSamples, atelioSamples } from './providers/atelio/samples.js';
import { atelioTesting } from './providers/atelio/testing.js';
import { atomicDocSamples, atomicSamples } from './providers/atomic/samples.js';
import { atomicTesting } from './providers/atomic/testing.js';
import { moneyhubDocSamples, moneyhubSamples } from './providers/moneyhub/samples.js';
import { moneyhubTesting } from './providers/moneyhub/testing.js';
import type { RawRequest } from './request.js';

export type { DocSample };
export { runStoreConformance } from './store/conformance.js';
export type { ConformanceTestApi, StoreConformanceOptions, StoreSettings } from './store/conformance.js';
export { atelioDocSamples, atelioSamples, atomicDocSamples, atomicSamples, moneyhubDocSamples, moneyhubSamples };
export { createMoneyhubTestKeys, moneyhubTestKeys } from './providers/moneyhub/testing.js';
export type { MoneyhubTestKeys } from './providers/moneyhub/testing.js';

type Body = Record<string, unknown>;

/** A signed delivery: POST it as is, or pass it straight to `handleRequest` (it is a `RawRequest`). */
export interface TestRequest extends RawRequest {
  readonly method: 'POST';
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly rawBody: Buffer;
}

/** Each built-in provider's samples, minimal body and signing needs, from its own folder. */
const KITS: ReadonlyMap<string, ProviderTesting> = new Map(
  [atomicTesting, moneyhubTesting, atelioTesting].map((kit) => [kit.name, kit]),
);

/**
 * The documented sample body of a built-in provider's event type (a deep copy), or a minimal body
 * for a type without one. Undefined for your own providers.
 */
export function sampleBody(providerName: string, type: string): Body | undefined {
  const kit = KITS.get(providerName);
  if (!kit) return undefined;
  const sample = Object.hasOwn(kit.samples, type) ? kit.samples[type] : undefined;
  return sample ? structuredClone(sample) : kit.minimalBody(type);
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
  const kit = KITS.get(provider.name);
  const signOptions = kit?.signOptions ? await kit.signOptions(provider, options) : options;
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
