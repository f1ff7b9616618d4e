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
  // The audit trail (postgresAudit). Self-contained: renumbering it at a merge changes only `version`.
  {
    version: 4,
    name: 'audit_deliveries',
    sql: `
CREATE TABLE {schema}.audit_deliveries (
  id                  bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  received_at         timestamptz NOT NULL,
  provider            text        NOT NULL,
  instance            text        NOT NULL,
  -- Known once the body was verified and identified; NULL for refusals before that.
  event_id            text,
  event_type          text,
  status              smallint    NOT NULL,
  outcome             text        NOT NULL CHECK (outcome IN ('accepted', 'duplicate', 'refused', 'failed')),
  verification        text        NOT NULL CHECK (verification IN ('passed', 'failed', 'not-reached')),
  error_code          text,
  latency_ms          integer     NOT NULL,
  -- This delivery's number among the deliveries of (instance, event_id), 1 for the first; NULL without an event id.
  attempt             integer,
  -- The verified bytes of an accepted or duplicate delivery, until raw_body_expires_at.
  raw_body            bytea,
  raw_body_expires_at timestamptz,
  CHECK ((raw_body IS NULL) = (raw_body_expires_at IS NULL))
);
CREATE INDEX audit_deliveries_received_at ON {schema}.audit_deliveries (received_at);
-- Numbering attempts reads the last one of an event.
CREATE INDEX audit_deliveries_event ON {schema}.audit_deliveries (instance, event_id, attempt) WHERE event_id IS NOT NULL;
-- The purge finds expired raw bodies without reading the rows that have none.
CREATE INDEX audit_deliveries_raw_body ON {schema}.audit_deliveries (raw_body_expires_at) WHERE raw_body IS NOT NULL;
`,
  },
  // The stale-event guard's marks (postgresStore.markLatest). Self-contained: renumbering it at a merge changes only `version`.
  {
    version: 5,
    name: 'entity_marks',
    sql: `
CREATE TABLE {schema}.entity_marks (
  -- <instance>:<entity key>: the entity whose events are ordered.
  key        text        PRIMARY KEY,
  -- The latest occurrence time received for the entity, ms since the epoch.
  at         bigint      NOT NULL,
  -- End of the retention; a row past it is no mark (and purge() deletes it).
  expires_at timestamptz NOT NULL
);
CREATE INDEX entity_marks_expires_at ON {schema}.entity_marks (expires_at);
`,
  },
  // The delivery's trace context (telemetry: openTelemetry()), continued by the inbox worker.
  // Self-contained: renumbering it at a merge changes only `version`.
  {
    version: 6,
    name: 'inbox_trace_context',
    sql: `
-- W3C trace context headers ({"traceparent": …}) of the delivery that stored the event; NULL
-- without telemetry. Nullable, no default: adding it rewrites nothing.
ALTER TABLE {schema}.inbox_events ADD COLUMN trace_context jsonb;
`,
  },
  // Indexes for `inbox list` and for replaying/purging dead events.
  // Self-contained: renumbering it at a merge changes only `version`.
  {
    version: 7,
    name: 'inbox_events_list_and_dead_indexes',
    sql: `
-- inbox list (listInboxEvents) reads the newest events: ORDER BY received_at DESC, key LIMIT n.
-- Indexed in that order, it reads n rows, not the whole table and a sort.
CREATE INDEX inbox_events_received_at ON {schema}.inbox_events (received_at DESC, key);
-- Replaying and purging dead events read only the dead ones (few, and kept until someone acts),
-- never the done events retained beside them.
CREATE INDEX inbox_events_dead ON {schema}.inbox_events (processed_at) WHERE status = 'dead';
`,
  },
];
