import { bytes } from '#bytes';
import type { CryptoKey, KeyObject } from 'jose';
import type * as z from 'zod';
import { MalformedPayloadError } from './errors.js';
import type { KnownWebhookEvent, UnknownWebhookEvent, WebhookEvent } from './event.js';
import type { UnknownEventPattern } from './event-names.js';
import type { MatchingTypes } from './pattern.js';
import { containsNumber, findInexactNumber, jsonPathAt } from './json-numbers.js';
import type { RawRequest } from './request.js';

/** Event type → zod schema of the whole (normalised) body of that event. */
export type Catalog = Readonly<Record<string, z.ZodType>>;

/** What a provider reads off a verified body: the routing type and the de-duplication id. */
export interface EventIdentity {
  readonly type: string;
  readonly id: string;
  readonly occurredAt?: string;
}

/** A request the provider would send: ready to POST. */
export interface SignedDelivery {
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** Options a provider's `sign` understands; each provider documents which it uses. */
export interface SignOptions {
  /** HMAC providers: the secret to sign with (default: the first configured secret). */
  readonly secret?: string;
  /** Unix seconds to stamp (default: now). */
  readonly timestamp?: number;
  /** JWT providers: the private key and its `kid`. */
  readonly privateKey?: CryptoKey | KeyObject;
  readonly kid?: string;
  /** Extra headers to send as is (e.g. a delivery id). */
  readonly headers?: Record<string, string>;
}

/**
 * A webhook provider: its catalogue and the four steps of the pipeline that differ between providers.
 * Build your own with `defineProvider()`.
 */
export interface Provider<Name extends string = string, C extends Catalog = Catalog> {
  readonly name: Name;
  readonly catalog: C;
  /** Media types the provider sends (`application/json`, `application/jwt`); others get 415. */
  readonly contentTypes: readonly string[];
  /**
   * Proves the request comes from the provider, over the raw bytes. Throws `SignatureVerificationError`
   * (401). May return what verification learnt (a JWT's claims) for `decode`.
   */
  verify(request: RawRequest): unknown;
  /** Turns the verified request into the JSON body handlers see. Throws `MalformedPayloadError` (400). */
  decode(request: RawRequest, verified: unknown): unknown;
  /** Reads the event type, id and time from the decoded body. */
  identify(body: unknown, request: RawRequest): EventIdentity;
  /** Produces the request the real provider would send for `body` (testing helpers, CLI). */
  sign(body: unknown, options?: SignOptions): Promise<SignedDelivery>;
  /**
   * The entity a validated event is about, for the stale-event guard (`createWebhooks({ staleEvents })`):
   * events with equal keys are ordered by their occurrence time. `undefined`: the guard does not
   * apply to the event. Absent: the provider has no rule (the app must give `staleEvents.entityKey`).
   */
  readonly entityKey?: (event: WebhookEvent) => string | undefined;
  /**
   * Optional, for `webhooks.health()`: resolves when what `verify` depends on is available (a
   * remote key set loaded or loadable), rejects otherwise; stop waiting when `signal` aborts.
   */
  health?(signal: AbortSignal): Promise<void>;
}

// ---- type helpers ------------------------------------------------------------------------------

/** Any provider, whatever its name and catalogue. */
export type AnyProvider = Provider<string, any>;

export type ProviderName<P extends AnyProvider> = P['name'];
export type CatalogOf<P extends AnyProvider> = P['catalog'];

/** Union of the catalogue's event types, e.g. `'card.created' | 'transactions' | …`. */
export type EventType<P extends AnyProvider> = Extract<keyof CatalogOf<P>, string>;

/** The validated body of one event type. */
export type EventPayload<P extends AnyProvider, T extends EventType<P>> = z.output<CatalogOf<P>[T]>;

/** A known event of one type (distributes over a union of types). */
export type KnownEventOf<P extends AnyProvider, T extends EventType<P>> = T extends unknown
  ? KnownWebhookEvent<T, EventPayload<P, T>, ProviderName<P>>
  : never;

/** Any event the provider can deliver: every known type, or an unknown one. */
export type AnyEventOf<P extends AnyProvider> = KnownEventOf<P, EventType<P>> | UnknownWebhookEvent<ProviderName<P>>;

/**
 * The event a handler registered for `Pattern` receives.
 * - an exact catalogue type: that event, typed;
 * - a wildcard: the union of the catalogue events it matches, plus an unknown event (types the
 *   provider adds later also match wildcards) — narrow with `if (!event.known) return`;
 * - `unknown:<type or pattern>` (a type the catalogue does not list yet): what the rest would give,
 *   an unknown event while the catalogue lacks the type;
 * - any other exact type (only reachable through `unknown:` or a non-literal string): an unknown event;
 * - a non-literal `string`: any event.
 */
export type EventFor<P extends AnyProvider, Pattern extends string> = string extends Pattern
  ? AnyEventOf<P>
  : Pattern extends UnknownEventPattern<infer Rest>
    ? EventForPattern<P, Rest>
    : EventForPattern<P, Pattern>;

type EventForPattern<P extends AnyProvider, Pattern extends string> = Pattern extends unknown
  ? Pattern extends EventType<P>
    ? KnownEventOf<P, Pattern>
    : Pattern extends `${string}*${string}`
      ? KnownEventOf<P, MatchingTypes<EventType<P>, Pattern>> | UnknownWebhookEvent<ProviderName<P>>
      : UnknownWebhookEvent<ProviderName<P>>
  : never;

// ---- defineProvider ---------------------------------------------------------------------------

export interface ProviderDefinition<Name extends string, C extends Catalog> {
  readonly name: Name;
  readonly catalog: C;
  /** Default `['application/json']`. */
  readonly contentTypes?: readonly string[];
  readonly verify: (request: RawRequest) => unknown;
  /** Default: the body parsed as a JSON object. */
  readonly decode?: (request: RawRequest, verified: unknown) => unknown;
  readonly identify: (body: unknown, request: RawRequest) => EventIdentity;
  /** Optional; without it `sign` throws (testing helpers need it). */
  readonly sign?: (body: unknown, options?: SignOptions) => Promise<SignedDelivery>;
  /** Optional: the entity an event is about, for the stale-event guard (see `Provider.entityKey`). */
  readonly entityKey?: (event: WebhookEvent) => string | undefined;
  /** Optional readiness check of what `verify` depends on (see `Provider.health`). */
  readonly health?: (signal: AbortSignal) => Promise<void>;
}

/**
 * Declares a provider with the same machinery as the built-in ones: pass its catalogue of zod
 * schemas, a verifier (see `hmacVerifier`, `standardWebhooksVerifier`, `jwtVerifier`) and how to read
 * the type and id, and every adapter, wildcard and type inference works for it.
 */
export function defineProvider<const Name extends string, const C extends Catalog>(
  definition: ProviderDefinition<Name, C>,
): Provider<Name, C> {
  const { name, catalog, verify, identify } = definition;
  const decode = definition.decode ?? ((request: RawRequest) => decodeJsonObject(request.rawBody));
  const sign =
    definition.sign ??
    (() => Promise.reject(new Error(`The "${name}" provider was defined without a \`sign\` function.`)));
  return Object.freeze({
    name,
    catalog,
    contentTypes: Object.freeze([...(definition.contentTypes ?? ['application/json'])]),
    verify,
    decode,
    identify,
    sign,
    ...(definition.entityKey && { entityKey: definition.entityKey }),
    ...(definition.health && { health: definition.health }),
  });
}

/**
 * Parses bytes as a JSON object (the shape every provider's body has); 400 otherwise, and 400
 * `inexact_number` when a number would not survive `JSON.parse` exactly (json-numbers.ts): amounts
 * are never changed silently.
 */
export function decodeJsonObject(rawBody: Uint8Array): Record<string, unknown> {
  if (rawBody.byteLength === 0) throw new MalformedPayloadError('empty_body', 'The request body is empty.');
  const text = bytes.utf8(rawBody);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // The parser's message quotes the body around the error position: never pass it on.
    throw new MalformedPayloadError('malformed_body', 'The request body is not valid JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new MalformedPayloadError('malformed_body', 'The request body is JSON but not an object.');
  }
  const inexact = containsNumber(value) ? findInexactNumber(text) : undefined;
  if (inexact !== undefined) {
    // The path names the field, never the value (an amount, an account balance).
    throw new MalformedPayloadError(
      'inexact_number',
      `The number at "${jsonPathAt(text, inexact)}" has more precision than a JavaScript number holds, so it would reach handlers as a different value; the body is refused rather than changed silently.`,
    );
  }
  return value as Record<string, unknown>;
}

/** Reads a string field of a decoded body, or undefined. */
export function stringField(body: unknown, key: string): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const value = (body as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : undefined;
}
