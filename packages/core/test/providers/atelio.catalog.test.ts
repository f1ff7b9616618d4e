import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type AtelioEventType, atelioCatalog } from '../../src/providers/atelio/catalog.js';
import { atelio } from '../../src/providers/atelio/index.js';
import { atelioDocSamples, atelioSamples } from '../../src/providers/atelio/samples.js';

/** Every type Atelio documents, sorted: adding or losing one must be a deliberate change. */
const EXPECTED_TYPES = [
  'account.autopay.changed',
  'account.autopay.failed',
  'account.autopay.processed',
  'account.autopay.scheduled',
  'account.history.ready',
  'account.statement.ready',
  'account.statements.generated',
  'account.statements.late_payment',
  'account.statements.ready',
  'card.created',
  'card.status.active',
  'card.status.closed',
  'card.status.fraud',
  'card.status.inactive',
  'card.status.lost',
  'card.status.no_withdrawals',
  'card.status.reissue',
  'card.status.stolen',
  'card.wallet.add',
  'card.wallet.add_failure',
  'commercial.credit_application.approved',
  'commercial.credit_application.created',
  'commercial.credit_application.denied',
  'commercial.credit_application.pending',
  'commercial.credit_application.resubmit_required',
  'commercial.credit_application.submitted',
  'commercial.credit_application.under_review',
  'credit.application.adverse_action',
  'credit.application.approved',
  'credit.application.created',
  'credit.application.resubmit_required',
  'credit.application.submitted',
  'customer.updated',
  'develop.api_key.created',
  'fraud_operations.close.failed',
  'fraud_operations.close.initiated',
  'fraud_operations.close.success',
  'fraud_operations.freeze.failed',
  'fraud_operations.freeze.initiated',
  'fraud_operations.freeze.success',
  'fraud_operations.unfreeze.failed',
  'fraud_operations.unfreeze.initiated',
  'fraud_operations.unfreeze.success',
  'kyb.verification.approved',
  'kyb.verification.error',
  'kyb.verification.initiated',
  'kyb.verification.rejected',
  'kyb.verification.warning',
  'kyc.verification.document_required',
  'kyc.verification.documents_required',
  'kyc.verification.error',
  'kyc.verification.failure',
  'kyc.verification.reenter_information',
  'kyc.verification.success',
  'kyc.verification.timeout',
  'kyc.verification.under_review',
  'portal.data_export',
  'transactions',
];

/** Types whose `atelioSamples` body is not a documented one as is (see samples.ts). */
const CONSTRUCTED_SAMPLE_TYPES = [
  'account.autopay.changed',
  'account.autopay.failed',
  'account.autopay.processed',
  'account.autopay.scheduled',
  'account.history.ready',
  'account.statement.ready',
  'account.statements.generated',
  'account.statements.late_payment',
  'card.status.lost',
  'card.status.no_withdrawals',
  'card.status.stolen',
  'card.wallet.add',
  'card.wallet.add_failure',
  'commercial.credit_application.approved',
  'commercial.credit_application.created',
  'commercial.credit_application.denied',
  'commercial.credit_application.pending',
  'commercial.credit_application.resubmit_required',
  'commercial.credit_application.submitted',
  'commercial.credit_application.under_review',
  'fraud_operations.close.failed',
  'fraud_operations.close.initiated',
  'fraud_operations.unfreeze.failed',
  'fraud_operations.unfreeze.initiated',
  'fraud_operations.unfreeze.success',
  'kyb.verification.initiated',
  'kyc.verification.reenter_information',
];

const TYPES = Object.keys(atelioCatalog) as AtelioEventType[];

function schemaOf(type: string): z.ZodType {
  if (!Object.hasOwn(atelioCatalog, type)) throw new Error(`"${type}" is not in the Atelio catalogue`);
  return atelioCatalog[type as AtelioEventType];
}

const clone = <T>(value: T): T => structuredClone(value);
const docSample = (type: string) => {
  const found = atelioDocSamples.find((sample) => sample.type === type);
  if (!found) throw new Error(`no doc sample for ${type}`);
  return clone(found.body) as Record<string, any>;
};

describe('atelio catalogue: event types', () => {
  it('lists exactly the documented event types', () => {
    expect([...TYPES].sort()).toEqual(EXPECTED_TYPES);
  });

  it('gives every schema the `event` literal of its own type', () => {
    for (const type of TYPES) {
      expect(schemaOf(type).safeParse({ ...atelioSamples[type], event: `${type}.other` }).success, type).toBe(false);
    }
  });
});

describe('atelio catalogue: documented samples', () => {
  it('captures every documented sample (74) and only catalogue types', () => {
    expect(atelioDocSamples).toHaveLength(74);
    for (const sample of atelioDocSamples) expect(TYPES, sample.source).toContain(sample.type);
  });

  it('labels each sample with its own event, except the event-less late_payment sample', () => {
    for (const sample of atelioDocSamples) {
      if (sample.type === 'account.statements.late_payment') expect(sample.body).not.toHaveProperty('event');
      else expect(sample.body.event, `${sample.type} from ${sample.source}`).toBe(sample.type);
    }
  });

  it.each(atelioDocSamples.map((sample, index) => [index, sample.type, sample.source, sample] as const))(
    '#%i %s (%s) parses and keeps every value',
    (_index, type, _source, sample) => {
      // JSON-safe: what Atelio would send is exactly this object.
      expect(JSON.parse(JSON.stringify(sample.body))).toStrictEqual(sample.body);
      const result = schemaOf(type).safeParse(clone(sample.body));
      expect(result.error).toBeUndefined();
      expect(result.data).toStrictEqual(sample.body);
    },
  );
});

