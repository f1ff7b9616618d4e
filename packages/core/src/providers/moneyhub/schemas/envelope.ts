/**
 * The envelope every Moneyhub webhook shares, and the helpers that turn a payload schema into a
 * catalogue entry.
 *
 * Sources:
 * - https://docs.moneyhubenterprise.com/docs/webhooks-introduction (JSON: `{ id, eventType, userId, payload }`)
 * - https://docs.moneyhubenterprise.com/docs/webhook-format (JWT: `jti`, `sub` and one `events` URN key,
 *   normalised to the same envelope by `../index.ts`, so one schema serves both formats)
 */
import * as z from 'zod';
import { lazy } from '../../../lazy-catalog.js';

/** The zod schema of one event type's whole normalised body. */
export type MoneyhubEventSchema<T extends string, P extends z.ZodType> = z.ZodObject<
  {
    id: z.ZodString;
    eventType: z.ZodLiteral<T>;
    userId: z.ZodOptional<z.ZodString>;
    payload: P;
  },
  z.core.$loose
>;

/** The normalised body of `eventType` carrying `payload`. Unknown fields pass through at every level. */
export function moneyhubEvent<const T extends string, P extends z.ZodType>(
  eventType: T,
  payload: P,
): MoneyhubEventSchema<T, P> {
  return z.looseObject({
    // JSON `id` / JWT `jti`: the de-duplication key.
    id: z.string(),
    eventType: z.literal(eventType),
    // JSON `userId` / JWT `sub`. Optional because the JWT normaliser omits it when a token has no
    // `sub`, and nothing documents that every token carries one. (The overview's schema table spells
    // it `userid`; its example and the 2020 docs use `userId`.)
    userId: z.string().optional(),
    payload,
  });
}

/**
 * One catalogue entry per type, all sharing `payload` (transaction events, payment events…): each
 * a `lazy` builder, and the payload schema is built once, for the first type used.
 */
export function moneyhubEvents<const T extends readonly string[], P extends z.ZodType>(
  types: T,
  payload: () => P,
): { readonly [K in T[number]]: () => MoneyhubEventSchema<K, P> } {
  return Object.fromEntries(types.map((type) => [type, lazy(() => moneyhubEvent(type, payload()))])) as {
    readonly [K in T[number]]: () => MoneyhubEventSchema<K, P>;
  };
}
