import { describe, expect, it } from 'vitest';
import { runCli } from './support/cli.js';

describe('finhooks events', () => {
  it('lists every provider grouped, with counts: 27 Atomic, 19 Moneyhub, 58 Atelio', async () => {
    const run = await runCli(['events']);
    expect(run.code, run.all).toBe(0);
    expect(run.stdout).toContain('atomic (27)\n');
    expect(run.stdout).toContain('moneyhub (19)\n');
    expect(run.stdout).toContain('atelio (58)\n');
    expect(run.stdout).toContain('\n  card.created\n');
    expect(run.stdout.split('\n').filter((line) => line.startsWith('  '))).toHaveLength(27 + 19 + 58);
  });

  it('one provider: one type per line', async () => {
    const run = await runCli(['events', 'moneyhub']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(19);
    expect(lines).toContain('newTransactions');
    expect(lines).toContain('paymentError');
  });

  it('--json, for one provider and for all', async () => {
    const one = await runCli(['events', 'atelio', '--json']);
    expect(one.code).toBe(0);
    const types = JSON.parse(one.stdout) as string[];
    expect(types).toHaveLength(58);
    expect(types).toContain('transactions');
    const all = await runCli(['events', '--json']);
    const byProvider = JSON.parse(all.stdout) as Record<string, string[]>;
    expect(Object.fromEntries(Object.entries(byProvider).map(([p, t]) => [p, t.length]))).toEqual({
      atomic: 27,
      moneyhub: 19,
      atelio: 58,
    });
  });

  it('an unknown provider exits 2 with the list', async () => {
    const run = await runCli(['events', 'plaid']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Unknown provider "plaid". Providers: atomic, moneyhub, atelio.');
    expect(run.stdout).toBe('');
  });
});

describe('finhooks schema', () => {
  it('prints the JSON Schema of atelio transactions: valid JSON, transaction.amount a string', async () => {
    const run = await runCli(['schema', 'atelio', 'transactions']);
    expect(run.code, run.all).toBe(0);
    const schema = JSON.parse(run.stdout) as {
      $schema: string;
      type: string;
      properties: { transaction: { properties: { amount: { type: string } } } };
    };
    expect(schema.$schema).toContain('json-schema.org');
    expect(schema.type).toBe('object');
    expect(schema.properties.transaction.properties.amount.type).toBe('string');
  });

  it('an Atomic and a Moneyhub schema', async () => {
    const atomic = JSON.parse((await runCli(['schema', 'atomic', 'task-status-updated'])).stdout) as {
      properties: Record<string, unknown>;
    };
    expect(Object.keys(atomic.properties)).toEqual(expect.arrayContaining(['eventType', 'data']));
    const moneyhub = JSON.parse((await runCli(['schema', 'moneyhub', 'newTransactions'])).stdout) as {
      properties: Record<string, unknown>;
    };
    expect(Object.keys(moneyhub.properties)).toEqual(expect.arrayContaining(['id', 'eventType', 'userId', 'payload']));
  });

  it('unknown provider or event: exit 2, the suggestion and the list', async () => {
    const event = await runCli(['schema', 'moneyhub', 'newTransaction']);
    expect(event.code).toBe(2);
    expect(event.stderr).toContain('"newTransaction" is not in the moneyhub catalogue. Did you mean "newTransactions"');
    expect(event.stderr).toContain('moneyhub event types (19):\n  addFirstConnection,');
    expect(event.stdout).toBe('');
    const provider = await runCli(['schema', 'atomik', 'task-status-updated']);
    expect(provider.code).toBe(2);
    expect(provider.stderr).toContain('Did you mean "atomic"?');
    const missing = await runCli(['schema', 'atelio']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('`finhooks schema` needs this:\n  <event>');
  });
});
