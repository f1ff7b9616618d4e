import { randomUUID } from 'node:crypto';
import { atelio, createWebhooks, handleRequest } from '@finhooks/core';
import { createTestRequest } from '@finhooks/core/testing';
import { migrate, postgresAudit, postgresInbox } from '@finhooks/postgres';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bufferIo } from '../src/io.js';
import { runCli } from '../src/program.js';
import { runCli as runBinary } from './support/cli.js';

/** `finhooks inbox …` and `finhooks audit …` against the real PostgreSQL, on events the real pipeline stored. */
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `fh_test_cli_inbox_${process.pid}_${randomUUID().slice(0, 8)}`;
const provider = atelio({ secret: 'whsec_cli_inbox_test_secret_0123456789' });
let pool: pg.Pool;

async function finhooks(...args: string[]) {
  const io = bufferIo();
  const code = await runCli([...args, '--schema', schema, '--database-url', DATABASE_URL], io);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

interface Stored {
  readonly key: string;
  /** A payload value (the card id): must never be printed unless asked. */
  readonly canary: string;
}

/** Delivers one signed event through the real pipeline in inbox mode (and the audit trail). */
async function deliver(instance: string, type: 'card.created' | 'card.activated' = 'card.created'): Promise<Stored> {
  const audit = postgresAudit(pool, { schema });
  const webhooks = createWebhooks({
    provider,
    name: instance,
    inbox: postgresInbox(pool, { schema }),
    onDelivery: audit,
  });
  const canary = randomUUID();
  const request = await createTestRequest(provider, type, {
    occurred_at: `${new Date().toISOString()}#${randomUUID()}`,
    card: {
      status: 'Active',
      card_account_id: randomUUID(),
      last_four: '5181',
      card_id: canary,
      customer_id: randomUUID(),
    },
  });
  const response = await handleRequest(webhooks, request);
  expect(response.status).toBe(200);
  await audit.close();
  const { rows } = await pool.query<{ key: string }>(
    `SELECT key FROM "${schema}".inbox_events WHERE event->'payload'->'card'->>'card_id' = $1`,
    [canary],
  );
  return { key: rows[0]!.key, canary };
}

async function setStatus(key: string, status: 'done' | 'dead', processedAgoMs = 0, lastError?: string) {
  await pool.query(
    `UPDATE "${schema}".inbox_events
        SET status = $2, attempts = 3, last_error = $4,
            processed_at = clock_timestamp() - $3::integer * interval '1 millisecond'
      WHERE key = $1`,
    [key, status, processedAgoMs, lastError ?? null],
  );
}

async function status(key: string): Promise<string | undefined> {
  const { rows } = await pool.query(`SELECT status FROM "${schema}".inbox_events WHERE key = $1`, [key]);
  return rows[0]?.status;
}

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: DATABASE_URL });
  // Fails (not skips) without PostgreSQL.
  await migrate(pool, { schema });
});

beforeEach(async () => {
  await pool.query(`TRUNCATE "${schema}".inbox_events, "${schema}".audit_deliveries`);
});

afterAll(async () => {
  await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await pool.end();
});

describe('finhooks inbox list', () => {
  it('lists events newest first with status, attempts, type, key and last error, never a payload', async () => {
    const pending = await deliver('atelio');
    const dead = await deliver('atelio', 'card.activated');
    await setStatus(dead.key, 'dead', 0, 'ledger rejected the card: boom');
    const result = await finhooks('inbox', 'list');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^RECEIVED\s+STATUS\s+ATTEMPTS\s+TYPE\s+KEY$/);
    expect(lines[1]).toMatch(new RegExp(`dead\\s+3\\s+card\\.activated\\s+${escape(dead.key)}$`));
    expect(lines[2]).toBe('    last error: ledger rejected the card: boom');
    expect(lines[3]).toMatch(new RegExp(`pending\\s+0\\s+card\\.created\\s+${escape(pending.key)}$`));
    expect(result.stdout).not.toContain(pending.canary);
    expect(result.stdout).not.toContain(dead.canary);
  });

  it('filters by status, instance and type, limits, and prints JSON', async () => {
    const a = await deliver('atelio');
    const b = await deliver('atelio-us');
    const c = await deliver('atelio', 'card.activated');
    await setStatus(c.key, 'done');

    const keys = async (...args: string[]) => {
      const result = await finhooks('inbox', 'list', '--json', ...args);
      expect(result.code).toBe(0);
      expect(result.stdout).not.toContain(a.canary);
      return (JSON.parse(result.stdout) as Array<{ key: string }>).map((event) => event.key);
    };
    expect(await keys()).toEqual([c.key, b.key, a.key]);
    expect(await keys('--status', 'pending')).toEqual([b.key, a.key]);
    expect(await keys('--status', 'done')).toEqual([c.key]);
    expect(await keys('--instance', 'atelio')).toEqual([c.key, a.key]);
    expect(await keys('--instance', 'atelio-us')).toEqual([b.key]);
    expect(await keys('--type', 'card.activated')).toEqual([c.key]);
    expect(await keys('--limit', '1')).toEqual([c.key]);

    const [first] = JSON.parse((await finhooks('inbox', 'list', '--json', '--limit', '1')).stdout);
    expect(first).toMatchObject({ key: c.key, instance: 'atelio', provider: 'atelio', status: 'done', attempts: 3 });
    expect(first).not.toHaveProperty('event');

    const table = await finhooks('inbox', 'list', '--limit', '2');
    expect(table.stdout).toContain('(the newest 2; use --limit for more)');
    expect(await finhooks('inbox', 'list', '--status', 'dead')).toMatchObject({
      code: 0,
      stdout: `No inbox events with status dead in schema "${schema}".\n`,
    });
  });

  it('refuses an unknown status with exit code 2', async () => {
    const result = await finhooks('inbox', 'list', '--status', 'failed');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Allowed choices are pending, done, dead/);
  });
});

