import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { AtelioEventType, atelioCatalog } from '../../src/providers/atelio/catalog.js';
import type { atelioSamples } from '../../src/providers/atelio/samples.js';

type Payload<T extends AtelioEventType> = z.output<(typeof atelioCatalog)[T]>;

describe('atelio payload types', () => {
  it('types transaction amounts as decimal strings', () => {
    expectTypeOf<Payload<'transactions'>['transaction']['amount']>().toEqualTypeOf<string>();
    expectTypeOf<Payload<'transactions'>['transaction']['fee']>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<Payload<'transactions'>['transaction']['details']['cardholder_presence']>().toEqualTypeOf<
      boolean | undefined
    >();
  });

  it('types card fields', () => {
    expectTypeOf<Payload<'card.created'>['card']['last_four']>().toEqualTypeOf<string>();
    expectTypeOf<'Active'>().toExtend<Payload<'card.status.lost'>['card']['status']>();
    // open: a status Atelio adds later still type-checks
    expectTypeOf<string>().toExtend<Payload<'card.status.lost'>['card']['status']>();
  });

  it('keeps the event literal per type', () => {
    expectTypeOf<Payload<'card.created'>['event']>().toEqualTypeOf<'card.created'>();
    expectTypeOf<Payload<'fraud_operations.unfreeze.failed'>['event']>().toEqualTypeOf<'fraud_operations.unfreeze.failed'>();
    expectTypeOf<Payload<'account.statement.ready'>['event']>().toEqualTypeOf<'account.statement.ready'>();
    expectTypeOf<Payload<'account.statements.late_payment'>['event']>().toEqualTypeOf<
      'account.statements.late_payment' | undefined
    >();
  });

  it('types the envelope quirks', () => {
    expectTypeOf<Payload<'credit.application.adverse_action'>['sent_time']>().toEqualTypeOf<string>();
    expectTypeOf<Payload<'credit.application.adverse_action'>['occurred_at']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<Payload<'kyc.verification.success'>['occurred_at']>().toEqualTypeOf<string>();
    expectTypeOf<Payload<'account.autopay.failed'>['amount_in_cents']>().toEqualTypeOf<number>();
    expectTypeOf<Payload<'credit.application.approved'>['details']['data']['accounts']['security_deposit_account_id']>()
      .toEqualTypeOf<string | null>();
    expectTypeOf<Payload<'kyc.verification.reenter_information'>['fields']>().toEqualTypeOf<string[]>();
  });

  it('keys the catalogue and the samples by literal types', () => {
    expectTypeOf<'transactions'>().toExtend<AtelioEventType>();
    expectTypeOf<'kyc.verification.documents_required'>().toExtend<AtelioEventType>();
    expectTypeOf<string>().not.toExtend<AtelioEventType>();
    expectTypeOf<keyof typeof atelioSamples>().toEqualTypeOf<AtelioEventType>();
  });
});
