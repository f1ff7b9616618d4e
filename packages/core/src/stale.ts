/**
 * The stale-event guard (`createWebhooks({ staleEvents })`). Events about one entity can arrive out
 * of order (Atelio retries for 3 days: a `card.status.active` can arrive after the
 * `card.status.closed` that followed it). With the guard on, the store keeps, per entity, the
 * latest occurrence time seen; an event that occurred before it is stale.
 *
 * The mark is compared and raised in one atomic store call (`markLatest`) when the event is
 * received, after verification and validation and before it is claimed, queued or stored: so
 * concurrent deliveries across instances agree, and queue and inbox workers receive the verdict
 * with the event. It is raised whatever happens to the event next: a newer event whose handlers
 * fail still makes older ones stale, because the provider retries it until its handlers succeed,
 * and the older state must not win in the meantime.
 */
import { DependencyUnavailableError } from './errors.js';
import type { WebhookEvent } from './event.js';
import { storeKey } from './identity.js';
import type { AnyProvider } from './provider.js';
import type { IdempotencyStore } from './store/types.js';

/** `'mark'`: handlers run with `event.stale: true`; `'skip'`: a stale event's handlers do not run (200). */
export type StaleEventsMode = 'mark' | 'skip';

/** A time as `occurredAt` may give it: ms since the epoch, a `Date`, or an ISO 8601 string with a zone. */
export type OccurrenceTime = number | Date | string;

export interface StaleEventsOptions<E extends WebhookEvent = WebhookEvent> {
  readonly mode: StaleEventsMode;
  /**
   * The entity an event is about (`undefined`: the guard does not apply to it). Default: the
   * provider's rule (see the README, "Stale events"). Events with equal keys are compared; keys are
   * per instance (the store key is `${instance}:${entityKey}`).
   */
  readonly entityKey?: (event: E) => string | undefined;
  /** When the event occurred (`undefined`: the guard does not apply). Default: `event.occurredAt`. */
  readonly occurredAt?: (event: E) => OccurrenceTime | undefined;
}

/** `createWebhooks({ staleEvents })`: a mode, or a mode with your own entity and time rules. */
export type StaleEventsOption<E extends WebhookEvent = WebhookEvent> = StaleEventsMode | StaleEventsOptions<E>;

/** The guard as the pipeline runs it. */
export interface StaleGuard {
  readonly mode: StaleEventsMode;
  readonly entityKey: (event: WebhookEvent) => string | undefined;
  readonly occurredAt: (event: WebhookEvent) => OccurrenceTime | undefined;
}

const MODES: readonly unknown[] = ['mark', 'skip'];

/** Checks the option at construction; `undefined` when the guard is off. */
export function staleGuard(option: unknown, provider: AnyProvider, store: IdempotencyStore): StaleGuard | undefined {
  if (option === undefined) return undefined;
  const options = (typeof option === 'string' ? { mode: option } : option) as Partial<StaleEventsOptions> | null;
  if (typeof options !== 'object' || options === null || !MODES.includes(options.mode)) {
    throw new TypeError(
      "createWebhooks: `staleEvents` must be 'mark', 'skip' or { mode: 'mark' | 'skip', entityKey?, occurredAt? }.",
    );
  }
  for (const name of ['entityKey', 'occurredAt'] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'function') {
      throw new TypeError(`createWebhooks: \`staleEvents.${name}\` must be a function.`);
    }
  }
  if (typeof store.markLatest !== 'function') {
    throw new TypeError(
      'createWebhooks: `staleEvents` needs a store with `markLatest` (the memory store, @finhooks/redis and @finhooks/postgres have it); this store does not.',
    );
  }
  const entityKey = options.entityKey ?? provider.entityKey;
  if (entityKey === undefined) {
    throw new TypeError(
      `createWebhooks: \`staleEvents\` needs \`entityKey\`: the "${provider.name}" provider has no entity rule of its own.`,
    );
  }
  return {
    mode: options.mode as StaleEventsMode,
    entityKey,
    occurredAt: options.occurredAt ?? ((event) => event.occurredAt),
  };
}

/**
 * The event with its verdict: `stale: true` when an event about the same entity that occurred
 * later was marked before it, `stale: false` otherwise (no entity or no time included). A failing
 * store is answered 503, like a failing claim.
 */
export async function judgeStaleness(
  guard: StaleGuard,
  store: IdempotencyStore,
  instance: string,
  event: WebhookEvent,
): Promise<WebhookEvent> {
  const entity: unknown = guard.entityKey(event);
  const at = typeof entity === 'string' && entity !== '' ? occurrenceMs(guard.occurredAt(event)) : undefined;
  if (typeof entity !== 'string' || at === undefined) return { ...event, stale: false };
  let verdict;
  try {
    verdict = await store.markLatest!(storeKey(instance, entity), at);
  } catch (error) {
    throw new DependencyUnavailableError('store_unavailable', 'The idempotency store is unavailable; retry later.', {
      cause: error,
    });
  }
  return { ...event, stale: verdict === 'stale' };
}

/**
 * `YYYY-MM-DD`, then `T`, a space or `-` (Atelio's `2021-02-02-00:50:58.484840+00:00`), `hh:mm[:ss[.fraction]]`
 * and a zone (`Z`, `±hh:mm`, `±hhmm`, `±hh`). Without a zone the instant depends on the server's
 * time zone: such a value is no time here.
 */
const ISO_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T\x20-](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)$/i;

/** Ms since the epoch (fractions below a millisecond dropped), or `undefined` when `value` is no valid time. */
export function occurrenceMs(value: OccurrenceTime | undefined): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? Math.floor(value) : undefined;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.getTime();
  if (typeof value !== 'string' || value.length > 40) return undefined;
  const match = ISO_TIME.exec(value);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second = '00', fraction = '', zone] = match;
  const ms = Number(fraction.padEnd(3, '0').slice(0, 3));
  const local = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
    ms,
  );
  const check = new Date(local);
  // Date.UTC rolls 2026-02-31 over to March: such a date is refused, not moved.
  if (check.getUTCDate() !== Number(day) || Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) {
    return undefined;
  }
  if (zone!.toUpperCase() === 'Z') return local;
  const digits = zone!.slice(1).replace(':', '');
  const offset = (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0')) * 60_000;
  return zone!.startsWith('+') ? local - offset : local + offset;
}

/**
 * An entity key from a family name and the entity's ids read from the signed body (null where
 * absent): `undefined` when every id is absent. JSON keeps the parts apart whatever they contain.
 */
export function entityKeyFrom(family: string, ids: readonly (string | number | boolean | null)[]): string | undefined {
  return ids.some((id) => id !== null) ? JSON.stringify([family, ...ids]) : undefined;
}