describe('finhooks inbox show', () => {
  it('shows one event with attempts and last error, its payload only with --show-payload', async () => {
    const event = await deliver('atelio');
    await setStatus(event.key, 'dead', 0, 'handler failed: timeout');
    const hidden = await finhooks('inbox', 'show', event.key);
    expect(hidden.code).toBe(0);
    expect(hidden.stdout).toContain(`key:          ${event.key}`);
    expect(hidden.stdout).toContain('status:       dead');
    expect(hidden.stdout).toContain('attempts:     3');
    expect(hidden.stdout).toContain('last error:   handler failed: timeout');
    expect(hidden.stdout).toContain('"payload": "[redacted: --show-payload]"');
    expect(hidden.stdout).toContain('add --show-payload to print it');
    expect(hidden.stdout).not.toContain(event.canary);

    const json = JSON.parse((await finhooks('inbox', 'show', event.key, '--json')).stdout);
    expect(json).toMatchObject({
      key: event.key,
      status: 'dead',
      event: { type: 'card.created', payload: '[redacted: --show-payload]' },
    });
    expect(JSON.stringify(json)).not.toContain(event.canary);

    const shown = await finhooks('inbox', 'show', event.key, '--show-payload', '--json');
    expect(JSON.parse(shown.stdout).event.payload.card.card_id).toBe(event.canary);
  });

  it('fails with exit code 1 for an unknown key', async () => {
    const result = await finhooks('inbox', 'show', 'atelio:id:nope');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('No inbox event with key "atelio:id:nope"');
  });
});

describe('finhooks inbox retry', () => {
  it('puts the given dead events back to pending, and says which keys it could not retry', async () => {
    const dead = await deliver('atelio');
    const other = await deliver('atelio');
    const done = await deliver('atelio');
    await setStatus(dead.key, 'dead');
    await setStatus(other.key, 'dead');
    await setStatus(done.key, 'done');
    const result = await finhooks('inbox', 'retry', dead.key, done.key, 'atelio:id:nope');
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('Retried 1 dead event: pending again, due now.\n');
    expect(result.stderr).toContain(`${done.key}: it is done, not dead`);
    expect(result.stderr).toContain('atelio:id:nope: no such event');
    expect(await status(dead.key)).toBe('pending');
    expect(await status(other.key)).toBe('dead');
    expect(await status(done.key)).toBe('done');
    const { rows } = await pool.query(`SELECT attempts FROM "${schema}".inbox_events WHERE key = $1`, [dead.key]);
    expect(rows[0].attempts).toBe(0);
  });

  it('retries every dead event with --all, and needs keys or --all', async () => {
    const a = await deliver('atelio');
    const b = await deliver('atelio-us');
    await setStatus(a.key, 'dead');
    await setStatus(b.key, 'dead');
    expect(await finhooks('inbox', 'retry', '--all')).toMatchObject({
      code: 0,
      stdout: 'Retried 2 dead events: pending again, due now.\n',
    });
    expect([await status(a.key), await status(b.key)]).toEqual(['pending', 'pending']);
    expect((await finhooks('inbox', 'retry', '--all')).stdout).toBe(`No dead events in schema "${schema}".\n`);
    expect(await finhooks('inbox', 'retry')).toMatchObject({ code: 2 });
    expect(await finhooks('inbox', 'retry', '--all', a.key)).toMatchObject({ code: 2 });
  });
});

