import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type MoneyhubEventType, moneyhubCatalog } from '../../src/providers/moneyhub/catalog.js';
import { moneyhubDocJwt, moneyhubDocSamples, moneyhubSamples } from '../../src/providers/moneyhub/samples.js';
import { eventTypeFromUrn, urnFromEventType } from '../../src/providers/moneyhub/urn.js';

const TYPES = Object.keys(moneyhubCatalog) as MoneyhubEventType[];

function isCatalogType(type: string): type is MoneyhubEventType {
  return Object.hasOwn(moneyhubCatalog, type);
}

function decodeSegment(segment: string): unknown {
  return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
}

describe('moneyhubCatalog', () => {
  it('has exactly the 14 documented and 5 third-party event types', () => {
    expect([...TYPES].sort()).toEqual([
      'addFirstConnection',
      'affordabilityReportFailure',
      'affordabilityReportSuccess',
      'balanceThreshold',
      'deletedAccount',
      'deletedTransactions',
      'newRegularTransactions',
      'newTransactions',
      'paymentCompleted',
      'paymentError',
      'paymentPending',
      'postConnectionEnrichmentComplete',
      'postConnectionEnrichmentCompleted',
      'reauthReminder',
      'refreshReminder',
      'restoredTransactions',
      'syncCompleted',
      'updatedRegularTransactions',
      'updatedTransactions',
    ]);
  });

  it.each(moneyhubDocSamples.map((s, i) => [`${i} ${s.type} (${s.source})`, s] as const))(
    'doc sample %s parses unchanged',
    (_, sample) => {
      expect(isCatalogType(sample.type)).toBe(true);
      const schema = moneyhubCatalog[sample.type as MoneyhubEventType];
      const result = schema.safeParse(sample.body);
      expect(result.error).toBeUndefined();
      expect(result.data).toEqual(sample.body);
      expect(sample.body.eventType).toBe(sample.type);
    },
  );

  it('has a doc sample for every documented type', () => {
    const documented = new Set(moneyhubDocSamples.map((s) => s.type));
    expect(documented.size).toBe(14);
  });

  it.each(TYPES)('sample of %s parses with its own schema and names its type', (type) => {
    const body = moneyhubSamples[type];
    expect(body.eventType).toBe(type);
    const result = moneyhubCatalog[type].safeParse(body);
    expect(result.error).toBeUndefined();
    expect(result.data).toEqual(body);
  });

  it('uses the first doc sample (same object) as the sample of a documented type', () => {
    for (const sample of moneyhubDocSamples) {
      const first = moneyhubDocSamples.find((s) => s.type === sample.type);
      expect(moneyhubSamples[sample.type as MoneyhubEventType]).toBe(first?.body);
    }
  });

  it('keeps unknown fields at every level', () => {
    const body = {
      id: 'a',
      eventType: 'balanceThreshold',
      userId: 'u',
      connectionId: 'top-level extra',
      payload: {
        accountUid: 'acc',
        accountName: 'Current',
        balanceAtTimeGeneration: { date: '2020-01-10', amount: -100.01, currency: 'EUR', kind: 'booked' },
        matchedThresholds: [{ type: 'lte', value: -10000, id: 'thr-1' }],
        newField: [1, 2],
      },
    };
    expect(moneyhubCatalog.balanceThreshold.parse(body)).toEqual(body);

    const tx = structuredClone(moneyhubSamples.newTransactions) as { payload: { accounts: Record<string, unknown>[] } };
    tx.payload.accounts[0]!.connectionId = 'c';
    expect(moneyhubCatalog.newTransactions.parse(tx)).toEqual(tx);

    const pending = { ...moneyhubSamples.paymentPending, payload: { ...(moneyhubSamples.paymentPending.payload as object), amount: 1 } };
    expect(moneyhubCatalog.paymentPending.parse(pending)).toEqual(pending);
  });

  it('parses a newTransactions event carrying 6000 transaction ids (the documented cap)', () => {
    const transactions = Array.from({ length: 6000 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    const body = { id: 'x', eventType: 'newTransactions', userId: 'u', payload: { accounts: [{ id: 'acc', transactions }] } };
    const parsed = moneyhubCatalog.newTransactions.parse(body);
    expect(parsed.payload.accounts[0]?.transactions).toHaveLength(6000);
  });

  it('accepts a body without userId (a JWT without sub)', () => {
    const { userId: _, ...body } = moneyhubSamples.deletedAccount;
    expect(moneyhubCatalog.deletedAccount.safeParse(body).success).toBe(true);
  });

  it('accepts the reauthReminder table spelling alongside the example one, and no tppConsent', () => {
    const body = {
      id: 'x',
      eventType: 'reauthReminder',
      payload: { connectionId: 'c', bankName: 'b', timeUntilReauthorizationInDays: 3, timeUntilReauthorization: 3 },
    };
    expect(moneyhubCatalog.reauthReminder.parse(body)).toEqual(body);
  });

  describe('rejects', () => {
    it('a transaction id that is not a string', () => {
      const body = structuredClone(moneyhubSamples.newTransactions) as { payload: { accounts: { transactions: unknown[] }[] } };
      body.payload.accounts[0]!.transactions.push(42);
      const result = moneyhubCatalog.newTransactions.safeParse(body);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.path).toEqual(['payload', 'accounts', 0, 'transactions', 2]);
    });

    it('an eventType that is not the schema type', () => {
      expect(moneyhubCatalog.updatedTransactions.safeParse(moneyhubSamples.newTransactions).success).toBe(false);
      expect(moneyhubCatalog.paymentError.safeParse(moneyhubSamples.paymentCompleted).success).toBe(false);
    });

    it('a missing payload', () => {
      const { payload: _, ...body } = moneyhubSamples.deletedAccount;
      expect(moneyhubCatalog.deletedAccount.safeParse(body).success).toBe(false);
      const { payload: __, ...third } = moneyhubSamples.syncCompleted;
      expect(moneyhubCatalog.syncCompleted.safeParse(third).success).toBe(false);
    });

    it('a missing id, a numeric threshold type, a string amount', () => {
      const { id: _, ...noId } = moneyhubSamples.paymentCompleted;
      expect(moneyhubCatalog.paymentCompleted.safeParse(noId).success).toBe(false);
      const threshold = structuredClone(moneyhubSamples.balanceThreshold) as {
        payload: { matchedThresholds: { type: unknown }[]; balanceAtTimeGeneration: { amount: unknown } };
      };
      threshold.payload.matchedThresholds[0]!.type = 1;
      expect(moneyhubCatalog.balanceThreshold.safeParse(threshold).success).toBe(false);
      threshold.payload.matchedThresholds[0]!.type = 'gt';
      threshold.payload.balanceAtTimeGeneration.amount = '50';
      expect(moneyhubCatalog.balanceThreshold.safeParse(threshold).success).toBe(false);
    });
  });

  it.each(TYPES)('converts %s to JSON Schema', (type) => {
    const json = z.toJSONSchema(moneyhubCatalog[type]) as {
      properties: Record<string, { const?: string }>;
      required: string[];
      additionalProperties: unknown;
    };
    expect(json.properties.eventType?.const).toBe(type);
    expect(json.required).toEqual(['id', 'eventType', 'payload']);
    expect(json.additionalProperties).toEqual({});
  });
});

describe('moneyhubDocJwt', () => {
  const [header, claims, signature] = moneyhubDocJwt.token.split('.');

  it('stores the header and claims the token decodes to', () => {
    expect(signature).toBeTruthy();
    expect(decodeSegment(header!)).toEqual(moneyhubDocJwt.header);
    expect(decodeSegment(claims!)).toEqual(moneyhubDocJwt.claims);
  });

  it('normalises to a valid paymentCompleted body, equal to the webhook-format doc sample', () => {
    const { jti, sub, events } = moneyhubDocJwt.claims;
    const [urn, payload] = Object.entries(events)[0]!;
    const eventType = eventTypeFromUrn(urn);
    expect(eventType).toBe('paymentCompleted');
    const body = { id: jti, eventType, userId: sub, payload };
    expect(moneyhubCatalog.paymentCompleted.parse(body)).toEqual(body);
    expect(moneyhubDocSamples.find((s) => s.source === moneyhubDocJwt.source)?.body).toEqual(body);
  });
});

describe('URN mapping', () => {
  it.each(TYPES)('round-trips %s', (type) => {
    const urn = urnFromEventType(type);
    expect(urn.startsWith('urn:com:moneyhub:events:')).toBe(true);
    expect(eventTypeFromUrn(urn)).toBe(type);
  });

  it('maps payment-rejected to paymentError and back', () => {
    expect(eventTypeFromUrn('urn:com:moneyhub:events:payment-rejected')).toBe('paymentError');
    expect(urnFromEventType('paymentError')).toBe('urn:com:moneyhub:events:payment-rejected');
    expect(urnFromEventType('paymentCompleted')).toBe('urn:com:moneyhub:events:payment-completed');
  });
});
