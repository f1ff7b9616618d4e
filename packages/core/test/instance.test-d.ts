import { describe, expectTypeOf, test } from 'vitest';
import { atelio, createWebhooks, type ErrorContext, type WebhookEvent, type WebhooksOptions } from '../src/index.js';

/** The instance name at the type level: an option, a property of the instance, the error context and the event. */
describe('instance name', () => {
  const provider = atelio({ secret: 'whsec_x' });

  test('`name` is an optional string option and a string property of the instance', () => {
    expectTypeOf<WebhooksOptions<typeof provider>['name']>().toEqualTypeOf<string | undefined>();
    expectTypeOf(createWebhooks({ provider, name: 'atelio-eu' }).name).toEqualTypeOf<string>();
  });

  test('onError always learns the instance; an event carries it when the pipeline built it', () => {
    expectTypeOf<ErrorContext['instance']>().toEqualTypeOf<string>();
    expectTypeOf<WebhookEvent['instance']>().toEqualTypeOf<string | undefined>();
    createWebhooks({ provider, on: { 'card.*': (event) => expectTypeOf(event.instance).toEqualTypeOf<string | undefined>() } });
  });
});