describe('finhooks inbox purge', () => {
  it('deletes done events past the retention, dead ones only with --dead-retention', async () => {
    const oldDone = await deliver('atelio');
    const newDone = await deliver('atelio');
    const oldDead = await deliver('atelio');
    const pending = await deliver('atelio');
    await setStatus(oldDone.key, 'done', 2 * 3_600_000);
    await setStatus(newDone.key, 'done', 0);
    await setStatus(oldDead.key, 'dead', 2 * 3_600_000);

    const first = await finhooks('inbox', 'purge', '--retention', '1h');
    expect(first).toMatchObject({ code: 0, stdout: 'Purged 1 event (done events processed more than 1h ago).\n' });
    expect(await status(oldDone.key)).toBeUndefined();
    expect(await status(oldDead.key)).toBe('dead');

    const second = await finhooks('inbox', 'purge', '--retention', '1h', '--dead-retention', '90m');
    expect(second.stdout).toBe(
      'Purged 1 event (done events processed more than 1h ago, dead events more than 90m ago).\n',
    );
    expect(await status(oldDead.key)).toBeUndefined();
    expect([await status(newDone.key), await status(pending.key)]).toEqual(['done', 'pending']);

    // Default retention 72 h: the hour-old done event stays.
    expect((await finhooks('inbox', 'purge')).stdout).toBe(
      'Purged 0 events (done events processed more than 3d ago).\n',
    );
  });

  it('refuses a nonsense duration with exit code 2', async () => {
    const result = await finhooks('inbox', 'purge', '--retention', 'soon');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Expected a duration/);
  });
});

describe('finhooks audit', () => {
  it('lists recorded deliveries newest first, with attempt and outcome, and purges', async () => {
    const event = await deliver('atelio');
    // The redelivery: a duplicate, attempt 2.
    const { rows } = await pool.query(`SELECT event_id FROM "${schema}".inbox_events WHERE key = $1`, [event.key]);
    const eventId = rows[0].event_id as string;
    const audit = postgresAudit(pool, { schema });
    const webhooks = createWebhooks({ provider, inbox: postgresInbox(pool, { schema }), onDelivery: audit });
    const forged = await handleRequest(webhooks, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'bond-signature': 't=1,v1=00' },
      rawBody: new TextEncoder().encode('{}'),
    });
    expect(forged.status).toBe(401);
    await audit.close();

    const table = await finhooks('audit', 'list');
    expect(table.code).toBe(0);
    const lines = table.stdout.trim().split('\n');
    expect(lines[0]).toMatch(
      /^RECEIVED\s+INSTANCE\s+STATUS\s+OUTCOME\s+SIGNATURE\s+CODE\s+ATTEMPT\s+MS\s+TYPE\s+EVENT ID$/,
    );
    expect(lines[1]).toMatch(/atelio\s+401\s+refused\s+failed\s+\S+\s+-\s+\d+\s+-\s+-$/);
    expect(lines[2]).toMatch(
      new RegExp(`atelio\\s+200\\s+accepted\\s+passed\\s+-\\s+1\\s+\\d+\\s+card\\.created\\s+${escape(eventId)}$`),
    );
    expect(table.stdout).not.toContain(event.canary);

    const json = JSON.parse((await finhooks('audit', 'list', '--json', '--event-id', eventId)).stdout);
    expect(json).toEqual([expect.objectContaining({ eventId, attempt: 1, outcome: 'accepted', hasRawBody: true })]);
    const refused = JSON.parse((await finhooks('audit', 'list', '--json', '--outcome', 'refused')).stdout);
    expect(refused).toHaveLength(1);

    expect(await finhooks('audit', 'purge')).toMatchObject({
      code: 0,
      stdout: 'Cleared 0 expired raw bodies; deleted 0 deliveries.\n',
    });
    await pool.query(`UPDATE "${schema}".audit_deliveries SET received_at = received_at - interval '2 days'`);
    expect((await finhooks('audit', 'purge', '--retention', '1d')).stdout).toBe(
      'Cleared 0 expired raw bodies; deleted 2 deliveries.\n',
    );
  });
});

describe('the built binary', () => {
  it('reads DATABASE_URL and the schema from the environment and flags', async () => {
    const event = await deliver('atelio');
    const run = await runBinary(['inbox', 'list', '--json', '--schema', schema], { DATABASE_URL });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(run.stdout)).toEqual([expect.objectContaining({ key: event.key, status: 'pending' })]);
    expect(run.stdout).not.toContain(event.canary);
  });
});

describe('database errors', () => {
  it('fail with exit code 1, the password hidden, when the database is unreachable', async () => {
    const io = bufferIo();
    const code = await runCli(['inbox', 'list', '--database-url', 'postgres://app:s3cret-pw@127.0.0.1:1/app'], io);
    expect(code).toBe(1);
    expect(io.stderr()).toMatch(/ECONNREFUSED/);
    expect(io.stderr()).toContain('postgres://app:***@127.0.0.1:1/app');
    expect(io.stderr()).not.toContain('s3cret-pw');
  });

  it('say the schema is not migrated', async () => {
    const io = bufferIo();
    const code = await runCli(['inbox', 'list', '--schema', `${schema}_none`, '--database-url', DATABASE_URL], io);
    expect(code).toBe(1);
    expect(io.stderr()).toMatch(
      /inbox_events" does not exist: schema "\S+_none" is not migrated .*run finhooks db migrate --schema/,
    );
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
