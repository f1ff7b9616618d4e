/**
 * The event every handler receives.
 *
 * `payload` is the validated body with the provider's own field names, as its docs show them
 * (Moneyhub JWT deliveries are normalised to the JSON envelope, so one handler serves both formats).
 * `known` tells whether `type` is in the provider's catalogue: a type the provider added after this
 * release still reaches `onAny` and matching wildcards, with `known: false` and an `unknown` payload.
 */
export interface WebhookEvent<
  Type extends string = string,
  Payload = unknown,
  Provider extends string = string,
  Known extends boolean = boolean,
> {
  /** Provider name: `'atomic' | 'moneyhub' | 'atelio'` or your own. */
  readonly provider: Provider;
  /** De-duplication id (the provider's delivery id, or a digest when it has none). */
  readonly id: string;
  readonly type: Type;
  /** When the provider says the event happened, verbatim (some providers send non-ISO values). */
  readonly occurredAt?: string;
  /** When finhooks received the delivery. */
  readonly receivedAt: Date;
  readonly payload: Payload;
  readonly known: Known;
}

/** An event whose type is in the catalogue: typed payload. */
export type KnownWebhookEvent<Type extends string, Payload, Provider extends string = string> = WebhookEvent<
  Type,
  Payload,
  Provider,
  true
>;

/** An event whose type is not in the catalogue (or could not be read): payload is `unknown`. */
export type UnknownWebhookEvent<Provider extends string = string> = WebhookEvent<string, unknown, Provider, false>;

/** The type given to events whose body names no type at all (e.g. Atelio's `late_payment` sample). */
export const UNTYPED_EVENT = 'unknown';
