import type { Webhooks } from '@finhooks/core';
import { atelioWebhooks } from './atelio.js'; // @provider atelio
import { atomicWebhooks } from './atomic.js'; // @provider atomic
import { moneyhubWebhooks } from './moneyhub.js'; // @provider moneyhub

/** Every provider's instance: the worker runs one inbox worker for each (a worker takes its instance's events only). */
export const instances: Webhooks[] = [
  atelioWebhooks, // @provider atelio
  atomicWebhooks, // @provider atomic
  moneyhubWebhooks, // @provider moneyhub
];
