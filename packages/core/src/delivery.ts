import type { WebhookErrorCode } from './errors.js';

/**
 * How far a delivery got with its signature: `passed`, `failed` (401: missing, invalid, stale,
 * too large, or the key set was unreachable), or `not-reached` (refused before verifying: 405,
 * 408, 413, 415, or a body already parsed by the host).
 */
export type VerificationOutcome = 'passed' | 'failed' | 'not-reached';

/**
 * What happened to a delivery: `accepted` (2xx, stored or handled), `duplicate` (2xx, seen before),
 * `refused` (4xx, the sender's problem) or `failed` (5xx, the provider should retry).
 */
export type DeliveryOutcome = 'accepted' | 'duplicate' | 'refused' | 'failed';

/**
 * One delivery, as `onDelivery` observers see it: enough for an audit trail, metrics or a log line,
 * and nothing a payload or header carries except the raw body of an accepted event (never a
 * signature header value, never a secret).
 */
export interface DeliveryRecord {
  readonly provider: string;
  /** The instance's `name`. */
  readonly instance: string;
  /** When the request reached the pipeline. */
  readonly receivedAt: Date;
  /** Time from `receivedAt` to the answer, ms. */
  readonly durationMs: number;
  /** The HTTP status answered. */
  readonly status: number;
  readonly outcome: DeliveryOutcome;
  readonly verification: VerificationOutcome;
  /** The refusal's or failure's code; absent on 2xx (a 2xx whose completion failed still has none). */
  readonly code?: WebhookErrorCode;
  /** Known once the body was verified and identified. */
  readonly eventId?: string;
  readonly eventType?: string;
  /**
   * The verified bytes of an `accepted` or `duplicate` delivery (an observer keeping them decides
   * how long: they carry personal data). Absent on refusals: unverified bytes are never handed on.
   */
  readonly rawBody?: Uint8Array;
  /**
   * `true` for a 2xx delivery the stale-event guard found stale (`staleEvents`): in `'mark'` mode
   * its handlers ran with `event.stale`; in `'skip'` mode they did not run. Absent otherwise.
   */
  readonly stale?: true;
}

/**
 * Observes every delivery once its answer is known. It runs after the answer is decided and is not
 * awaited: a slow or failing observer never delays or changes the provider's answer (a rejection or
 * throw is swallowed; report failures yourself). Keep it cheap or buffer (see `@finhooks/postgres`'
 * audit trail).
 */
export type DeliveryObserver = (record: DeliveryRecord) => unknown;
