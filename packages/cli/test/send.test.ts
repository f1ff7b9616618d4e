import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { atelio, atomic } from '@finhooks/core';
import { sampleBody } from '@finhooks/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { DEV_ATELIO_SECRET, DEV_ATOMIC_SECRET } from '../src/dev-secrets.js';
import { runCli } from './support/cli.js';
import { closeReceivers, freePort, startReceiver } from './support/receiver.js';
import { useTempDir } from './support/temp-dir.js';

const SSN = '111223333';

const tmp = useTempDir('finhooks-cli-');
afterEach(closeReceivers);

describe('finhooks send: Atomic and Atelio', () => {
  it('delivers a signed Atomic sample the receiver verifies and handles (secret from the environment)', async () => {
    const receiver = await startReceiver(atomic({ secret: 'atomic-env-secret' }));
    const run = await runCli(['send', 'atomic', 'task-status-updated', '--url', receiver.url], {
      ATOMIC_API_SECRET: 'atomic-env-secret',
    });
    expect(run.code, run.all).toBe(0);
    expect(receiver.events.map((e) => [e.provider, e.type, e.known])).toEqual([
      ['atomic', 'task-status-updated', true],
    ]);
    expect(run.stdout).toMatch(/^200 OK in \d+ ms$/m);
    expect(run.stdout).toContain('{"received":true}');
    expect(run.stderr).toContain('Signed with $ATOMIC_API_SECRET.');
    expect(run.all).not.toContain('atomic-env-secret');
  });

  it('delivers a signed Atelio sample with --secret', async () => {
    const receiver = await startReceiver(atelio({ secret: 'whsec_cli_test_secret' }));
    const run = await runCli(['send', 'atelio', 'card.created', '--url', receiver.url, '--secret', 'whsec_cli_test_secret']);
    expect(run.code, run.all).toBe(0);
    expect(receiver.events.map((e) => e.type)).toEqual(['card.created']);
    expect(receiver.requests[0]?.headers['bond-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64},v2=[0-9a-f]{64}$/);
  });

  it('signs with the examples’ development secrets with --dev', async () => {
    const receiver = await startReceiver(atelio({ secret: DEV_ATELIO_SECRET }));
    const run = await runCli(['send', 'atelio', 'transactions', '--url', receiver.url, '--dev']);
    expect(run.code, run.all).toBe(0);
    expect(receiver.events.map((e) => e.type)).toEqual(['transactions']);
    expect(run.stderr).toContain('development secret (--dev)');
    expect(DEV_ATOMIC_SECRET).toBe('dev-atomic-secret');
    expect(DEV_ATELIO_SECRET).toBe('whsec_dev_atelio_secret');
  });

  it('prefers the environment over --dev', async () => {
    const receiver = await startReceiver(atomic({ secret: 'from-env-secret-0' }));
    const run = await runCli(['send', 'atomic', 'employment-synced', '--url', receiver.url, '--dev'], {
      ATOMIC_API_SECRET: 'from-env-secret-0',
    });
    expect(run.code, run.all).toBe(0);
    expect(receiver.events).toHaveLength(1);
  });

  it('--tamper: the receiver refuses with 401, the CLI exits 1 and says it was expected', async () => {
    const receiver = await startReceiver(atelio({ secret: DEV_ATELIO_SECRET }));
    const run = await runCli(['send', 'atelio', 'card.created', '--url', receiver.url, '--dev', '--tamper']);
    expect(run.code, run.all).toBe(1);
    expect(run.stdout).toMatch(/^401 Unauthorized in \d+ ms$/m);
    expect(run.stdout).toContain('invalid_signature');
    expect(run.stderr).toContain('--tamper changed the body');
    expect(run.stderr).toContain('error: The receiver refused the delivery (401 Unauthorized).');
    expect(receiver.events).toHaveLength(0);
  });

  it('a wrong secret is refused (401, exit 1)', async () => {
    const receiver = await startReceiver(atomic({ secret: 'the-right-one-secret' }));
    const run = await runCli([
      'send',
      'atomic',
      'task-status-updated',
      '--url',
      receiver.url,
      '--secret',
      'a-wrong-one',
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^401 /m);
    expect(run.all).not.toContain('a-wrong-one');
    expect(receiver.events).toHaveLength(0);
  });

  it('a handler failure (500) exits 1 with the response body printed', async () => {
    const receiver = await startReceiver(atelio({ secret: DEV_ATELIO_SECRET }), { failHandler: true });
    const run = await runCli(['send', 'atelio', 'card.created', '--url', receiver.url, '--dev']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^500 Internal Server Error in \d+ ms$/m);
    expect(run.stdout).toContain('handler_failed');
  });

  it('an unreachable receiver exits 1 and says why', async () => {
    const port = await freePort();
    const run = await runCli(['send', 'atelio', 'card.created', '--url', `http://127.0.0.1:${port}/hooks`, '--dev']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`error: Could not reach http://127.0.0.1:${port}/hooks: ECONNREFUSED.`);
  });

  it('--payload: the file is the body the receiver handles', async () => {
    const receiver = await startReceiver(atelio({ secret: DEV_ATELIO_SECRET }));
    const body = {
      event: 'card.created',
      occurred_at: '2024-05-01T10:00:00Z',
      card: {
        status: 'Active',
        card_account_id: '11111111-2222-3333-4444-555555555555',
        last_four: '4242',
        card_id: '66666666-7777-8888-9999-000000000000',
        customer_id: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
      },
      custom_field: 'kept',
    };
    const file = join(tmp.path, 'card.json');
    await writeFile(file, JSON.stringify(body));
    const run = await runCli(['send', 'atelio', 'card.created', '--url', receiver.url, '--dev', '--payload', file]);
    expect(run.code, run.all).toBe(0);
    expect(receiver.events).toHaveLength(1);
    expect(receiver.events[0]?.payload).toMatchObject(body);
    // Atelio's id: SHA-256 of the JSON array [event, [card_id], occurred_at] (core README, "Event identity").
    const components = JSON.stringify(['card.created', [body.card.card_id], body.occurred_at]);
    expect(receiver.events[0]?.id).toBe(`entity-sha256:${createHash('sha256').update(components).digest('hex')}`);
  });

  it('--payload that does not match the schema: warns (paths only), sends, and the receiver answers 400', async () => {
    const receiver = await startReceiver(atelio({ secret: DEV_ATELIO_SECRET }));
    const file = join(tmp.path, 'bad-transaction.json');
    const body = sampleBody('atelio', 'transactions') as { transaction: Record<string, unknown> };
    body.transaction.amount = 12.5;
    await writeFile(file, JSON.stringify(body));
    const run = await runCli(['send', 'atelio', 'transactions', '--url', receiver.url, '--dev', '--payload', file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'warning: The payload does not match the atelio "transactions" schema, so the receiver will answer 400: transaction.amount expected string.',
    );
    expect(run.stderr).not.toContain('12.5');
    expect(run.stdout).toMatch(/^400 /m);
  });

  it('--payload errors are usage errors (exit 2): missing file, not JSON, not an object, type disagreeing', async () => {
    const notJson = join(tmp.path, 'not.json');
    await writeFile(notJson, '{"ssn": "111223333",');
    const array = join(tmp.path, 'array.json');
    await writeFile(array, '[1, 2]');
    const other = join(tmp.path, 'other.json');
    await writeFile(other, JSON.stringify({ event: 'card.status.lost' }));
    const base = ['send', 'atelio', 'card.created', '--url', 'http://127.0.0.1:9/x', '--dev', '--payload'];

    const missing = await runCli([...base, join(tmp.path, 'nope.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such file');
    const invalid = await runCli([...base, notJson]);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain('is not valid JSON');
    expect(invalid.all).not.toContain(SSN);
    const notObject = await runCli([...base, array]);
    expect(notObject.code).toBe(2);
    expect(notObject.stderr).toContain('must hold a JSON object');
    const disagreeing = await runCli([...base, other]);
    expect(disagreeing.code).toBe(2);
    expect(disagreeing.stderr).toContain('"event" is "card.status.lost" but the event argument is "card.created"');
  });

  it('--header: extra headers reach the receiver; a malformed one is a usage error', async () => {
    const receiver = await startReceiver(atomic({ secret: DEV_ATOMIC_SECRET }));
    const run = await runCli([
      'send',
      'atomic',
      'task-status-updated',
      '--url',
      receiver.url,
      '--dev',
      '-H',
      'x-request-id: abc-123',
      '--header',
      'X-Tenant:acme',
    ]);
    expect(run.code, run.all).toBe(0);
    expect(receiver.requests[0]?.headers['x-request-id']).toBe('abc-123');
    expect(receiver.requests[0]?.headers['x-tenant']).toBe('acme');

    const bad = await runCli([
      'send',
      'atomic',
      'task-status-updated',
      '--url',
      receiver.url,
      '--dev',
      '-H',
      'Bearer sk_live_value',
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--header needs "name:value"');
    expect(bad.all).not.toContain('sk_live_value');
  });

  it('--repeat re-delivers the same signed request: handled once, the repeats answered as duplicates', async () => {
    const receiver = await startReceiver(atomic({ secret: DEV_ATOMIC_SECRET }));
    const run = await runCli([
      'send',
      'atomic',
      'task-status-updated',
      '--url',
      receiver.url,
      '--dev',
      '--repeat',
      '3',
    ]);
    expect(run.code, run.all).toBe(0);
    expect(run.stdout.match(/^\[\d\/3\] 200 OK in \d+ ms( duplicate: the receiver had already processed this event)?$/gm)).toHaveLength(3);
    expect(run.stdout.match(/ duplicate: the receiver had already processed this event$/gm)).toHaveLength(2);
    expect(run.stdout.match(/"duplicate":true/g)).toHaveLength(2);
    expect(receiver.events).toHaveLength(1);
    expect(receiver.requests).toHaveLength(3);
  });

  it('--allow-unknown sends a type the catalogue does not have; it reaches onAny as unknown', async () => {
    const receiver = await startReceiver(atelio({ secret: DEV_ATELIO_SECRET }));
    const refused = await runCli(['send', 'atelio', 'card.teleported', '--url', receiver.url, '--dev']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--allow-unknown');

    const run = await runCli(['send', 'atelio', 'card.teleported', '--url', receiver.url, '--dev', '--allow-unknown']);
    expect(run.code, run.all).toBe(0);
    expect(run.stdout).toContain('card.teleported (not in the catalogue)');
    expect(receiver.events.map((e) => [e.type, e.known])).toEqual([['card.teleported', false]]);
  });
});

describe('finhooks send: bad input exits 2 with a helpful message', () => {
  it('an unknown provider: suggests the closest and lists them', async () => {
    const run = await runCli(['send', 'atelo', 'card.created', '--url', 'http://127.0.0.1:9/x', '--dev']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'Unknown provider "atelo". Did you mean "atelio"? Providers: atomic, moneyhub, atelio.',
    );
  });

  it('an unknown event type: suggests the closest and lists the catalogue', async () => {
    const run = await runCli(['send', 'atelio', 'card.create', '--url', 'http://127.0.0.1:9/x', '--dev']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('"card.create" is not in the atelio catalogue. Did you mean "card.created"?');
    expect(run.stderr).toContain('atelio event types (58):\n  account.autopay.changed,');
  });

  it('no secret: says where one can come from, and never falls back silently', async () => {
    const atomicRun = await runCli(['send', 'atomic', 'task-status-updated', '--url', 'http://127.0.0.1:9/x']);
    expect(atomicRun.code).toBe(2);
    expect(atomicRun.stderr).toContain(
      'No atomic secret: pass --secret <secret>, set ATOMIC_API_SECRET, or pass --dev',
    );
    const atelioRun = await runCli(['send', 'atelio', 'card.created', '--url', 'http://127.0.0.1:9/x']);
    expect(atelioRun.code).toBe(2);
    expect(atelioRun.stderr).toContain('set ATELIO_WEBHOOK_SECRET');
  });

  it('missing --url, a bad URL, a bad --repeat, an unknown option', async () => {
    const noUrl = await runCli(['send', 'atelio', 'card.created', '--dev']);
    expect(noUrl.code).toBe(2);
    expect(noUrl.stderr).toMatch(/`finhooks send` needs this:\n {2}--url <url> {2}the receiver's URL\n/);
    const badUrl = await runCli(['send', 'atelio', 'card.created', '--dev', '--url', 'localhost:3000']);
    expect(badUrl.code).toBe(2);
    expect(badUrl.stderr).toMatch(/Cannot send to a localhost: URL|is not a URL/);
    const badRepeat = await runCli([
      'send',
      'atelio',
      'card.created',
      '--dev',
      '--url',
      'http://127.0.0.1:9/x',
      '--repeat',
      '0',
    ]);
    expect(badRepeat.code).toBe(2);
    expect(badRepeat.stderr).toContain('--repeat needs a positive whole number');
    const unknownOption = await runCli([
      'send',
      'atelio',
      'card.created',
      '--dev',
      '--url',
      'http://127.0.0.1:9/x',
      '--secert',
      'x',
    ]);
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.stderr).toContain("unknown option '--secert'");
  });

  it('options of another provider are refused, not ignored', async () => {
    const key = await runCli([
      'send',
      'atelio',
      'card.created',
      '--dev',
      '--url',
      'http://127.0.0.1:9/x',
      '--key',
      'k.json',
    ]);
    expect(key.code).toBe(2);
    expect(key.stderr).toContain('--key applies to moneyhub only, not atelio.');
    const secret = await runCli([
      'send',
      'moneyhub',
      'newTransactions',
      '--url',
      'http://127.0.0.1:9/x',
      '--secret',
      's3cr3t-value',
    ]);
    expect(secret.code).toBe(2);
    expect(secret.stderr).toContain('Moneyhub signs with a key, not a secret');
    expect(secret.all).not.toContain('s3cr3t-value');
  });
});

describe('finhooks send never prints the payload’s personal data unless asked', () => {
  it('identity-synced (the sample carries an SSN): not in the output by default, in it with --print-body', async () => {
    const receiver = await startReceiver(atomic({ secret: DEV_ATOMIC_SECRET }));
    const quiet = await runCli(['send', 'atomic', 'identity-synced', '--url', receiver.url, '--dev']);
    expect(quiet.code, quiet.all).toBe(0);
    expect(receiver.events).toHaveLength(1);
    expect(JSON.stringify(receiver.events[0]?.payload)).toContain(SSN);
    expect(quiet.all).not.toContain(SSN);

    const printed = await runCli([
      'send',
      'atomic',
      'identity-updated',
      '--url',
      receiver.url,
      '--dev',
      '--print-body',
    ]);
    expect(printed.code, printed.all).toBe(0);
    expect(printed.stdout).toContain(SSN);
  });

  it('--verbose prints the headers too, with credentials redacted', async () => {
    const receiver = await startReceiver(atomic({ secret: DEV_ATOMIC_SECRET }));
    const run = await runCli([
      'send',
      'atomic',
      'identity-synced',
      '--url',
      receiver.url,
      '--dev',
      '--verbose',
      '-H',
      'authorization: Bearer hidden-token',
    ]);
    expect(run.code, run.all).toBe(0);
    expect(run.stdout).toMatch(/^ {2}x-hmac-signature-sha-256: [0-9a-f]{64}$/m);
    expect(run.stdout).toContain('  authorization: [redacted]');
    expect(run.stdout).toContain(SSN);
    expect(run.all).not.toContain('hidden-token');
    expect(receiver.requests[0]?.headers.authorization).toBe('Bearer hidden-token');
  });
});
