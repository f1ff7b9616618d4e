/**
 * `finhooks send` of a documented sample is a new event each time (its own id/time field refreshed),
 * unless the identity is pinned (`--id`, `--keep-ids`, `--payload`); a duplicate answer is said so.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { atelio, atomic, moneyhub } from '@finhooks/core';
import { sampleBody } from '@finhooks/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { buildDelivery } from '../src/delivery.js';
import { DEV_ATELIO_SECRET, DEV_ATOMIC_SECRET } from '../src/dev-secrets.js';
import { runCli } from './support/cli.js';
import { closeReceivers, startReceiver } from './support/receiver.js';
import { useTempDir } from './support/temp-dir.js';

const tmp = useTempDir('finhooks-cli-identity-');
afterEach(closeReceivers);

const DUPLICATE_LINE = /^200 OK in \d+ ms duplicate: the receiver had already processed this event$/m;

describe('finhooks send: every send of a sample is a new event', () => {
  it.each([
    ['atelio', 'card.created', () => atelio({ secret: DEV_ATELIO_SECRET }), [] as string[], /^A new event: occurred_at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00 /m],
    ['atomic', 'task-status-updated', () => atomic({ secret: DEV_ATOMIC_SECRET }), [], /^A new event: eventTime \d{4}-\d\d-\d\dT[\d:.]+Z /m],
    ['moneyhub', 'paymentCompleted', () => moneyhub({ format: 'json', allowUnsigned: true }), ['--format', 'json'], /^A new event: id [0-9a-f-]{36} /m],
  ] as const)('%s %s sent twice: handled twice, neither answered duplicate', async (provider, type, make, extra, announced) => {
    const receiver = await startReceiver(make());
    const args = ['send', provider, type, '--url', receiver.url, '--dev', ...extra];
    const first = await runCli(args);
    const second = await runCli(args);
    for (const run of [first, second]) {
      expect(run.code, run.all).toBe(0);
      expect(run.stdout).toMatch(/^200 OK in \d+ ms$/m);
      expect(run.stdout).not.toContain('duplicate');
      expect(run.stderr).toMatch(announced);
    }
    expect(receiver.events.map((event) => event.type)).toEqual([type, type]);
    expect(new Set(receiver.events.map((event) => event.id)).size).toBe(2);
  });

  it('the refreshed field is the only change: the rest of the sample is sent as documented', async () => {
    const delivery = await buildDelivery({ provider: 'atelio', event: 'transactions', secret: 'whsec_x' });
    const sent = JSON.parse(delivery.body) as Record<string, unknown>;
    const { occurred_at: fresh, ...rest } = sent;
    const { occurred_at: documented, ...sample } = sampleBody('atelio', 'transactions')!;
    expect(rest).toEqual(sample);
    expect(fresh).not.toBe(documented);
    expect(delivery.identity).toEqual({ source: 'fresh', fields: { occurred_at: fresh } });
    // The one documented sample stamped with sent_time keeps that field.
    const adverse = await buildDelivery({ provider: 'atelio', event: 'credit.application.adverse_action', secret: 'whsec_x' });
    expect(Object.keys(adverse.identity.fields)).toEqual(['sent_time']);
    expect(JSON.parse(adverse.body)).not.toHaveProperty('occurred_at');
  });

  it('--keep-ids: the documented values, so the second send is answered duplicate, and the CLI says so', async () => {
    const receiver = await startReceiver(atelio({ secret: DEV_ATELIO_SECRET }));
    const args = ['send', 'atelio', 'card.created', '--url', receiver.url, '--dev', '--keep-ids'];
    const first = await runCli(args);
    expect(first.code, first.all).toBe(0);
    expect(first.stdout).not.toContain('duplicate');
    const second = await runCli(args);
    expect(second.code, second.all).toBe(0);
    expect(second.stdout).toMatch(DUPLICATE_LINE);
    expect(second.stderr).toContain('The receiver answered "duplicate"');
    expect(second.stderr).toContain('drop --keep-ids');
    expect(receiver.events).toHaveLength(1);
  });

  it('--id pins a Moneyhub event: the same id twice is a duplicate, another id a new event', async () => {
    const receiver = await startReceiver(moneyhub({ format: 'json', allowUnsigned: true }));
    const send = (id: string) =>
      runCli(['send', 'moneyhub', 'paymentCompleted', '--url', receiver.url, '--format', 'json', '--id', id]);
    expect((await send('evt-1')).stdout).not.toContain('duplicate');
    const again = await send('evt-1');
    expect(again.stdout).toMatch(DUPLICATE_LINE);
    expect(again.stderr).toContain('drop --id, or give another');
    expect((await send('evt-2')).stdout).not.toContain('duplicate');
    expect(receiver.events.map((event) => (event.payload as { id: string }).id)).toEqual(['evt-1', 'evt-2']);
  });

  it('--id with Atomic or Atelio (no event id in their bodies), or with --keep-ids, is a usage error', async () => {
    for (const args of [
      ['send', 'atelio', 'card.created', '--url', 'http://127.0.0.1:9/x', '--dev', '--id', 'x'],
      ['send', 'atomic', 'task-status-updated', '--url', 'http://127.0.0.1:9/x', '--dev', '--id', 'x'],
      ['send', 'moneyhub', 'paymentCompleted', '--url', 'http://127.0.0.1:9/x', '--format', 'json', '--id', 'x', '--keep-ids'],
    ]) {
      const run = await runCli(args);
      expect(run.code, run.all).toBe(2);
      expect(run.stderr).toMatch(/carry no event id|give one/);
    }
  });

  it('--payload is sent as is: the same file twice is the same event', async () => {
    const receiver = await startReceiver(atelio({ secret: DEV_ATELIO_SECRET }));
    const file = join(tmp.path, 'card.json');
    await writeFile(file, JSON.stringify({ ...sampleBody('atelio', 'card.created'), occurred_at: '2024-05-01T10:00:00.000000+00:00' }));
    const args = ['send', 'atelio', 'card.created', '--url', receiver.url, '--dev', '--payload', file];
    expect((await runCli(args)).stdout).not.toContain('duplicate');
    const again = await runCli(args);
    expect(again.stdout).toMatch(DUPLICATE_LINE);
    expect(again.stderr).toContain(`change the payload's "occurred_at"`);
    expect(receiver.events).toHaveLength(1);
  });
});
