import fc from 'fast-check';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JSONWebKeySet } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { atelio, atomic, createWebhooks, handleRequest, memoryStore, moneyhub, type WebhookEvent } from '../src/index.js';
import { sampleBody } from '../src/testing.js';
import { json, rawPost } from './support/request.js';
import { atelioSignatureHeader, atomicSignature } from './support/sign.js';

/**
 * Event identity, by property: through the real pipeline with real signatures (written with
 * node:crypto and jose, not finhooks' signers), distinct events never share a de-duplication id
 * and a redelivery of one event always does (or is refused), whatever the provider varies between
 * deliveries: Atelio's signed `t` and the body's whitespace, Atomic's unsigned `ce-id`, the text
 * around a Moneyhub token.
 */

const now = () => Math.floor(Date.now() / 1000);
/** Identifier-like values, separators included: a `:`, `"`, `,` or `]` must not shift a boundary. */
const idValue = fc.string({ minLength: 1, maxLength: 12, unit: fc.constantFrom('a', 'b', ':', '"', ',', ']', '[', '\\', 'é', '1') });
const timeValue = fc.string({ minLength: 1, maxLength: 12, unit: fc.constantFrom('2', '0', '-', ':', 'T', '.', '+', 'Z') });

function recordingHooks<P extends Parameters<typeof createWebhooks>[0]['provider']>(provider: P) {
  const events: WebhookEvent[] = [];
  const hooks = createWebhooks({ provider, on: {} });
  hooks.onAny((event) => void events.push(event as WebhookEvent));
  return { hooks, events };
}

// ---- Atelio -------------------------------------------------------------------------------------

const ATELIO_SECRET = 'whsec_identity_property_secret';

/** An Atelio event family: types and how a body carries its entity ids. */
interface AtelioFamily {
  readonly types: readonly string[];
  readonly arity: number;
  readonly body: (type: string, ids: readonly string[], time: string) => Record<string, unknown>;
}

const ATELIO_FAMILIES: readonly AtelioFamily[] = [
  {
    types: ['transactions'],
    arity: 1,
    body: (type, [id], time) => ({
      ...sampleBody('atelio', 'transactions'),
      event: type,
      occurred_at: time,
      transaction: { ...(sampleBody('atelio', 'transactions')!.transaction as object), transaction_id: id },
    }),
  },
  {
    types: ['card.created', 'card.status.active', 'card.status.closed'],
    arity: 1,
    body: (type, [id], time) => {
      const sample = sampleBody('atelio', type)!;
      return { ...sample, event: type, occurred_at: time, card: { ...(sample.card as object), card_id: id } };
    },
  },
  {
    types: ['kyc.verification.success', 'kyc.verification.failure'],
    arity: 1,
    body: (type, [id], time) => ({ event: type, customer_id: id, occurred_at: time }),
  },
  {
    types: ['fraud_operations.freeze.initiated', 'fraud_operations.freeze.success'],
    arity: 2,
    body: (type, [operation, customer], time) => {
      const sample = sampleBody('atelio', type)!;
      return { ...sample, event: type, occurred_at: time, details: { ...(sample.details as object), customer_id: customer, operation_id: operation } };
    },
  },
  {
    types: ['credit.application.adverse_action'],
    arity: 1,
    body: (type, [id], time) => {
      const sample = sampleBody('atelio', 'credit.application.adverse_action')!;
      const details = structuredClone(sample.details) as { data: { application_id: string } };
      details.data.application_id = id!;
      return { ...sample, event: type, sent_time: time, details };
    },
  },
];

const atelioEvent = fc
  .constantFrom(...ATELIO_FAMILIES)
  .chain((family) =>
    fc.record({
      type: fc.constantFrom(...family.types),
      ids: fc.array(idValue, { minLength: family.arity, maxLength: family.arity }),
      time: timeValue,
      family: fc.constant(family),
    }),
  )
  .map(({ family, type, ids, time }) => ({ components: JSON.stringify([type, ids, time]), body: family.body(type, ids, time) }));

const atelioPost = (raw: string, t = now()) => rawPost(raw, { 'bond-signature': atelioSignatureHeader(raw, ATELIO_SECRET, t) });

