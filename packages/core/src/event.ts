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
  /**
   * The name of the instance that received it (`createWebhooks({ name })`, default the provider's
   * name). Set on every event the pipeline builds; absent on events built by hand or enqueued by an
   * older release.
   */
  readonly instance?: string;
  /**
   * De-duplication id, derived only from what the signature covers; the rule per provider is in
   * its docs and in the core README ("Event identity"). The store key is `${instance}:${id}`.
   */
  readonly id: string;
  readonly type: Type;
  /** When the provider says the event happened, verbatim (some providers send non-ISO values). */
  readonly occurredAt?: string;
  /** When finhooks received the delivery. */
  readonly receivedAt: Date;
  readonly payload: Payload;
  readonly known: Known;
  /**
   * Set when the instance has `staleEvents` on: `true` when an event about the same entity that
   * occurred later was received before this one (its state is outdated), else `false`. Absent when
   * the guard is off (and on events built by hand).
   */
  readonly stale?: boolean;
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
