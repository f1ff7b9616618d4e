/**
 * The package's SQL migrations, embedded as strings so they ship inside the bundle (no file paths
 * to resolve from ESM, CJS or a bundler). `{schema}` is replaced by the quoted schema name.
 * Append only: a released migration is never edited, a change is a new one.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'idempotency_keys',
    sql: `
CREATE TABLE {schema}.idempotency_keys (
  key        text        PRIMARY KEY,
  state      text        NOT NULL CHECK (state IN ('claimed', 'done')),
  -- The owner of a claim; NULL once done.
  token      text,
  -- End of the lease (claimed) or of the retention (done); a row past it is free.
  expires_at timestamptz NOT NULL
);
CREATE INDEX idempotency_keys_expires_at ON {schema}.idempotency_keys (expires_at);
`,
  },
  {
    version: 2,
    name: 'inbox_events',
    sql: `
CREATE TABLE {schema}.inbox_events (
  key          text        PRIMARY KEY,
  provider     text        NOT NULL,
  event_id     text        NOT NULL,
  event_type   text        NOT NULL,
  event        jsonb       NOT NULL,
  status       text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'dead')),
  attempts     integer     NOT NULL DEFAULT 0,
  available_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  received_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
  processed_at timestamptz,
  last_error   text
);
-- Claiming reads the oldest available pending events: a partial index keeps it O(log n)
-- however many done and dead events are retained.
CREATE INDEX inbox_events_pending ON {schema}.inbox_events (available_at) WHERE status = 'pending';
CREATE INDEX inbox_events_processed_at ON {schema}.inbox_events (processed_at) WHERE status <> 'pending';
`,
  },
  {
    version: 3,
    name: 'inbox_events_claim_index',
    sql: `
-- A worker claims its own instance's due events (the key up to its first ':'; instance names have
-- none). With inbox_events_pending it stepped over every due event of the other instances sharing
-- the table (O(pending), e.g. one provider's backlog while its worker is down); indexed on
-- (instance, available_at) over pending events, the claim reads only the rows it returns:
-- O(log n) however many done, dead or other instances' events the table holds. It replaces
-- inbox_events_pending (every claim updates available_at: one index to maintain, not two).
CREATE INDEX inbox_events_claim ON {schema}.inbox_events (split_part(key, ':', 1), available_at) WHERE status = 'pending';
DROP INDEX {schema}.inbox_events_pending;
`,
  },
];
