/** The programmatic API (what the demo script uses), in process, against real receivers. */
import { readFileSync } from 'node:fs';
import { atelio, atomic, createWebhooks, handleRequest, moneyhub } from '@finhooks/core';
import { afterEach, describe, expect, it } from 'vitest';
import {
  buildDelivery,
  bufferIo,
  DEV_SECRETS,
  eventTypes,
  generateMoneyhubKey,
  runCli,
  sendEvent,
  tamperBody,
  UsageError,
} from '../src/index.js';
import { didYouMean } from '../src/suggest.js';
import { closeReceivers, freePort, startReceiver } from './support/receiver.js';

afterEach(closeReceivers);

describe('sendEvent', () => {
  it('returns { status, ms, body } of a delivery the receiver accepted', async () => {
    const receiver = await startReceiver(atomic({ secret: DEV_SECRETS.atomic }));
    const result = await sendEvent({
      provider: 'atomic',
      event: 'income-synced',
      url: receiver.url,
      dev: true,
      env: {},
    });
    expect(result.status).toBe(200);
    expect(result.ok).toBe(true);
    expect(result.ms).toBeGreaterThanOrEqual(0);
    expect(JSON.parse(result.body)).toEqual({ received: true });
    expect(receiver.events.map((e) => e.type)).toEqual(['income-synced']);
  });

  it('serves discovery for Moneyhub while the request is in flight, then stops', async () => {
    const port = await freePort();
    const receiver = await startReceiver(moneyhub({ issuer: `http://127.0.0.1:${port}`, allowAnyAudience: true }));
    const fetched: string[] = [];
    const result = await sendEvent({
      provider: 'moneyhub',
      event: 'paymentError',
      url: receiver.url,
      serveJwks: port,
      onJwksFetch: (what) => fetched.push(what),
    });
    expect(result.status).toBe(200);
    expect(fetched).toEqual(['discovery', 'jwks']);
    expect(receiver.events.map((e) => e.type)).toEqual(['paymentError']);
    await expect(fetch(`http://127.0.0.1:${port}/oidc/certs`)).rejects.toThrow();
  });

  it('refuses to sign without a secret', async () => {
    await expect(
      sendEvent({ provider: 'atelio', event: 'card.created', url: 'http://127.0.0.1:9/', env: {} }),
    ).rejects.toThrow(UsageError);
  });
});

describe('buildDelivery', () => {
  it('produces exactly what core’s pipeline accepts, and --tamper what it refuses', async () => {
    const hooks = createWebhooks({ provider: atelio({ secret: 'whsec_build_secret' }) });
    const good = await buildDelivery({ provider: 'atelio', event: 'kyc.verification.success', secret: 'whsec_build_secret' });
    const request = { method: 'POST', headers: good.headers, rawBody: Buffer.from(good.body) };
    expect((await handleRequest(hooks, request)).status).toBe(200);

    const bad = await buildDelivery({
      provider: 'atelio',
      event: 'kyc.verification.failure',
      secret: 'whsec_build_secret',
      tamper: true,
    });
    expect(bad.tampered).toBe(true);
    const refused = await handleRequest(hooks, {
      method: 'POST',
      headers: bad.headers,
      rawBody: Buffer.from(bad.body),
    });
    expect(refused.status).toBe(401);
  });

  it('signs Moneyhub JWTs with a given key and issuer', async () => {
    const key = await generateMoneyhubKey('given');
    const issuer = 'https://identity-dev.moneyhub.co.uk';
    const delivery = await buildDelivery({ provider: 'moneyhub', event: 'deletedAccount', key, issuer });
    expect(delivery.moneyhub).toMatchObject({ format: 'jwt', kid: 'given', issuer, keySource: 'key' });
    const hooks = createWebhooks({ provider: moneyhub({ issuer, jwks: key.jwks, allowAnyAudience: true }) });
    const response = await handleRequest(hooks, {
      method: 'POST',
      headers: delivery.headers,
      rawBody: Buffer.from(delivery.body),
    });
    expect(response.status).toBe(200);
  });
});

describe('helpers', () => {
  it('tamperBody changes exactly one character and keeps JSON parseable', () => {
    const body = JSON.stringify({ event: 'card.created', amount: '10.01' });
    const tampered = tamperBody(body);
    expect(tampered).toHaveLength(body.length);
    expect([...tampered].filter((c, i) => c !== body[i])).toHaveLength(1);
    expect(() => JSON.parse(tampered)).not.toThrow();
  });

  it('didYouMean finds typos and prefixes', () => {
    expect(didYouMean('atelo', ['atomic', 'moneyhub', 'atelio'])).toEqual(['atelio']);
    expect(didYouMean('card.create', eventTypes('atelio'))[0]).toBe('card.created');
    expect(didYouMean('fraud_operations.freeze', eventTypes('atelio'))).toHaveLength(3);
    expect(didYouMean('zzzzzzzz', eventTypes('atelio'))).toEqual([]);
  });

  it("suggest.ts is @finhooks/core's, word for word (a copy, not an export of core)", () => {
    const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
    const core = read('../../core/src/suggest.ts');
    expect(read('../src/suggest.ts').endsWith(core)).toBe(true);
  });

  it('runCli in process: captured output and exit codes', async () => {
    const io = bufferIo();
    expect(await runCli(['events', 'atomic'], io)).toBe(0);
    expect(io.stdout().trimEnd().split('\n')).toHaveLength(27);
    const failing = bufferIo();
    expect(await runCli(['schema', 'atomic', 'nope'], failing)).toBe(2);
    expect(failing.stderr()).toContain('"nope" is not in the atomic catalogue.');
  });
});
