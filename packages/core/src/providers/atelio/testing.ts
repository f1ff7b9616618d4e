import type { ProviderTesting } from '../../provider-testing.js';
import { atelioSamples } from './samples.js';

/** Atelio's test bodies for `@finhooks/core/testing`. */
export const atelioTesting: ProviderTesting = {
  name: 'atelio',
  samples: atelioSamples,
  minimalBody: (type) => ({ event: type, occurred_at: new Date().toISOString() }),
};