describe('atelio catalogue: one sample per type', () => {
  it('has a sample for exactly the catalogue types', () => {
    expect(Object.keys(atelioSamples).sort()).toEqual(EXPECTED_TYPES);
  });

  it.each(TYPES)('%s: parses with its own schema, carries its event and a timestamp', (type) => {
    const body = atelioSamples[type];
    expect(body.event).toBe(type);
    const timestamp = type === 'credit.application.adverse_action' ? body.sent_time : body.occurred_at;
    expect(typeof timestamp).toBe('string');
    const result = schemaOf(type).safeParse(clone(body));
    expect(result.error).toBeUndefined();
    expect(result.data).toStrictEqual(body);
  });

  it('reuses the first documented body where it is usable, and constructs the rest', () => {
    const constructed = TYPES.filter((type) => {
      const first = atelioDocSamples.find((sample) => sample.type === type);
      return first?.body !== atelioSamples[type];
    });
    expect(constructed.sort()).toEqual(CONSTRUCTED_SAMPLE_TYPES);
  });

  it('routes every sample as its own known type with a stable id of its own', () => {
    const provider = atelio({ secret: 'whsec_catalog_test_secret' });
    const ids = new Set<string>();
    for (const type of TYPES) {
      const rawBody = Buffer.from(JSON.stringify(atelioSamples[type]));
      const identity = provider.identify(atelioSamples[type], { method: 'POST', headers: {}, rawBody });
      expect(identity.type).toBe(type);
      expect(identity.id).toMatch(/^(entity|body)-sha256:[0-9a-f]{64}$/);
      expect(provider.identify(structuredClone(atelioSamples[type]), { method: 'POST', headers: {}, rawBody }).id).toBe(identity.id);
      ids.add(identity.id);
    }
    expect(ids.size).toBe(TYPES.length);
  });
});

describe('atelio catalogue: leniency', () => {
  it('keeps unknown fields, at the top level and nested', () => {
    const body: Record<string, any> = { ...docSample('card.created'), added_later: { nested: [1, 2] } };
    body.card.new_card_field = 'x';
    body.occurred_at = '2021-02-02-00:50:58.484840+00:00'; // malformed ISO, as documented
    const parsed = atelioCatalog['card.created'].parse(clone(body));
    expect(parsed).toStrictEqual(body);
    expect((parsed as Record<string, unknown>).added_later).toEqual({ nested: [1, 2] });
  });

  it('keeps enums open: new card statuses and transaction states pass', () => {
    const card = docSample('card.status.active');
    card.card.status = 'Suspended';
    expect(atelioCatalog['card.status.active'].safeParse(card).success).toBe(true);
    const tx = docSample('transactions');
    tx.transaction.state = 'Reversed';
    tx.transaction.payment_type = 'rtp';
    expect(atelioCatalog.transactions.parse(tx).transaction.state).toBe('Reversed');
  });

  it('accepts the documented late_payment body without `event`, but no other event', () => {
    const body = docSample('account.statements.late_payment');
    expect(atelioCatalog['account.statements.late_payment'].safeParse(body).success).toBe(true);
    expect(
      atelioCatalog['account.statements.late_payment'].safeParse({ ...body, event: 'account.statements.ready' }).success,
    ).toBe(false);
  });
});

describe('atelio catalogue: what must fail', () => {
  const fails = (type: AtelioEventType, body: unknown) => expect(schemaOf(type).safeParse(body).success).toBe(false);

  it('refuses a transaction amount sent as a number', () => {
    const body = docSample('transactions');
    body.transaction.amount = 10.01;
    fails('transactions', body);
  });

  it('refuses an event literal that does not match the schema', () => {
    fails('card.created', { ...docSample('card.created'), event: 'card.status.active' });
    fails('kyc.verification.document_required', docSample('kyc.verification.documents_required'));
  });

  it('refuses missing required fields', () => {
    const card = docSample('card.created');
    delete card.card.last_four;
    fails('card.created', card);
    const tx = docSample('transactions');
    delete tx.transaction.details;
    fails('transactions', tx);
    const { occurred_at: _, ...kyc } = docSample('kyc.verification.success');
    fails('kyc.verification.success', kyc);
    const { sent_time: __, ...adverse } = docSample('credit.application.adverse_action');
    fails('credit.application.adverse_action', adverse);
  });

  it('refuses integers sent as strings and strings sent as numbers', () => {
    fails('account.autopay.failed', { ...docSample('account.autopay.failed'), amount_in_cents: '10000' });
    fails('account.autopay.failed', { ...docSample('account.autopay.failed'), amount_in_cents: 100.5 });
    const statement = docSample('account.statements.ready');
    statement.details.fees = 0;
    fails('account.statements.ready', statement);
  });

  it('refuses null where the docs never show null', () => {
    const card = docSample('card.created');
    card.card.card_id = null;
    fails('card.created', card);
  });
});

describe('atelio catalogue: JSON Schema', () => {
  it.each(TYPES)('%s converts with z.toJSONSchema', (type) => {
    const json = z.toJSONSchema(schemaOf(type)) as { type?: string; properties?: Record<string, unknown> };
    expect(json.type).toBe('object');
    expect(json.properties).toHaveProperty('event');
  });
});
