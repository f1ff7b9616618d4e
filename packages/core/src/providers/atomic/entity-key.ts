/**
 * Atomic's entity rule for the stale-event guard (`createWebhooks({ staleEvents })`): which events
 * report the state of one thing, so that an older one arriving after a newer one is outdated. The
 * time compared is the event's `eventTime`. Events adding records (statements, timesheets, taxes,
 * deposit account changes) or announcing something once have no entity: never stale.
 */
import type { WebhookEvent } from '../../event.js';
import { type IdentityComponent, scalarAt } from '../../identity.js';
import { entityKeyFrom } from '../../stale.js';

const first = (payload: unknown, paths: readonly (readonly string[])[]): IdentityComponent =>
  paths.map((path) => scalarAt(payload, path)).find((value) => value !== null) ?? null;

const task = (payload: unknown) => first(payload, [['task'], ['data', 'task']]);
const linkedAccount = (payload: unknown) =>
  first(payload, [
    ['data', 'linkedAccount', '_id'],
    ['data', 'linkedAccount'],
  ]);
/** The user's synced data of one kind, per linked account (a user may link several payrolls). */
const userData = (payload: unknown): IdentityComponent[] => [
  scalarAt(payload, ['user', '_id']),
  linkedAccount(payload),
];

/** Event type → family and entity ids. */
export const ATOMIC_ENTITY_KEYS: Readonly<
  Record<string, readonly [family: string, ids: (payload: unknown) => IdentityComponent[]]>
> = {
  'task-status-updated': ['task-status', (p) => [task(p)]],
  'task-status-patched': ['task-status', (p) => [task(p)]],
  'task-authentication-status-updated': ['task-authentication', (p) => [task(p)]],
  'linked-account-connected': ['linked-account', (p) => [linkedAccount(p)]],
  'linked-account-disconnected': ['linked-account', (p) => [linkedAccount(p)]],
  'employment-synced': ['employment', userData],
  'employment-updated': ['employment', userData],
  'identity-synced': ['identity', userData],
  'identity-updated': ['identity', userData],
  'income-synced': ['income', userData],
  'income-updated': ['income', userData],
};

/** The entity an Atomic event is about, or `undefined` (the guard does not apply). */
export function atomicEntityKey(event: WebhookEvent): string | undefined {
  const rule = Object.hasOwn(ATOMIC_ENTITY_KEYS, event.type) ? ATOMIC_ENTITY_KEYS[event.type] : undefined;
  return rule && entityKeyFrom(rule[0], rule[1](event.payload));
}
