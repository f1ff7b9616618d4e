import { describe, expect, it, vi } from 'vitest';
import { createWebhooks, handleRequest } from '../../src/index.js';
import { atelio } from '../../src/providers/atelio/index.js';
import { sampleBody } from '../../src/testing.js';
import { json, rawPost } from '../support/request.js';
import { expectedBodyId, expectedEntityId } from '../support/identity.js';
import { atelioSignatureHeader } from '../support/sign.js';

const SECRET = 'whsec_XqTEJtniwuEhp0A1c1cTJNsmpR/qgOfB';
// Produced with: printf '1700000000.%s' "$BODY" | openssl dgst -sha256 -hmac "$SECRET"
const OPENSSL_BODY = '{"event":"card.created","occurred_at":"2023-11-14T22:13:20+00:00","card":{"card_id":"c-1","status":"Active","last_four":"4242"}}';
const OPENSSL_V2 = 'e1cc213a25c383d23aed25420c2386d45079db034615a2cf620e1ba0c72a03e7';
const now = () => Math.floor(Date.now() / 1000);

describe('atelio: Bond-Signature v2 vectors from openssl', () => {
  // The vector is from 2023: widen the window so only the digest is under test.
  const provider = atelio({ secret: SECRET, tolerance: now() - 1_700_000_000 + 60 });

  it('accepts the openssl digest with the secret used as is, whsec_ prefix included', () => {
    const header = `t=1700000000,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd,v2=${OPENSSL_V2}`;
    expect(() => provider.verify(rawPost(OPENSSL_BODY, { 'bond-signature': header }))).not.toThrow();
  });

  it('accepts several v2 entries and spaces after commas', () => {
    const header = `t=1700000000, v2=${'ab'.repeat(32)}, v2=${OPENSSL_V2}`;
    expect(() => provider.verify(rawPost(OPENSSL_BODY, { 'bond-signature': header }))).not.toThrow();
  });

  it('refuses the digest under another timestamp (t is signed)', () => {
    const header = `t=1700000001,v2=${OPENSSL_V2}`;
    expect(() => provider.verify(rawPost(OPENSSL_BODY, { 'bond-signature': header }))).toThrow(
      expect.objectContaining({ code: 'invalid_signature' }),
    );
  });
});

