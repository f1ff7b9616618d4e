/**
 * Atelio's event identity. Atelio sends no event id and advises de-duplicating on
 * `(event, occurred_at)`, which collides for distinct events of the same instant (two cards, two
 * transactions). So the id is `event` + the ids of the entities the event is about + `occurred_at`
 * (`sent_time` where documented instead), all read from the signed body: a retry carries the same
 * three whatever its signature's `t`. A family without entity ids, a body lacking them or lacking
 * a time is known by a digest of its signed bytes instead.
 */
import type { EventIdentity } from '../../provider.js';
import { entityEventId, scalarAt, signedBodyId } from '../../identity.js';
import { UNTYPED_EVENT } from '../../event.js';
import { stringField } from '../../provider.js';

type Path = readonly string[];

/**
 * Entity ids per event family, from the documented payloads (seed 003 and the payload pages):
 * `prefix` matches the event type exactly or, ending in `.`, every type under it. First match wins.
 * Families missing here (`portal.data_export`: report parameters, no entity) use the body digest.
 */
export const ATELIO_ENTITY_IDS: readonly (readonly [prefix: string, paths: readonly Path[]])[] = [
  ['transactions', [['transaction', 'transaction_id']]],
  ['card.', [['card', 'card_id']]],
  ['kyc.verification.', [['customer_id'], ['beneficial_owner_id'], ['inquiry_id']]],
  ['kyb.verification.', [['business_id']]],
  [
    'credit.application.',
    [
      ['details', 'data', 'application_id'],
      ['details', 'data', 'adverse_action', 'id'],
    ],
  ],
  // payload undocumented: the credit.application shape, if it has it
  ['commercial.credit_application.', [['details', 'data', 'application_id']]],
  ['customer.', [['details', 'customer_id']]],
  [
    'fraud_operations.',
    [
      ['details', 'operation_id'],
      ['details', 'customer_id'],
    ],
  ],
  ['account.autopay.', [['customer_id'], ['statement_start_date'], ['statement_end_date']]],
  ['account.statements.generated', [['customer_id'], ['statement_start_date'], ['statement_end_date']]],
  [
    'account.statements.late_payment',
    [['card_account_id'], ['customer_id'], ['transaction_id'], ['statement_start_date'], ['statement_end_date']],
  ],
  [
    'account.statements.ready',
    [
      ['details', 'statement_id'],
      ['details', 'account_id'],
    ],
  ],
  [
    'account.statement.ready',
    [
      ['details', 'statement_id'],
      ['details', 'account_id'],
    ],
  ],
  ['develop.api_key.', [['identity'], ['key_name']]],
];

function entityPaths(type: string): readonly Path[] | undefined {
  for (const [prefix, paths] of ATELIO_ENTITY_IDS) {
    if (prefix.endsWith('.') ? type.startsWith(prefix) : type === prefix) return paths;
  }
  return undefined;
}

/** Reads an Atelio event's type, de-duplication id and time from its verified body. */
export function atelioIdentity(body: unknown, rawBody: Uint8Array): EventIdentity {
  const type = stringField(body, 'event');
  const occurredAt = stringField(body, 'occurred_at') ?? stringField(body, 'sent_time');
  const paths = type === undefined ? undefined : entityPaths(type);
  const ids = paths?.map((path) => scalarAt(body, path));
  const id =
    type !== undefined && occurredAt !== undefined && ids?.some((value) => value !== null)
      ? entityEventId(type, ids, occurredAt)
      : signedBodyId(rawBody);
  return { type: type ?? UNTYPED_EVENT, id, ...(occurredAt !== undefined && { occurredAt }) };
}
