import type { ProviderTesting } from '../../provider-testing.js';
import { atomicSamples } from './samples.js';

/** Atomic's test bodies for `@finhooks/core/testing`. */
export const atomicTesting: ProviderTesting = {
  name: 'atomic',
  samples: atomicSamples,
  minimalBody: (type) => ({
    eventType: type,
    eventTime: new Date().toISOString(),
    user: { _id: 'test-user', identifier: 'test-user' },
    data: {},
  }),
};