describe('atelio: the pipeline', () => {
  const body = JSON.stringify(sampleBody('atelio', 'transactions'));
  const setup = (options: { secrets?: string[]; tolerance?: number } = {}) => {
    const handler = vi.fn();
    const hooks = createWebhooks({
      provider: atelio({ secrets: options.secrets ?? [SECRET], tolerance: options.tolerance }),
      on: { '*': handler },
    });
    return { hooks, handler };
  };

  it('routes a delivery signed with any configured subscription secret', async () => {
    const { hooks, handler } = setup({ secrets: ['whsec_other_subscription', SECRET] });
    const response = await handleRequest(hooks, rawPost(body, { 'bond-signature': atelioSignatureHeader(body, SECRET) }));
    expect(response.status).toBe(200);
    expect(json(response)).toEqual({ received: true });
    expect(handler).toHaveBeenCalledOnce();
    const event = handler.mock.calls[0]![0];
    expect(event.type).toBe('transactions');
    const sent = JSON.parse(body);
    expect(event.id).toBe(expectedEntityId('transactions', [sent.transaction.transaction_id], sent.occurred_at));
  });

  it.each([
    ['missing header', {}, 'missing_signature'],
    ['garbled header', { 'bond-signature': 'garbage' }, 'invalid_signature'],
    ['v1 only', { 'bond-signature': `t=${now()},v1=${'a'.repeat(64)}` }, 'invalid_signature'],
    ['no timestamp', { 'bond-signature': `v2=${'a'.repeat(64)}` }, 'invalid_signature'],
    ['non-numeric timestamp', { 'bond-signature': `t=soon,v2=${'a'.repeat(64)}` }, 'invalid_signature'],
    ['short digest', { 'bond-signature': `t=${now()},v2=abc123` }, 'invalid_signature'],
  ])('answers 401 for a %s and runs no handler', async (_name, headers, code) => {
    const { hooks, handler } = setup();
    const response = await handleRequest(hooks, rawPost(body, headers));
    expect(response.status).toBe(401);
    expect(json(response).error?.code).toBe(code);
    expect(handler).not.toHaveBeenCalled();
  });

  it('answers 401 for a wrong secret and a tampered body', async () => {
    const { hooks, handler } = setup();
    const wrong = await handleRequest(hooks, rawPost(body, { 'bond-signature': atelioSignatureHeader(body, 'whsec_wrong') }));
    const tampered = await handleRequest(
      hooks,
      rawPost(body.replace('"event"', ' "event"'), { 'bond-signature': atelioSignatureHeader(body, SECRET) }),
    );
    expect([wrong.status, tampered.status]).toEqual([401, 401]);
    expect(wrong.body).not.toContain(SECRET);
    expect(handler).not.toHaveBeenCalled();
  });

  it.each([
    ['stale', -301],
    ['future', 301],
  ])('answers 401 for a %s timestamp outside the default 300 s', async (_name, offset) => {
    const { hooks, handler } = setup();
    const header = atelioSignatureHeader(body, SECRET, now() + offset);
    const response = await handleRequest(hooks, rawPost(body, { 'bond-signature': header }));
    expect(response.status).toBe(401);
    expect(json(response).error?.code).toBe('timestamp_out_of_range');
    expect(handler).not.toHaveBeenCalled();
  });

  it('accepts an older timestamp within a configured tolerance', async () => {
    const { hooks, handler } = setup({ tolerance: 3600 });
    const header = atelioSignatureHeader(body, SECRET, now() - 1800);
    expect((await handleRequest(hooks, rawPost(body, { 'bond-signature': header }))).status).toBe(200);
    expect(handler).toHaveBeenCalledOnce();
  });

  it('de-duplicates redeliveries on event, transaction id and occurred_at, even with a fresh signature', async () => {
    const { hooks, handler } = setup();
    await handleRequest(hooks, rawPost(body, { 'bond-signature': atelioSignatureHeader(body, SECRET, now() - 10) }));
    const retry = await handleRequest(hooks, rawPost(body, { 'bond-signature': atelioSignatureHeader(body, SECRET) }));
    expect(json(retry)).toEqual({ received: true, duplicate: true });
    expect(handler).toHaveBeenCalledOnce();
  });

  it('two transactions, or two new cards, at the same occurred_at are two events (issue 15)', async () => {
    const { hooks, handler } = setup();
    const sample = JSON.parse(body);
    const card = { event: 'card.created', occurred_at: sample.occurred_at, card: { status: 'Active', card_account_id: 'a-1', last_four: '4242', customer_id: 'c-1' } };
    const bodies = [
      JSON.stringify({ ...sample, transaction: { ...sample.transaction, transaction_id: 'tx-1' } }),
      JSON.stringify({ ...sample, transaction: { ...sample.transaction, transaction_id: 'tx-2' } }),
      JSON.stringify({ ...card, card: { ...card.card, card_id: 'card-1' } }),
      JSON.stringify({ ...card, card: { ...card.card, card_id: 'card-2' } }),
    ];
    for (const raw of bodies) {
      expect(json(await handleRequest(hooks, rawPost(raw, { 'bond-signature': atelioSignatureHeader(raw, SECRET) })))).toEqual({ received: true });
    }
    expect(handler).toHaveBeenCalledTimes(4);
  });

  it('routes a body without "event" as an unknown event to catch-all handlers', async () => {
    const lateHandler = vi.fn();
    const anyHandler = vi.fn();
    const hooks = createWebhooks({ provider: atelio({ secret: SECRET }) });
    hooks.onEvent('account.statements.late_payment', lateHandler);
    hooks.onAny(anyHandler);
    const untyped = JSON.stringify({ customer_id: 'c', amount_overdue: 1200, statement_start_date: '2024-01-01' });
    const response = await handleRequest(hooks, rawPost(untyped, { 'bond-signature': atelioSignatureHeader(untyped, SECRET) }));
    expect(response.status).toBe(200);
    expect(lateHandler).not.toHaveBeenCalled();
    expect(anyHandler).toHaveBeenCalledOnce();
    expect(anyHandler.mock.calls[0]![0]).toMatchObject({ type: 'unknown', known: false, payload: JSON.parse(untyped) });
    expect(anyHandler.mock.calls[0]![0].id).toBe(expectedBodyId(untyped));
  });
});
