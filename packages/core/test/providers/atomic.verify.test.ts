import { describe, expect, it, vi } from 'vitest';
import { createWebhooks, handleRequest } from '../../src/index.js';
import { atomic } from '../../src/providers/atomic/index.js';
import { sampleBody } from '../../src/testing.js';
import { json, rawPost } from '../support/request.js';
import { expectedBodyId, expectedEntityId } from '../support/identity.js';
import { atomicSignature } from '../support/sign.js';

const SECRET = 'atomic-api-secret-1';
// Produced with: printf '%s' "$BODY" | openssl dgst -sha256 -hmac atomic-api-secret-1 [-binary | base64]
const OPENSSL_BODY =
  '{"eventType":"task-status-updated","eventTime":"2024-05-16T19:59:51.107Z","user":{"_id":"602c4d53dc89c40008db562a","identifier":"YOUR_UNIQUE_IDENTIFIER"},"data":{"status":"completed"}}';
const OPENSSL_HEX = '2bd4118c2b7f7c5d956a941e8f60f1f0e6531ff9b3cfb38d5246530e3846a8a2';
const OPENSSL_BASE64 = 'K9QRjCt/fF2VapQej2Dx8OZTH/mzz7ONUkZTDjhGqKI=';

describe('atomic: signature vectors from openssl', () => {
  const provider = atomic({ secret: SECRET });
  it.each([
    ['lower-case hex', OPENSSL_HEX],
    ['upper-case hex', OPENSSL_HEX.toUpperCase()],
    ['base64', OPENSSL_BASE64],
  ])('accepts the digest as %s', (_name, digest) => {
    expect(() => provider.verify(rawPost(OPENSSL_BODY, { 'x-hmac-signature-sha-256': digest }))).not.toThrow();
  });

  it('refuses the same digest over a body differing by one space', () => {
    const tampered = OPENSSL_BODY.replace('"data":', '"data": ');
    expect(() => provider.verify(rawPost(tampered, { 'x-hmac-signature-sha-256': OPENSSL_HEX }))).toThrow(
      expect.objectContaining({ status: 401, code: 'invalid_signature' }),
    );
  });

  it('refuses base64 when only hex is configured', () => {
    const hexOnly = atomic({ secret: SECRET, encodings: ['hex'] });
    expect(() => hexOnly.verify(rawPost(OPENSSL_BODY, { 'x-hmac-signature-sha-256': OPENSSL_BASE64 }))).toThrow(
      expect.objectContaining({ code: 'invalid_signature' }),
    );
  });
});

