import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { EventPayload } from '../../src/provider.js';
import type { AtomicEventType, atomicCatalog } from '../../src/providers/atomic/catalog.js';
import type { AtomicProvider } from '../../src/providers/atomic/index.js';
import type { atomicSamples } from '../../src/providers/atomic/samples.js';

type Payload<T extends AtomicEventType> = z.output<(typeof atomicCatalog)[T]>;

describe('atomic catalogue types', () => {
  it('keeps the catalogue keys as literals', () => {
    expectTypeOf<AtomicEventType>().toEqualTypeOf<
      | 'task-status-updated'
      | 'task-authentication-status-updated'
      | 'task-status-patched'
      | 'task-workflow-finished'
      | 'payroll-data-fetched'
      | 'deposit-switch-removed'
      | 'deposit-accounts-synced'
      | 'deposit-accounts-added'
      | 'deposit-accounts-updated'
      | 'deposit-accounts-removed'
      | 'linked-account-connected'
      | 'linked-account-disconnected'
      | 'employment-synced'
      | 'employment-updated'
      | 'identity-synced'
      | 'identity-updated'
      | 'income-synced'
      | 'income-updated'
      | 'statements-synced'
      | 'statements-added'
      | 'timesheets-synced'
      | 'timesheets-added'
      | 'taxes-synced'
      | 'taxes-added'
      | 'conversion-opportunity'
      | 'continuous-access-task-failed'
      | 'pay-link-accounts-updated'
    >();
    expectTypeOf<keyof typeof atomicSamples>().toEqualTypeOf<AtomicEventType>();
  });

  it('pins eventType to the literal of each type', () => {
    expectTypeOf<Payload<'task-status-updated'>['eventType']>().toEqualTypeOf<'task-status-updated'>();
    expectTypeOf<Payload<'identity-synced'>['eventType']>().toEqualTypeOf<'identity-synced'>();
    expectTypeOf<Payload<'deposit-accounts-removed'>['eventType']>().toEqualTypeOf<'deposit-accounts-removed'>();
  });

  it('types task events', () => {
    type Task = Payload<'task-status-updated'>;
    expectTypeOf<Task['data']['status']>().toEqualTypeOf<'processing' | 'failed' | 'completed' | (string & {})>();
    expectTypeOf<Task['data']['authenticated']>().toEqualTypeOf<boolean>();
    expectTypeOf<Task['data']['distributionAmount']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<Task['product']>().toEqualTypeOf<'deposit' | 'verify' | 'tax' | (string & {})>();
    expectTypeOf<Task['publicToken']>().toEqualTypeOf<string>();
    expectTypeOf<Task['user']['connected']>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<NonNullable<Task['data']['reason']>>().toExtend<string>();
    expectTypeOf<'bad-credentials'>().toExtend<NonNullable<Task['data']['reason']>>();
    expectTypeOf<NonNullable<Task['data']['outputs']>['ssn']>().toEqualTypeOf<string | undefined>();
  });

  it('types payroll-data events', () => {
    expectTypeOf<Payload<'identity-synced'>['data']['identity']['ssn']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<Payload<'identity-synced'>['data']['company']['name']>().toEqualTypeOf<string>();
    expectTypeOf<Payload<'identity-synced'>['data']['linkedAccount']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<Payload<'continuous-access-task-failed'>['data']['linkedAccount']>().toEqualTypeOf<string>();
    expectTypeOf<
      Payload<'deposit-accounts-updated'>['data']['changes'][number]['distributionAmount']
    >().toEqualTypeOf<number | undefined>();
    expectTypeOf<Payload<'deposit-accounts-updated'>['data']['changes'][number]['routingNumber']>().toEqualTypeOf<string>();
    expectTypeOf<Payload<'employment-updated'>['data']['changes']>().toExtend<
      Record<string, { previous?: unknown; current?: unknown }>
    >();
    expectTypeOf<Payload<'taxes-synced'>['data']['taxes'][number]['type']>().toEqualTypeOf<'w2' | '1099' | (string & {})>();
    expectTypeOf<Payload<'timesheets-synced'>['data']['timesheets'][number]['duration']>().toEqualTypeOf<number>();
  });

  it('flows through the provider type helpers', () => {
    expectTypeOf<EventPayload<AtomicProvider, 'task-workflow-finished'>['data']['state']>().toEqualTypeOf<
      'completed' | 'failed' | (string & {})
    >();
  });
});
