/**
 * Event identity: the de-duplication id of an event, and the store key it is claimed under.
 *
 * Every id is built only from what the provider's signature covers (never an unsigned header) and
 * carries a tag saying which rule made it, so ids made by different rules cannot be equal:
 *
 * - `id:<id>`: the provider's own event id (printable ASCII, at most 128 characters);
 *   `id-sha256:<hex>` for a longer or unprintable one;
 * - `entity-sha256:<hex>`: SHA-256 of the JSON array `[type, [entity ids…], occurredAt]`. JSON
 *   encodes each component on its own, so a separator inside a value cannot shift a boundary;
 * - `body-sha256:<hex>`: SHA-256 of the signed body bytes;
 * - `claims-sha256:<hex>`: SHA-256 of a JWS's payload segment (the claims exactly as signed).
 *
 * Ids are at most 131 characters; store keys add the instance name (at most 64) and a colon.
 *
 * Entity ids are hashed even when short: they include people's ids (Atelio `customer_id`,
 * `beneficial_owner_id`), and an event id travels where payload data must not: `onError` contexts, logs,
 * spans and store keys. A readable form would save ~2 SHA-256 blocks per event (bench/README.md,
 * item 10) and put those ids there.
 */
import { crypto } from '#crypto';

/** Longest provider event id kept as is in an id; longer ones are hashed. */
export const MAX_READABLE_EVENT_ID = 128;
/** Longest event id a store key carries as is (ids from `defineProvider` providers may be anything). */
const MAX_KEY_EVENT_ID = 256;
const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;

/** One component of an entity id: a scalar read from the signed body, or null where absent. */
export type IdentityComponent = string | number | boolean | null;

function sha256(data: string | Uint8Array): string {
  return crypto.sha256Hex(data);
}

/** The id of an event the provider numbers itself (Moneyhub `id`/`jti`). */
export function providerEventId(id: string): string {
  return id.length <= MAX_READABLE_EVENT_ID && PRINTABLE_ASCII.test(id) ? `id:${id}` : `id-sha256:${sha256(id)}`;
}

/**
 * The id of an event the provider does not number: its type, the ids of the entities it is about
 * (card, transaction, customer…; a fixed list per event family, null where absent) and when it
 * occurred. A redelivery carries the same three; two events differing in any of them differ here.
 */
export function entityEventId(type: string, entityIds: readonly IdentityComponent[], occurredAt: string): string {
  let text = `[${jsonOf(type)},[`;
  for (let i = 0; i < entityIds.length; i++) text += i === 0 ? jsonOf(entityIds[i]!) : `,${jsonOf(entityIds[i]!)}`;
  return `entity-sha256:${sha256(`${text}],${jsonOf(occurredAt)}]`)}`;
}

/** A string JSON.stringify writes as it is between quotes: no quote, backslash, control character or surrogate. */
const VERBATIM_JSON_STRING = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/;

/**
 * `JSON.stringify(component)`, character for character (stored ids depend on it: identity.test.ts
 * checks it on random components), without the serializer's set-up for the usual plain strings.
 */
function jsonOf(component: IdentityComponent): string {
  if (typeof component !== 'string') return String(component);
  return VERBATIM_JSON_STRING.test(component) ? `"${component}"` : JSON.stringify(component);
}

/** The id of an event known only by its signed bytes: a redelivery of the same bytes has the same id. */
export function signedBodyId(rawBody: Uint8Array): string {
  return `body-sha256:${sha256(rawBody)}`;
}

/** The id of a JWS without an id claim: its payload segment, which the signature pins byte for byte. */
export function jwsPayloadId(encodedPayload: Uint8Array): string {
  return `claims-sha256:${sha256(encodedPayload)}`;
}

/**
 * The key an event is claimed under in the store: `${instance}:${eventId}`. Instance names cannot
 * contain `:`, so the first colon always ends the name; an id too long for a key is hashed.
 */
export function storeKey(instance: string, eventId: string): string {
  return `${instance}:${eventId.length <= MAX_KEY_EVENT_ID ? eventId : `sha256:${sha256(eventId)}`}`;
}

/**
 * A scalar at `path` inside a decoded body, or null when a step is missing or the value is an
 * object, an array or not a finite number. Own properties only (`__proto__` is just a key here).
 */
export function scalarAt(body: unknown, path: readonly string[]): IdentityComponent {
  let value = body;
  for (const key of path) {
    if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.hasOwn(value, key)) return null;
    value = (value as Record<string, unknown>)[key];
  }
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** Longest instance name; with the longest id, a key stays under 200 characters. */
export const MAX_INSTANCE_NAME = 64;
const INSTANCE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Checks an instance name (`createWebhooks({ name })`, default the provider's name): 1–64
 * characters, letters, digits, `.`, `_`, `-`, starting with a letter or digit. No `:` (it ends
 * the name in a store key) nor anything a log, a Redis key or a URL would need to escape.
 */
export function assertInstanceName(name: unknown, defaulted: boolean): asserts name is string {
  if (typeof name === 'string' && name.length <= MAX_INSTANCE_NAME && INSTANCE_NAME.test(name)) return;
  const what = defaulted
    ? "The provider's name is not usable as the instance name (it prefixes store keys): pass `name` to createWebhooks."
    : 'createWebhooks: `name` is not a valid instance name.';
  throw new TypeError(
    `${what} Use 1–${MAX_INSTANCE_NAME} characters: letters, digits, ".", "_" or "-", starting with a letter or digit.`,
  );
}
