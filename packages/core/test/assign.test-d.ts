import { expectTypeOf, test } from 'vitest';
import { atelio, createWebhooks, moneyhub, type Webhooks } from '../src/index.js';

test('`Webhooks` without a type argument accepts an instance of any provider', () => {
  const instances: Webhooks[] = [
    createWebhooks({ provider: moneyhub({ jwks: { keys: [] }, allowAnyAudience: true }) }),
    createWebhooks({ provider: atelio({ secret: 'x' }) }),
  ];
  expectTypeOf(instances).items.toHaveProperty('handle').toBeFunction();
});
