import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type AtomicEventType, atomicCatalog } from '../../src/providers/atomic/catalog.js';
import { atomicDocSamples, atomicSamples } from '../../src/providers/atomic/samples.js';
import { atomicEnvelope } from '../../src/providers/atomic/schemas/envelope.js';
import { ATOMIC_FAILURE_REASONS } from '../../src/providers/atomic/schemas/enums.js';

type Body = Record<string, any>;

const CATALOGUE_TYPES = [
  'continuous-access-task-failed',
  'conversion-opportunity',
  'deposit-accounts-added',
  'deposit-accounts-removed',
  'deposit-accounts-synced',
  'deposit-accounts-updated',
  'deposit-switch-removed',
  'employment-synced',
  'employment-updated',
  'identity-synced',
  'identity-updated',
  'income-synced',
  'income-updated',
  'linked-account-connected',
  'linked-account-disconnected',
  'pay-link-accounts-updated',
  'payroll-data-fetched',
  'statements-added',
  'statements-synced',
  'task-authentication-status-updated',
  'task-status-patched',
  'task-status-updated',
  'task-workflow-finished',
  'taxes-added',
  'taxes-synced',
  'timesheets-added',
  'timesheets-synced',
] as const;

const isCatalogueType = (type: string): type is AtomicEventType => Object.hasOwn(atomicCatalog, type);
const schemaOf = (type: AtomicEventType): z.ZodType => atomicCatalog[type];
/** A deep copy of a type's sample, to mutate. */
const sample = (type: AtomicEventType): Body => structuredClone(atomicSamples[type]) as Body;
const parses = (type: AtomicEventType, body: unknown) => schemaOf(type).safeParse(body).success;

describe('atomic catalogue: keys', () => {
  it('holds exactly the 27 documented event types', () => {
    expect(Object.keys(atomicCatalog).sort()).toEqual([...CATALOGUE_TYPES]);
  });

  it('pins each schema to its own eventType', () => {
    for (const type of CATALOGUE_TYPES) {
      const other = type === 'task-status-updated' ? 'identity-synced' : 'task-status-updated';
      expect({ type, ok: parses(type, { ...sample(type), eventType: other }) }).toEqual({ type, ok: false });
    }
  });
});

describe('atomic catalogue: documentation samples', () => {
  const catalogueSamples = atomicDocSamples.filter((s) => isCatalogueType(s.type));

  it('captures all 30 samples of the webhook reference, covering the 26 documented types', () => {
    expect(atomicDocSamples).toHaveLength(30);
    expect(catalogueSamples).toHaveLength(29);
    expect(new Set(catalogueSamples.map((s) => s.type)).size).toBe(26);
    expect(atomicDocSamples.filter((s) => s.type === 'task-status-updated')).toHaveLength(4);
  });

  it('labels every sample with the eventType of its body', () => {
    for (const s of atomicDocSamples) expect(s.body.eventType).toBe(s.type);
  });

  it.each(catalogueSamples.map((s, i) => [`${s.type} #${i}`, s] as const))('%s parses and round-trips', (_name, s) => {
    const result = schemaOf(s.type as AtomicEventType).safeParse(s.body);
    expect(result.error).toBeUndefined();
    expect(result.data).toStrictEqual(s.body);
  });

  it('keeps the generic "sample-event-type" example out of the catalogue, valid as a bare envelope', () => {
    const generic = atomicDocSamples.filter((s) => !isCatalogueType(s.type));
    expect(generic.map((s) => s.type)).toEqual(['sample-event-type']);
    expect(atomicEnvelope().parse(generic[0]!.body)).toStrictEqual(generic[0]!.body);
  });
});

