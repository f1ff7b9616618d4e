/**
 * Atomic's event identity. Atomic's body carries no event id, and its only delivery id, the
 * CloudEvents `ce-id` header, is not covered by the signature: anyone holding one signed body could
 * replay it under fresh `ce-id`s. So the id is read from the signed body only: `eventType` + the
 * ids of the entities the event is about + `eventTime`. A retry, or a replay of a captured body,
 * carries the same values. A body without `eventTime` or any entity id is known by a digest of its
 * signed bytes instead.
 */
import type { EventIdentity } from '../../provider.js';
import { entityEventId, type IdentityComponent, scalarAt, signedBodyId } from '../../identity.js';
import { stringField } from '../../provider.js';

/**
 * Entity ids read from every Atomic event (null where a family has none), from the documented
 * payloads (seed 001): the user, the task and task workflow (top level in the samples, under
 * `data` in the text), the linked account (an id, or the Linked Account object of
 * `linked-account-*`) and the conversion token of `conversion-opportunity`.
 */
export const ATOMIC_ENTITY_IDS: readonly (readonly string[])[] = [
  ['user', '_id'],
  ['task'],
  ['taskWorkflow'],
  ['data', 'task'],
  ['data', 'taskWorkflow'],
  ['data', 'linkedAccount'],
  ['data', 'linkedAccount', '_id'],
  ['data', 'conversionToken'],
];

/** Reads an Atomic event's de-duplication id and time from its verified body (`type` already read). */
export function atomicIdentity(type: string, body: unknown, rawBody: Uint8Array): EventIdentity {
  const occurredAt = stringField(body, 'eventTime');
  const ids: IdentityComponent[] = ATOMIC_ENTITY_IDS.map((path) => scalarAt(body, path));
  const id =
    occurredAt !== undefined && ids.some((value) => value !== null)
      ? entityEventId(type, ids, occurredAt)
      : signedBodyId(rawBody);
  return { type, id, ...(occurredAt !== undefined && { occurredAt }) };
}
