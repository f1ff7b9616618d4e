import type { ErrorHandler } from '@finhooks/core';

/** Prints why a delivery was refused. The error messages and context are free of payload data by design. */
export const logRefusal: ErrorHandler = (error, context) => {
  console.error(`[${context.provider}] refused with ${context.status} ${context.code}: ${error.message}`);
};
