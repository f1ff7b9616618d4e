import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { moneyhub } from '@finhooks/core';
import { afterEach, describe, expect, it } from 'vitest';
import { devMoneyhubKey } from '../src/dev-key.js';
import { loadMoneyhubKey } from '../src/moneyhub-keys.js';
import type { PublicJwks } from '../src/moneyhub-keys.js';
import { runCli, TEST_DEV_KEY_FILE as devKeyFile } from './support/cli.js';
import { closeReceivers, freePort, startReceiver } from './support/receiver.js';
import { useTempDir } from './support/temp-dir.js';

const tmp = useTempDir('finhooks-cli-moneyhub-');
afterEach(closeReceivers);

/** The development key the CLI created in its test cache (same kid on every run). */
const devMoneyhubKeyFor = (file: string) => loadMoneyhubKey(file);

describe('finhooks send moneyhub', () => {
  it('--serve-jwks: the receiver verifies through real OIDC discovery of the CLI’s issuer', async () => {
    const port = await freePort();
    const issuer = `http://127.0.0.1:${port}`;
    const receiver = await startReceiver(moneyhub({ issuer, allowAnyAudience: true }));
    const run = await runCli([
      'send',
      'moneyhub',
      'newTransactions',
      '--url',
      receiver.url,
      '--serve-jwks',
      String(port),
    ]);
    expect(run.code, run.all).toBe(0);
    expect(run.stdout).toMatch(/^200 OK in \d+ ms$/m);
    expect(run.stderr).toContain(
      `The receiver fetched the discovery document (${issuer}/oidc/.well-known/openid-configuration).`,
    );
    expect(run.stderr).toContain(`The receiver fetched the JWKS (${issuer}/oidc/certs).`);
    expect(receiver.requests[0]?.headers['content-type']).toBe('application/jwt');
    expect(receiver.events).toHaveLength(1);
    expect(receiver.events[0]).toMatchObject({ provider: 'moneyhub', type: 'newTransactions', known: true });
    expect(receiver.events[0]?.payload).toMatchObject({
      eventType: 'newTransactions',
      userId: '5c79210bbac25ecb5e71ac40',
    });
  });

  it('--serve-jwks --dev --audience: aud is signed and checked; the dev key keeps the kid across runs', async () => {
    const port = await freePort();
    const receiver = await startReceiver(moneyhub({ issuer: `http://127.0.0.1:${port}`, audience: 'client-123' }));
    const serve = ['--serve-jwks', String(port), '--dev'];
    const wrong = await runCli([
      'send',
      'moneyhub',
      'paymentCompleted',
      '--url',
      receiver.url,
      ...serve,
      '--audience',
      'client-999',
    ]);
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toMatch(/^401 /m);
    expect(wrong.stdout).toContain('JWT claim \\"aud\\" is not valid');
    const right = await runCli([
      'send',
      'moneyhub',
      'paymentCompleted',
      '--url',
      receiver.url,
      ...serve,
      '--audience',
      'client-123',
    ]);
    expect(right.code, right.all).toBe(0);
    const { kid } = await devMoneyhubKeyFor(devKeyFile);
    expect(right.stderr).toContain(`Signed with the development key "${kid}" (--dev).`);
    expect(receiver.events.map((e) => e.type)).toEqual(['paymentCompleted']);
  });

  it('one-off keys under --serve-jwks: a receiver that cached the first run’s keys refuses the next, and the CLI says why', async () => {
    const port = await freePort();
    const receiver = await startReceiver(moneyhub({ issuer: `http://127.0.0.1:${port}`, allowAnyAudience: true }));
    const first = await runCli([
      'send',
      'moneyhub',
      'newTransactions',
      '--url',
      receiver.url,
      '--serve-jwks',
      String(port),
    ]);
    expect(first.code, first.all).toBe(0);
    expect(first.stderr).toContain('Receivers cache key sets: pass --dev or --key <file>');
    const second = await runCli([
      'send',
      'moneyhub',
      'updatedTransactions',
      '--url',
      receiver.url,
      '--serve-jwks',
      String(port),
    ]);
    expect(second.code).toBe(1);
    expect(second.stdout).toContain(`No moneyhub signing key matches the JWT's \\"kid\\".`);
    expect(second.stderr).toContain('keeps them cached: pass --dev or --key <file>');
  });

  it('--dev without discovery: a receiver trusting the development key (cached per machine) verifies it', async () => {
    process.env.FINHOOKS_DEV_KEY = devKeyFile;
    const { jwks } = await devMoneyhubKey();
    const receiver = await startReceiver(moneyhub({ jwks: jwks as never, allowAnyAudience: true }));
    const run = await runCli(['send', 'moneyhub', 'reauthReminder', '--url', receiver.url, '--dev']);
    expect(run.code, run.all).toBe(0);
    expect(run.stderr).toContain(`kept in ${devKeyFile}`);
    expect(run.stderr).toContain(JSON.stringify(jwks));
    expect(receiver.events.map((e) => e.type)).toEqual(['reauthReminder']);
  });

  it('--tamper on a JWT: 401, exit 1', async () => {
    const port = await freePort();
    const receiver = await startReceiver(moneyhub({ issuer: `http://127.0.0.1:${port}`, allowAnyAudience: true }));
    const run = await runCli([
      'send',
      'moneyhub',
      'newTransactions',
      '--url',
      receiver.url,
      '--serve-jwks',
      String(port),
      '--tamper',
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^401 Unauthorized/m);
    expect(receiver.events).toHaveLength(0);
  });

  it('keys moneyhub + --key: the receiver trusts the printed JWKS', async () => {
    const file = join(tmp.path, 'key.json');
    const keys = await runCli(['keys', 'moneyhub', file, '--kid', 'cli-test-key']);
    expect(keys.code, keys.all).toBe(0);
    const jwks = JSON.parse(keys.stdout) as PublicJwks;
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', kid: 'cli-test-key', alg: 'RS256', use: 'sig' });
    expect(jwks.keys[0]).not.toHaveProperty('d');
    const saved = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    expect(saved).toMatchObject({ kty: 'RSA', kid: 'cli-test-key' });
    expect(typeof saved.d).toBe('string');
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);

    const receiver = await startReceiver(moneyhub({ jwks, allowAnyAudience: true }));
    const run = await runCli(['send', 'moneyhub', 'syncCompleted', '--url', receiver.url, '--key', file]);
    expect(run.code, run.all).toBe(0);
    expect(run.stderr).toContain('Signed with key "cli-test-key" (iss https://identity.moneyhub.co.uk).');
    expect(receiver.events.map((e) => e.type)).toEqual(['syncCompleted']);

    const again = await runCli(['keys', 'moneyhub', file]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists: pass --force');
  });

  it('--key with a public key or a missing file is a usage error', async () => {
    const file = join(tmp.path, 'for-public.json');
    const keys = await runCli(['keys', 'moneyhub', file]);
    expect(keys.code).toBe(0);
    const publicFile = join(tmp.path, 'public.json');
    await import('node:fs/promises').then((fs) => fs.writeFile(publicFile, keys.stdout));
    const run = await runCli([
      'send',
      'moneyhub',
      'syncCompleted',
      '--url',
      'http://127.0.0.1:9/x',
      '--key',
      publicFile,
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('is not a private JWK');
    const missing = await runCli([
      'send',
      'moneyhub',
      'syncCompleted',
      '--url',
      'http://127.0.0.1:9/x',
      '--key',
      join(tmp.path, 'none.json'),
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Cannot read the key file');
  });

  it('without a key: signs with a one-off key and prints the JWKS that makes a receiver trust it', async () => {
    const receiver = await startReceiver(moneyhub({ jwks: { keys: [] }, allowAnyAudience: true }));
    const run = await runCli(['send', 'moneyhub', 'newTransactions', '--url', receiver.url]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^401 /m);
    const printed = /moneyhub\(\{ jwks: (\{.*\}), allowAnyAudience: true \}\)/.exec(run.stderr);
    expect(printed, run.stderr).not.toBeNull();
    const jwks = JSON.parse(printed![1]!) as { keys: Array<{ kid: string; kty: string; d?: string }> };
    expect(jwks.keys[0]?.kty).toBe('RSA');
    expect(jwks.keys[0]?.d).toBeUndefined();
    expect(run.stderr).toContain('The receiver does not know the one-off key');
  });

  it('--format json: the unsigned JSON envelope, accepted by a receiver that allows it', async () => {
    const receiver = await startReceiver(moneyhub({ format: 'json', allowUnsigned: true }));
    const run = await runCli(['send', 'moneyhub', 'balanceThreshold', '--url', receiver.url, '--format', 'json']);
    expect(run.code, run.all).toBe(0);
    expect(receiver.requests[0]?.headers['content-type']).toBe('application/json');
    expect(receiver.events.map((e) => e.type)).toEqual(['balanceThreshold']);
    expect(run.stderr).toContain('unsigned');

    const bad = await runCli(['send', 'moneyhub', 'balanceThreshold', '--url', receiver.url, '--format', 'xml']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Allowed choices are jwt, json');
  });

  it('--serve-jwks on a port in use, or with another provider, is a usage error', async () => {
    const receiver = await startReceiver(moneyhub({ format: 'json', allowUnsigned: true }));
    const busy = Number(new URL(receiver.url).port);
    const run = await runCli([
      'send',
      'moneyhub',
      'newTransactions',
      '--url',
      receiver.url,
      '--serve-jwks',
      String(busy),
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`Cannot serve the JWKS on port ${busy}: it is already in use.`);
    const other = await runCli([
      'send',
      'atelio',
      'card.created',
      '--dev',
      '--url',
      receiver.url,
      '--serve-jwks',
      '4000',
    ]);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('--serve-jwks applies to moneyhub only');
    const badPort = await runCli([
      'send',
      'moneyhub',
      'newTransactions',
      '--url',
      receiver.url,
      '--serve-jwks',
      'http',
    ]);
    expect(badPort.code).toBe(2);
    expect(badPort.stderr).toContain('is not a port');
  });
});
