/**
 * Shared pieces of the Atelio (ex-Bond) webhook catalogue: the `event` literal, timestamps, amounts
 * and the helpers that build one schema per event type.
 * Sources: PROVIDERS.md §3; https://docs.atelio.com/embedded/docs/webhook-payloads (mirrored at
 * guyklages/docusaurus `docs/atelio/webhooks/webhook-payloads.md`).
 *
 * Every object is `z.looseObject`: Atelio adds fields over time and they must pass through, kept.
 *
 * Nothing here builds a zod schema at import: every schema (and shape) is a `lazy` builder, called
 * when the catalogue first needs it (see `../../../lazy-catalog.ts`).
 */
import * as z from 'zod';
import { lazy } from '../../../lazy-catalog.js';

/**
 * Timestamps stay plain strings: documented samples include malformed ISO
 * (`2021-02-02-00:50:58.484840+00:00`) and naive ones (`2022-06-24T18:36:30.416759`).
 */
export const timestamp = lazy(() => z.string());

/** Calendar dates, `YYYY-MM-DD` in every sample; not enforced for the same reason. */
export const date = lazy(() => z.string());

/** Decimal amounts are strings in statements and transactions (`"-21.93"`, `"2845.0"`). */
export const decimal = lazy(() => z.string());

/** Builds the schema of one event type: its `event` literal plus the given fields. */
export function eventSchema<const T extends string, S extends z.ZodRawShape>(type: T, shape: S) {
  return z.looseObject({ event: z.literal(type), ...shape });
}

/** The schema `eventSchema` builds for `T` and `S`. */
export type EventSchema<T extends string, S extends z.ZodRawShape> = ReturnType<typeof eventSchema<T, S>>;

/**
 * A family of event types sharing one payload shape (card.status.*, fraud_operations.*, …):
 * `{ [type]: builder }`, each schema with its own `event` literal so payloads stay typed per type.
 * The shape is built once, for the first member used.
 */
export function eventFamily<const T extends readonly string[], S extends z.ZodRawShape>(
  types: T,
  shape: () => S,
): { readonly [K in T[number]]: () => EventSchema<K, S> } {
  const shared = lazy(shape);
  return Object.fromEntries(types.map((type) => [type, lazy(() => eventSchema(type, shared()))])) as never;
}

/** Fields of an event whose payload Atelio does not document: only the envelope is assumed. */
export const undocumentedShape = lazy(() => ({ occurred_at: timestamp().optional() }));

/**
 * Event types listed by Atelio without any documented payload (no sample, no field list): the
 * envelope only, `occurred_at` optional; every other field passes through untyped.
 */
export function undocumentedFamily<const T extends readonly string[]>(types: T) {
  return eventFamily(types, undocumentedShape);
}
