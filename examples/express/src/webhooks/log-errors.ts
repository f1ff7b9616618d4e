import type { AnyProvider, Webhooks } from '@finhooks/core';

/** Prints why a delivery was refused. The error messages and context are free of payload data by design. */
export function logErrors<P extends AnyProvider>(hooks: Webhooks<P>): Webhooks<P> {
  hooks.onError((error, context) => {
    console.error(`[${context.provider}] refused with ${context.status} ${context.code}: ${error.message}`);
  });
  return hooks;
}
