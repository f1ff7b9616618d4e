/**
 * End-to-end suite for the runnable examples: starts the real example app as a child process on a
 * free port (its own `src/server.ts`, configured by environment variables like in production),
 * serves a Moneyhub OIDC discovery document and JWKS the app discovers, and sends real signed
 * deliveries of every provider, good and bad.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { atelio, atomic, moneyhub } from '@finhooks/core';
import { createMoneyhubTestKeys, createTestRequest } from '@finhooks/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshEventTime, send } from './index.js';

/** `entity-sha256:` + SHA-256 of the JSON array of an event's identity components. */
const entityId = (components: unknown[]) => `entity-sha256:${createHash('sha256').update(JSON.stringify(components)).digest('hex')}`;

export interface ExampleSuiteOptions {
  readonly name: string;
  /** The example's directory (its package root). */
  readonly cwd: string;
  /** Entry point, relative to `cwd`. Default `src/server.ts`, run with tsx. */
  readonly entry?: string;
}

const SECRETS = { atomic: 'e2e-atomic-secret', atelio: 'whsec_e2e_atelio_secret' };

/** A discovery document and JWKS on a free port: what Moneyhub's identity server serves. */
async function serveMoneyhubKeys() {
  const keys = await createMoneyhubTestKeys();
  const server = createServer((req, res) => {
    const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    if (req.url === '/oidc/.well-known/openid-configuration') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ issuer, jwks_uri: `${issuer}/oidc/certs` }));
    } else if (req.url === '/oidc/certs') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(keys.jwks));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { keys, issuer, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Starts the example and resolves with its URL once it prints "listening on <url>". */
function startExample(cwd: string, entry: string, env: Record<string, string>): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The example did not start within 30 s. Output:\n${output}`)), 30_000);
    const onData = () => {
      const match = /listening on (http:\/\/[^\s]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        resolve({ child, url: match[1]!.replace(/\/$/, ''), output: () => output });
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`The example exited with ${code}. Output:\n${output}`)));
  });
}

/** Waits until the app's output contains `text` (handlers log asynchronously to the HTTP answer). */
async function waitForOutput(output: () => string, text: string): Promise<void> {
  for (let i = 0; i < 50 && !output().includes(text); i++) await new Promise((r) => setTimeout(r, 20));
}

export function runExampleSuite(options: ExampleSuiteOptions): void {
  describe(`${options.name}: end to end`, () => {
    let moneyhubKeys: Awaited<ReturnType<typeof serveMoneyhubKeys>>;
    let app: Awaited<ReturnType<typeof startExample>>;
    const providers = {
      atomic: atomic({ secret: SECRETS.atomic }),
      atelio: atelio({ secret: SECRETS.atelio }),
    };

    beforeAll(async () => {
      moneyhubKeys = await serveMoneyhubKeys();
      app = await startExample(options.cwd, options.entry ?? 'src/server.ts', {
        PORT: '0',
        NODE_ENV: 'production',
        ATOMIC_API_SECRET: SECRETS.atomic,
        ATELIO_WEBHOOK_SECRET: SECRETS.atelio,
        MONEYHUB_ISSUER: moneyhubKeys.issuer,
      });
    });
    afterAll(async () => {
      app?.child.kill('SIGTERM');
      await moneyhubKeys?.close();
    });

    const signMoneyhub = (type: string, overrides: Record<string, unknown> = {}) =>
      createTestRequest(moneyhub({ issuer: moneyhubKeys.issuer, jwks: moneyhubKeys.keys.jwks }), type, overrides, {
        privateKey: moneyhubKeys.keys.privateKey,
        kid: moneyhubKeys.keys.kid,
      });

    it('routes a verified event of every provider to its typed handler', async () => {
      const atomicReq = await createTestRequest(providers.atomic, 'task-status-updated', { eventTime: freshEventTime() });
      const atelioReq = await createTestRequest(providers.atelio, 'transactions', { occurred_at: '2030-01-01T00:00:00.000001+00:00' });
      // The ids by the documented rule (core README, "Event identity"), computed here with node:crypto.
      const sent = (req: { body: string }) => JSON.parse(req.body);
      const atomicSent = sent(atomicReq);
      const atomicIds = [atomicSent.user._id, atomicSent.task, atomicSent.taskWorkflow, null, null, null, null, null];
      const atomicId = entityId(['task-status-updated', atomicIds, atomicSent.eventTime]);
      const atelioId = entityId(['transactions', [sent(atelioReq).transaction.transaction_id], '2030-01-01T00:00:00.000001+00:00']);
      const moneyhubReq = await signMoneyhub('newTransactions', { id: '9f1c7a52-0000-4000-8000-00000000e2e1' });
      const answers = await Promise.all([
        send(`${app.url}/webhooks/atomic`, atomicReq),
        send(`${app.url}/webhooks/atelio`, atelioReq),
        send(`${app.url}/webhooks/moneyhub`, moneyhubReq),
      ]);
      expect(answers.map((a) => a.status), answers.map((a) => a.body).join('\n')).toEqual([200, 200, 200]);
      await waitForOutput(app.output, '[moneyhub] newTransactions');
      expect(app.output()).toContain(`[atomic] task-status-updated id=${atomicId}`);
      expect(app.output()).toContain(`[atelio] transactions id=${atelioId}`);
      expect(app.output()).toContain('[moneyhub] newTransactions id=id:9f1c7a52-0000-4000-8000-00000000e2e1');
    });

    it('never prints personal fields of the payloads', async () => {
      const req = await createTestRequest(providers.atomic, 'identity-synced', { eventTime: freshEventTime() });
      expect((await send(`${app.url}/webhooks/atomic`, req)).status).toBe(200);
      expect(app.output()).not.toContain('111223333');
      expect(app.output()).not.toContain('1122330000');
    });

    it('refuses bad deliveries with the documented statuses', async () => {
      const good = await createTestRequest(providers.atelio, 'card.created', { occurred_at: 'e2e-bad-inputs' });
      const wrongSecret = await createTestRequest(atelio({ secret: 'whsec_not_the_secret' }), 'card.created');
      const stranger = await createMoneyhubTestKeys();
      const foreignJwt = await createTestRequest(moneyhub({ issuer: moneyhubKeys.issuer, jwks: stranger.jwks }), 'paymentCompleted', {}, {
        privateKey: stranger.privateKey,
        kid: moneyhubKeys.keys.kid,
      });
      const cases: Array<[string, string, Parameters<typeof send>[1], number]> = [
        ['tampered', 'atelio', { ...good, body: good.body.replace('"card"', '"card" ') }, 401],
        ['wrong secret', 'atelio', wrongSecret, 401],
        ['unsigned', 'atomic', { headers: { 'content-type': 'application/json' }, body: good.body }, 401],
        ['JWT signed by another key', 'moneyhub', foreignJwt, 401],
        ['wrong content type', 'atelio', { ...good, headers: { ...good.headers, 'content-type': 'text/plain' } }, 415],
        ['GET', 'atelio', { method: 'GET' }, 405],
      ];
      for (const [name, provider, init, status] of cases) {
        const response = await send(`${app.url}/webhooks/${provider}`, init);
        expect(response.status, `${name}: ${response.body}`).toBe(status);
      }
    });

    it('de-duplicates a redelivery and accepts an unknown event type', async () => {
      const req = await createTestRequest(providers.atelio, 'card.status.active', { occurred_at: 'e2e-duplicate' });
      expect((await send(`${app.url}/webhooks/atelio`, req)).status).toBe(200);
      const again = await send(`${app.url}/webhooks/atelio`, req);
      expect(JSON.parse(again.body)).toEqual({ received: true, duplicate: true });
      await waitForOutput(app.output, 'card.status.active');
      const id = entityId(['card.status.active', [JSON.parse(req.body).card.card_id], 'e2e-duplicate']);
      expect(app.output().split(id).length - 1).toBe(1);

      const unknown = await createTestRequest(providers.atelio, 'card.status.frozen', { event: 'card.status.frozen' });
      expect((await send(`${app.url}/webhooks/atelio`, unknown)).status).toBe(200);
    });
  });
}
