/**
 * The identity of a sent event. Receivers de-duplicate on fields of the signed body (Moneyhub: `id`,
 * the JWT `jti`; Atomic: `eventType` + entity ids + `eventTime`; Atelio: `event` + entity ids +
 * `occurred_at`, or `sent_time`). The documented samples have fixed values, so sending one twice would
 * be answered `duplicate`: each send refreshes the body's own id/time field instead, unless the user
 * pins the identity (`--id`, `--keep-ids`, or a `--payload` of their own).
 */
import { randomInt, randomUUID } from 'node:crypto';
import type { ProviderName } from './catalogs.js';
import { UsageError } from './errors.js';

export interface DeliveryIdentity {
  /**
   * `fresh`: the identity field got a new value for this send; `pinned`: set from `--id`;
   * `sample`: the documented values, unchanged (`--keep-ids`); `payload`: your body, unchanged.
   */
  readonly source: 'fresh' | 'pinned' | 'sample' | 'payload';
  /** The fields set, by body field name (e.g. `{ occurred_at: '…' }`); empty when nothing was changed. */
  readonly fields: Readonly<Record<string, string>>;
}

export interface IdentityOptions {
  /** Moneyhub: the event `id` (JWT `jti`). */
  readonly id?: string | undefined;
  /** Send the documented sample's ids and times unchanged. */
  readonly keepIds?: boolean | undefined;
  /** The body is the user's own (`--payload`): sent as is unless `id` is given. */
  readonly own: boolean;
}

/** Checks `--id`/`--keep-ids` against the provider before anything is read or signed. */
export function checkIdentityOptions(provider: ProviderName, options: Omit<IdentityOptions, 'own'>): void {
  if (options.id === undefined) return;
  if (options.keepIds) throw new UsageError('--id and --keep-ids both pin the event: give one.');
  if (options.id.trim() === '') throw new UsageError('--id needs a non-empty value.');
  if (provider !== 'moneyhub') {
    throw new UsageError(
      `${provider === 'atomic' ? 'Atomic' : 'Atelio'} events carry no event id: receivers know them by their entity ids and ${
        provider === 'atomic' ? 'eventTime' : 'occurred_at'
      }. To send the same event again, use --keep-ids (the documented values), --repeat <n>, or --payload <file.json>.`,
    );
  }
}

/** The body to sign, with its identity refreshed or pinned, and what was done. */
export function applyIdentity(
  provider: ProviderName,
  body: Record<string, unknown>,
  options: IdentityOptions,
): { body: Record<string, unknown>; identity: DeliveryIdentity } {
  checkIdentityOptions(provider, options);
  if (options.id !== undefined) {
    return { body: { ...body, id: options.id }, identity: { source: 'pinned', fields: { id: options.id } } };
  }
  if (options.own) return { body, identity: { source: 'payload', fields: {} } };
  if (options.keepIds) return { body, identity: { source: 'sample', fields: {} } };
  const fields = freshFields(provider, body);
  return { body: { ...body, ...fields }, identity: { source: 'fresh', fields } };
}

function freshFields(provider: ProviderName, body: Record<string, unknown>): Record<string, string> {
  switch (provider) {
    case 'moneyhub':
      return { id: randomUUID() };
    case 'atomic':
      return { eventTime: new Date().toISOString() };
    case 'atelio':
      // One documented sample is stamped with sent_time instead of occurred_at.
      return { [body.sent_time !== undefined && body.occurred_at === undefined ? 'sent_time' : 'occurred_at']: atelioTime() };
  }
}

/**
 * Now, the way Atelio writes times (Python's `isoformat()`: microseconds, `+00:00`). The microseconds
 * below the millisecond are random, so two sends in the same millisecond are still two events.
 */
function atelioTime(): string {
  const iso = new Date().toISOString(); // 2026-12-01T16:40:00.123Z
  return `${iso.slice(0, 23)}${String(randomInt(1000)).padStart(3, '0')}+00:00`;
}