describe('atomic: the pipeline', () => {
  const body = JSON.stringify(sampleBody('atomic', 'task-status-updated'));
  const setup = (secrets: string | string[] = SECRET) => {
    const handler = vi.fn();
    const hooks = createWebhooks({ provider: atomic({ secrets }), on: { '*': handler } });
    return { hooks, handler };
  };

  it('routes a delivery signed with any of the configured secrets', async () => {
    const { hooks, handler } = setup(['old-secret-before-rotation', SECRET]);
    const response = await handleRequest(hooks, rawPost(body, { 'x-hmac-signature-sha-256': atomicSignature(body, SECRET) }));
    expect(response.status).toBe(200);
    expect(handler).toHaveBeenCalledOnce();
    expect(handler.mock.calls[0]![0]).toMatchObject({ provider: 'atomic', type: 'task-status-updated' });
  });

  it.each([
    ['missing', {}, 'missing_signature'],
    ['garbled', { 'x-hmac-signature-sha-256': 'not-a-digest!' }, 'invalid_signature'],
    ['wrong secret', { 'x-hmac-signature-sha-256': atomicSignature(body, 'another-secret') }, 'invalid_signature'],
    ['empty', { 'x-hmac-signature-sha-256': '' }, 'missing_signature'],
  ])('answers 401 for a %s signature and runs no handler', async (_name, headers, code) => {
    const { hooks, handler } = setup();
    const response = await handleRequest(hooks, rawPost(body, headers));
    expect(response.status).toBe(401);
    expect(json(response).error?.code).toBe(code);
    expect(handler).not.toHaveBeenCalled();
  });

  it('answers 401 for a tampered body and never echoes the secret', async () => {
    const { hooks, handler } = setup();
    const signature = atomicSignature(body, SECRET);
    const response = await handleRequest(hooks, rawPost(`${body.slice(0, -1)},"injected":true}`, { 'x-hmac-signature-sha-256': signature }));
    expect(response.status).toBe(401);
    expect(response.body).not.toContain(SECRET);
    expect(response.body).toContain('x-hmac-signature-sha-256');
    expect(handler).not.toHaveBeenCalled();
  });

  it('hints that a compact body may have been re-serialised', async () => {
    const { hooks } = setup();
    const pretty = JSON.stringify(JSON.parse(body), null, 2);
    const signedPretty = atomicSignature(pretty, SECRET);
    const response = await handleRequest(hooks, rawPost(body, { 'x-hmac-signature-sha-256': signedPretty }));
    expect(json(response).error?.message).toMatch(/re-serialised/);
  });

  it('ignores ce-id, which the signature does not cover: the same signed body under another ce-id, or none, is a duplicate', async () => {
    const { hooks, handler } = setup();
    const signature = { 'x-hmac-signature-sha-256': atomicSignature(body, SECRET) };
    expect(json(await handleRequest(hooks, rawPost(body, { ...signature, 'ce-id': 'delivery-1' })))).toEqual({ received: true });
    for (const ceId of [{ 'ce-id': 'delivery-1' }, { 'ce-id': 'delivery-2' }, {}] as Record<string, string>[]) {
      const again = await handleRequest(hooks, rawPost(body, { ...signature, ...ceId }));
      expect(json(again)).toEqual({ received: true, duplicate: true });
    }
    expect(handler).toHaveBeenCalledOnce();
  });

  it('identifies the event by eventType, its entity ids and eventTime from the signed body', async () => {
    const { hooks, handler } = setup();
    await handleRequest(hooks, rawPost(body, { 'x-hmac-signature-sha-256': atomicSignature(body, SECRET) }));
    const sent = JSON.parse(body);
    const ids = [sent.user._id, sent.task ?? null, sent.taskWorkflow ?? null, null, null, null, null, null];
    expect(handler.mock.calls[0]![0].id).toBe(expectedEntityId(sent.eventType, ids, sent.eventTime));
  });

  it('a second task event at the same eventTime, for another task, is not a duplicate', async () => {
    const { hooks, handler } = setup();
    const other = JSON.stringify({ ...JSON.parse(body), task: 'another-task' });
    for (const raw of [body, other]) {
      const response = await handleRequest(hooks, rawPost(raw, { 'x-hmac-signature-sha-256': atomicSignature(raw, SECRET) }));
      expect(json(response)).toEqual({ received: true });
    }
    expect(handler).toHaveBeenCalledTimes(2);
  });

  it('falls back to a digest of the signed body when it has no eventTime (a type outside the catalogue)', async () => {
    const { hooks, handler } = setup();
    const timeless = JSON.stringify({ eventType: 'some-future-event', user: { _id: 'u-1' }, data: {} });
    const headers = { 'x-hmac-signature-sha-256': atomicSignature(timeless, SECRET) };
    await handleRequest(hooks, rawPost(timeless, headers));
    expect(json(await handleRequest(hooks, rawPost(timeless, headers))).duplicate).toBe(true);
    expect(handler).toHaveBeenCalledOnce();
    expect(handler.mock.calls[0]![0].id).toBe(expectedBodyId(timeless));
  });

  it('answers 400 when ce-type disagrees with eventType', async () => {
    const { hooks, handler } = setup();
    const headers = { 'x-hmac-signature-sha-256': atomicSignature(body, SECRET), 'ce-type': 'com.atomicfi.employment-synced' };
    const response = await handleRequest(hooks, rawPost(body, headers));
    expect(response.status).toBe(400);
    expect(json(response).error?.code).toBe('event_type_mismatch');
    expect(handler).not.toHaveBeenCalled();
  });

  it('answers 400 for a signed body without eventType', async () => {
    const { hooks } = setup();
    const noType = JSON.stringify({ eventTime: '2024-01-01T00:00:00Z', data: {} });
    const response = await handleRequest(hooks, rawPost(noType, { 'x-hmac-signature-sha-256': atomicSignature(noType, SECRET) }));
    expect(response.status).toBe(400);
    expect(json(response).error?.code).toBe('missing_event_type');
  });

  it('refuses to start without a secret', () => {
    expect(() => atomic({ secrets: [] })).toThrow(/secret/);
    expect(() => atomic({ secret: '' })).toThrow(/secret/);
  });
});