describe('atomic catalogue: atomicSamples', () => {
  it('has one body per catalogue type', () => {
    expect(Object.keys(atomicSamples).sort()).toEqual([...CATALOGUE_TYPES]);
  });

  it.each(CATALOGUE_TYPES)('%s parses with its own schema and carries its own eventType', (type) => {
    const body = atomicSamples[type];
    expect(body.eventType).toBe(type);
    expect(schemaOf(type).parse(body)).toStrictEqual(body);
  });

  it('reuses the first doc sample of each type, except income-updated (a task-event copy) and pay-link-accounts-updated (none)', () => {
    for (const type of CATALOGUE_TYPES) {
      const first = atomicDocSamples.find((s) => s.type === type);
      if (type === 'income-updated' || type === 'pay-link-accounts-updated') expect(atomicSamples[type]).not.toBe(first?.body);
      else expect(atomicSamples[type]).toBe(first?.body);
    }
  });

  it('constructs income-updated as the text documents it (income + changes)', () => {
    const body = atomicSamples['income-updated'] as Body;
    expect(body.data.income).toEqual(expect.objectContaining({ income: expect.any(Number) }));
    expect(Object.values(body.data.changes)).not.toHaveLength(0);
  });
});

describe('atomic catalogue: open objects and enums', () => {
  it('keeps unknown fields at the top level, in data, and deep inside', () => {
    const body = sample('statements-synced');
    body.newTopLevel = { any: 'thing' };
    body.user.newUserField = 1;
    body.data.newDataField = [1, 2];
    body.data.connector.branding.logo.width = 64;
    body.data.statements[0].deductions[0].employerPaid = false;
    const parsed = schemaOf('statements-synced').parse(body) as Body;
    expect(parsed).toStrictEqual(body);
    expect(parsed.data.statements[0].deductions[0].employerPaid).toBe(false);
  });

  it('accepts the undocumented failure reason "unknown-error" and every documented one', () => {
    for (const reason of ['unknown-error', ...ATOMIC_FAILURE_REASONS]) {
      const failed = sample('task-status-updated');
      failed.data = { ...failed.data, status: 'failed', reason };
      expect(parses('task-status-updated', failed)).toBe(true);
      const ca = sample('continuous-access-task-failed');
      ca.data.reason = reason;
      expect(parses('continuous-access-task-failed', ca)).toBe(true);
    }
    expect(ATOMIC_FAILURE_REASONS).toHaveLength(17);
    expect(ATOMIC_FAILURE_REASONS).not.toContain('unknown-error');
  });

  it('accepts enum values Atomic may add later', () => {
    const body = sample('task-status-updated');
    body.product = 'switch';
    body.authenticationMethod = 'passkey-auth';
    body.data.status = 'cancelled';
    body.data.distributionType = 'remainder';
    expect(parses('task-status-updated', body)).toBe(true);
  });

  it('accepts task/taskWorkflow under data as well as at the top level (deposit-switch-removed)', () => {
    const body = sample('deposit-switch-removed');
    body.data.task = body.task;
    body.data.taskWorkflow = body.taskWorkflow;
    delete body.task;
    delete body.taskWorkflow;
    expect(parses('deposit-switch-removed', body)).toBe(true);
    body.data.task = 42;
    expect(parses('deposit-switch-removed', body)).toBe(false);
  });

  it('keeps pay-link-accounts-updated data open (payload undocumented)', () => {
    const body = sample('pay-link-accounts-updated');
    body.data = { accounts: [{ _id: 'acct_1', anything: true }] };
    expect(schemaOf('pay-link-accounts-updated').parse(body)).toStrictEqual(body);
    body.data = 'not an object';
    expect(parses('pay-link-accounts-updated', body)).toBe(false);
  });

  it('accepts the doc income-updated sample and the documented payload, and still types its fields', () => {
    const doc = atomicDocSamples.find((s) => s.type === 'income-updated')!;
    expect(parses('income-updated', doc.body)).toBe(true);
    expect(parses('income-updated', atomicSamples['income-updated'])).toBe(true);
    const bad = sample('income-updated');
    bad.data.income.income = '48000';
    expect(parses('income-updated', bad)).toBe(false);
  });
});