describe('identity by property: Atelio', () => {
  it('distinct events (type, entity ids, occurred_at) are all processed, even at the same instant', async () => {
    await fc.assert(
      fc.asyncProperty(atelioEvent, atelioEvent, async (a, b) => {
        fc.pre(a.components !== b.components);
        const { hooks, events } = recordingHooks(atelio({ secret: ATELIO_SECRET }));
        for (const event of [a, b]) {
          const response = await handleRequest(hooks, atelioPost(JSON.stringify(event.body)));
          expect(json(response)).toEqual({ received: true });
        }
        expect(events).toHaveLength(2);
        expect(events[0]!.id).not.toBe(events[1]!.id);
      }),
      { numRuns: 150 },
    );
  });

  it('separators cannot shift a boundary: components that join to the same text are distinct events', async () => {
    // One text cut in two places: the card id and occurred_at of event a and of event b join, with
    // any separator, to the same string.
    const cuts = fc
      .tuple(fc.string({ minLength: 2, maxLength: 16, unit: fc.constantFrom('a', ':', '"', ',', '\\', '2') }), fc.nat(), fc.nat())
      .map(([text, i, j]) => [text, 1 + (i % (text.length - 1)), 1 + (j % (text.length - 1))] as const)
      .filter(([, i, j]) => i !== j);
    await fc.assert(
      fc.asyncProperty(cuts, async ([text, i, j]) => {
        const { hooks, events } = recordingHooks(atelio({ secret: ATELIO_SECRET }));
        for (const cut of [i, j]) {
          const body = ATELIO_FAMILIES[1]!.body('card.created', [text.slice(0, cut)], text.slice(cut));
          expect(json(await handleRequest(hooks, atelioPost(JSON.stringify(body))))).toEqual({ received: true });
        }
        expect(events).toHaveLength(2);
      }),
      { numRuns: 100 },
    );
  });

  it('a redelivery, re-signed with a new t and even re-serialised, is a duplicate', async () => {
    await fc.assert(
      fc.asyncProperty(
        atelioEvent,
        fc.integer({ min: 1, max: 250 }),
        fc.constantFrom(0, 2, '\t'),
        async (event, age, indent) => {
          const { hooks, events } = recordingHooks(atelio({ secret: ATELIO_SECRET }));
          const first = JSON.stringify(event.body);
          expect(json(await handleRequest(hooks, atelioPost(first, now() - age)))).toEqual({ received: true });
          const retry = JSON.stringify(event.body, null, indent);
          expect(json(await handleRequest(hooks, atelioPost(retry)))).toEqual({ received: true, duplicate: true });
          expect(events).toHaveLength(1);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('families without entity ids: a byte-identical redelivery is a duplicate, different content is not', async () => {
    const sample = sampleBody('atelio', 'portal.data_export')!;
    const exportBody = (start: string) => ({ ...sample, details: { ...(sample.details as object), start_date: start } });
    await fc.assert(
      fc.asyncProperty(idValue, idValue, async (startA, startB) => {
        fc.pre(startA !== startB);
        const { hooks, events } = recordingHooks(atelio({ secret: ATELIO_SECRET }));
        const a = JSON.stringify(exportBody(startA));
        const b = JSON.stringify(exportBody(startB));
        expect(json(await handleRequest(hooks, atelioPost(a, now() - 5)))).toEqual({ received: true });
        expect(json(await handleRequest(hooks, atelioPost(a)))).toEqual({ received: true, duplicate: true });
        expect(json(await handleRequest(hooks, atelioPost(b)))).toEqual({ received: true });
        expect(events).toHaveLength(2);
      }),
      { numRuns: 50 },
    );
  });
});

// ---- Atomic -------------------------------------------------------------------------------------

const ATOMIC_SECRET = 'atomic-identity-property-secret';

const atomicEvent = fc
  .record({
    type: fc.constantFrom('task-status-updated', 'task-status-patched', 'task-authentication-status-updated'),
    user: idValue,
    task: idValue,
    time: timeValue,
  })
  .map(({ type, user, task, time }) => ({
    components: JSON.stringify([type, user, task, time]),
    body: {
      ...sampleBody('atomic', type),
      eventType: type,
      eventTime: time,
      user: { _id: user, identifier: 'YOUR_UNIQUE_IDENTIFIER' },
      task,
    },
  }));

const ceHeaders = fc.option(fc.record({ 'ce-id': fc.string({ maxLength: 20 }).filter((v) => v.trim() === v && v.length > 0) }), {
  nil: undefined,
});

const atomicPost = (raw: string, extra: Record<string, string> = {}) =>
  rawPost(raw, { 'x-hmac-signature-sha-256': atomicSignature(raw, ATOMIC_SECRET), ...extra });

describe('identity by property: Atomic', () => {
  it('one signed delivery runs once, whatever ce-id (unsigned) it is re-sent with', async () => {
    await fc.assert(
      fc.asyncProperty(atomicEvent, ceHeaders, fc.array(ceHeaders, { minLength: 1, maxLength: 4 }), async (event, first, replays) => {
        const { hooks, events } = recordingHooks(atomic({ secret: ATOMIC_SECRET }));
        const raw = JSON.stringify(event.body);
        expect(json(await handleRequest(hooks, atomicPost(raw, first)))).toEqual({ received: true });
        for (const headers of replays) {
          expect(json(await handleRequest(hooks, atomicPost(raw, headers)))).toEqual({ received: true, duplicate: true });
        }
        expect(events).toHaveLength(1);
      }),
      { numRuns: 100 },
    );
  });

  it('distinct events (type, user, task, eventTime) are all processed, even under the same ce-id', async () => {
    await fc.assert(
      fc.asyncProperty(atomicEvent, atomicEvent, async (a, b) => {
        fc.pre(a.components !== b.components);
        const { hooks, events } = recordingHooks(atomic({ secret: ATOMIC_SECRET }));
        for (const event of [a, b]) {
          const response = await handleRequest(hooks, atomicPost(JSON.stringify(event.body), { 'ce-id': 'same' }));
          expect(json(response)).toEqual({ received: true });
        }
        expect(events[0]!.id).not.toBe(events[1]!.id);
      }),
      { numRuns: 150 },
    );
  });
});

// ---- Moneyhub -----------------------------------------------------------------------------------

const ISSUER = 'https://identity.example.test';
const URN = 'urn:com:moneyhub:events:payment-completed';
let privateKey: CryptoKey;
let jwks: JSONWebKeySet;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256', { extractable: true });
  privateKey = pair.privateKey;
  jwks = { keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' }] };
});

/** A token without `jti`, minted by jose. */
function tokenWithoutJti(paymentId: string, iat = now()): Promise<string> {
  return new SignJWT({
    events: { [URN]: { paymentId, status: 'completed', paymentSubmissionId: 's-1', submittedAt: '2020-10-01T10:06:21.000Z' } },
  })
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .setIssuer(ISSUER)
    .setSubject('5c79210bbac25ecb5e71ac40')
    .setIssuedAt(iat)
    .sign(privateKey);
}

/** Ways to re-send the same token: the text around it, or its signature re-encoded in standard base64. */
const VARIANTS: Readonly<Record<string, (token: string) => string>> = {
  'trailing newline': (t) => `${t}\n`,
  'trailing CRLF': (t) => `${t}\r\n`,
  'leading space': (t) => ` ${t}`,
  'leading tab and trailing spaces': (t) => `\t${t}  `,
  'standard base64 signature': (t) => t.replaceAll('-', '+').replaceAll('_', '/'),
  'padded standard base64 signature': (t) => {
    const [header, payload, signature] = t.split('.');
    const padded = Buffer.from(signature!, 'base64url').toString('base64');
    return `${header}.${payload}.${padded}`;
  },
  'unchanged': (t) => t,
};

const jwtPost = (body: string) => rawPost(body, { 'content-type': 'application/jwt' });

describe('identity by property: Moneyhub JWT without jti', () => {
  it('a token re-sent in any textual variant is a duplicate or refused, never a new event', async () => {
    await fc.assert(
      fc.asyncProperty(
        idValue,
        fc.array(fc.constantFrom(...Object.keys(VARIANTS)), { minLength: 1, maxLength: 4 }),
        async (paymentId, variants) => {
          const { hooks, events } = recordingHooks(moneyhub({ issuer: ISSUER, jwks, allowAnyAudience: true }));
          const token = await tokenWithoutJti(paymentId);
          expect(json(await handleRequest(hooks, jwtPost(token)))).toEqual({ received: true });
          for (const variant of variants) {
            const response = await handleRequest(hooks, jwtPost(VARIANTS[variant]!(token)));
            if (response.status !== 401) expect(json(response)).toEqual({ received: true, duplicate: true });
          }
          expect(events).toHaveLength(1);
          expect(events[0]!.id).toMatch(/^claims-sha256:[0-9a-f]{64}$/);
          expect((events[0]!.payload as { id: string }).id).toBe(events[0]!.id);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('distinct claims are distinct events', async () => {
    await fc.assert(
      fc.asyncProperty(idValue, idValue, fc.integer({ min: 0, max: 60 }), async (a, b, age) => {
        fc.pre(a !== b);
        const { hooks, events } = recordingHooks(moneyhub({ issuer: ISSUER, jwks, allowAnyAudience: true }));
        const iat = now() - age;
        for (const token of [await tokenWithoutJti(a, iat), await tokenWithoutJti(b, iat)]) {
          expect(json(await handleRequest(hooks, jwtPost(token)))).toEqual({ received: true });
        }
        expect(events[0]!.id).not.toBe(events[1]!.id);
      }),
      { numRuns: 30 },
    );
  });

  it('a JSON body whose id looks like a derived one is still known by its own id, not confused with a token', async () => {
    const token = await tokenWithoutJti('p-1');
    const store = memoryStore();
    const jwtHooks = createWebhooks({ provider: moneyhub({ issuer: ISSUER, jwks, allowAnyAudience: true }), store, name: 'shared' });
    const jsonHooks = createWebhooks({ provider: moneyhub({ format: 'json', allowUnsigned: true }), store, name: 'shared' });
    const events: WebhookEvent[] = [];
    jwtHooks.onAny((event) => void events.push(event as WebhookEvent));
    jsonHooks.onAny((event) => void events.push(event as WebhookEvent));
    expect(json(await handleRequest(jwtHooks, jwtPost(token)))).toEqual({ received: true });
    const lookalike = JSON.stringify({ id: events[0]!.id, eventType: 'paymentCompleted', payload: (events[0]!.payload as { payload: unknown }).payload });
    expect(json(await handleRequest(jsonHooks, rawPost(lookalike)))).toEqual({ received: true });
    expect(events.map((event) => event.id)).toEqual([events[0]!.id, `id:${events[0]!.id}`]);
  });
});
