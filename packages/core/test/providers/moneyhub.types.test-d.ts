import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import { type MoneyhubEventType, moneyhubCatalog } from '../../src/providers/moneyhub/catalog.js';

type Body<T extends MoneyhubEventType> = z.output<(typeof moneyhubCatalog)[T]>;

describe('moneyhubCatalog types', () => {
  it('keeps the catalogue keys literal', () => {
    expectTypeOf<MoneyhubEventType>().toEqualTypeOf<
      | 'newTransactions'
      | 'updatedTransactions'
      | 'deletedTransactions'
      | 'restoredTransactions'
      | 'newRegularTransactions'
      | 'updatedRegularTransactions'
      | 'balanceThreshold'
      | 'paymentCompleted'
      | 'paymentPending'
      | 'paymentError'
      | 'reauthReminder'
      | 'refreshReminder'
      | 'deletedAccount'
      | 'addFirstConnection'
      | 'syncCompleted'
      | 'postConnectionEnrichmentComplete'
      | 'postConnectionEnrichmentCompleted'
      | 'affordabilityReportSuccess'
      | 'affordabilityReportFailure'
    >();
  });

  it('types the envelope', () => {
    expectTypeOf<Body<'newTransactions'>['eventType']>().toEqualTypeOf<'newTransactions'>();
    expectTypeOf<Body<'paymentError'>['eventType']>().toEqualTypeOf<'paymentError'>();
    expectTypeOf<Body<'newTransactions'>['id']>().toEqualTypeOf<string>();
    expectTypeOf<Body<'newTransactions'>['userId']>().toEqualTypeOf<string | undefined>();
  });

  it('types each payload', () => {
    expectTypeOf<Body<'newTransactions'>['payload']['accounts'][number]['transactions']>().toEqualTypeOf<string[]>();
    expectTypeOf<Body<'deletedTransactions'>['payload']['accounts'][number]['id']>().toEqualTypeOf<string>();
    expectTypeOf<Body<'updatedRegularTransactions'>['payload']['seriesIds']>().toEqualTypeOf<string[]>();
    expectTypeOf<Body<'balanceThreshold'>['payload']['matchedThresholds'][number]['value']>().toEqualTypeOf<number>();
    expectTypeOf<Body<'balanceThreshold'>['payload']['balanceAtTimeGeneration']['amount']>().toEqualTypeOf<number>();
    expectTypeOf<'lt'>().toExtend<Body<'balanceThreshold'>['payload']['matchedThresholds'][number]['type']>();
    expectTypeOf<Body<'paymentPending'>['payload']['endToEndId']>().toEqualTypeOf<string>();
    expectTypeOf<'completed'>().toExtend<Body<'paymentCompleted'>['payload']['status']>();
    expectTypeOf<Body<'reauthReminder'>['payload']['timeUntilReauthorizationInDays']>().toEqualTypeOf<number>();
    expectTypeOf<Body<'reauthReminder'>['payload']['tppConsent']>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<Body<'refreshReminder'>['payload']['periodSinceLastUpdateInDays']>().toEqualTypeOf<number>();
    expectTypeOf<Body<'deletedAccount'>['payload']['accountId']>().toEqualTypeOf<string>();
    expectTypeOf<Body<'addFirstConnection'>['payload']['userActivatedAt']>().toEqualTypeOf<string>();
    expectTypeOf<Body<'syncCompleted'>['payload']>().toEqualTypeOf<{ [k: string]: unknown }>();
  });

  it('rejects wrong field types at compile time', () => {
    // @ts-expect-error: transaction ids are strings
    expectTypeOf<Body<'newTransactions'>['payload']['accounts'][number]['transactions']>().toEqualTypeOf<number[]>();
    // @ts-expect-error: eventType is the literal, not any string
    expectTypeOf<Body<'newTransactions'>['eventType']>().toEqualTypeOf<string>();
  });
});