describe('atomic catalogue: invalid bodies are rejected', () => {
  const cases: [string, AtomicEventType, (body: Body) => void][] = [
    ['data.status is a number', 'task-status-updated', (b) => (b.data.status = 2)],
    ['eventType does not match the schema', 'identity-synced', (b) => (b.eventType = 'identity-updated')],
    ['user is missing', 'task-status-updated', (b) => delete b.user],
    ['user._id is missing', 'linked-account-connected', (b) => delete b.user._id],
    ['eventTime is missing', 'conversion-opportunity', (b) => delete b.eventTime],
    ['data is missing', 'task-workflow-finished', (b) => delete b.data],
    ['distributionAmount is a string (task)', 'task-status-updated', (b) => (b.data.distributionAmount = '25')],
    [
      'distributionAmount is a string (deposit account)',
      'deposit-accounts-synced',
      (b) => (b.data.depositAccounts[0].distributionAmount = '80'),
    ],
    ['a deposit account has no routingNumber', 'deposit-accounts-added', (b) => delete b.data.changes[0].routingNumber],
    ['the task publicToken is missing', 'task-authentication-status-updated', (b) => delete b.publicToken],
    ['authenticated is a string', 'task-status-patched', (b) => (b.data.authenticated = 'true')],
    ['identity is missing', 'identity-synced', (b) => delete b.data.identity],
    ['ssn is a number', 'identity-synced', (b) => (b.data.identity.ssn = 111223333)],
    ['changes entry is not an object', 'employment-updated', (b) => (b.data.changes.jobTitle = 'Product Manager')],
    ['company has no _id', 'employment-synced', (b) => delete b.data.company._id],
    ['connector is missing', 'taxes-synced', (b) => delete b.data.connector],
    ['a tax has no form', 'taxes-added', (b) => delete b.data.taxes[0].form],
    ['a W-2 box is a string', 'taxes-synced', (b) => (b.data.taxes[0].parsedData.wages = '44416.74')],
    ['a timesheet duration is a string', 'timesheets-added', (b) => (b.data.timesheets[0].duration = '420')],
    ['a statement amount is a string', 'statements-added', (b) => (b.data.statements[0].grossAmount = '1000')],
    ['payrollDataEvents is not an array', 'payroll-data-fetched', (b) => (b.data.payrollDataEvents = 'statements-synced')],
    ['linkedAccount is missing (continuous access)', 'continuous-access-task-failed', (b) => delete b.data.linkedAccount],
    ['reason is missing (continuous access)', 'continuous-access-task-failed', (b) => delete b.data.reason],
    ['finishedTasks is missing', 'task-workflow-finished', (b) => delete b.data.finishedTasks],
    ['conversionToken is missing', 'conversion-opportunity', (b) => delete b.data.conversionToken],
    ['the linked account has no connector', 'linked-account-disconnected', (b) => delete b.data.linkedAccount.connector],
  ];

  it.each(cases)('%s', (_name, type, mutate) => {
    const body = sample(type);
    expect(parses(type, body)).toBe(true); // the untouched sample is valid, so the mutation is what fails
    mutate(body);
    expect(parses(type, body)).toBe(false);
  });
});

describe('atomic catalogue: JSON Schema', () => {
  it.each(CATALOGUE_TYPES)('%s converts with z.toJSONSchema', (type) => {
    const json = z.toJSONSchema(schemaOf(type)) as Body;
    expect(json.type).toBe('object');
    expect(json.properties.eventType).toEqual({ type: 'string', const: type });
    expect(json.required).toEqual(expect.arrayContaining(['eventType', 'eventTime', 'user', 'data']));
    expect(json.additionalProperties).toEqual({});
  });

  it('lists the known values of open enums', () => {
    const json = z.toJSONSchema(atomicCatalog['task-status-updated']) as Body;
    expect(JSON.stringify(json.properties.data.properties.reason)).toContain('work-status-terminated');
  });
});
