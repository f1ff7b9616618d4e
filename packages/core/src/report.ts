import type { DeliveryRecord } from './delivery.js';
import { formatErrorReport } from './error-report.js';
import { DependencyUnavailableError } from './errors.js';
import { type ErrorContext, type InstanceState, stateOf, type Webhooks, type WebhookLogger } from './instance.js';

/**
 * Tells an instance's `logger` and `onError` handlers about a refused or failed delivery. Without
 * either, 5xx failures are printed (server-side failures must not vanish; 4xx are the sender's problem). A
 * handler that throws or rejects never changes the answer to the provider.
 */
export function reportError(state: InstanceState, error: Error, context: ErrorContext): void {
  if (state.logger) log(state.logger, error, context);
  if (state.errorHandlers.length === 0) {
    if (state.logger) return;
    if (context.status >= 500 && !(error instanceof DependencyUnavailableError && error.logged)) {
      console.error(formatErrorReport(error, context));
    }
    return;
  }
  for (const handler of state.errorHandlers) {
    try {
      const result = handler(error, context);
      if (result instanceof Promise) result.catch(() => undefined);
    } catch {
      // An error observer that throws must not change the answer to the provider.
    }
  }
}

/**
 * One structured entry per refusal or failure: the context as fields (no payload value, no header
 * value), the default report as message. A logger that throws never changes the answer.
 */
function log(logger: WebhookLogger, error: Error, context: ErrorContext): void {
  if (context.status < 500 && typeof logger.warn !== 'function') return;
  const fields: Record<string, unknown> = { ...context, errorName: error.name };
  try {
    if (context.status >= 500) logger.error(fields, formatErrorReport(error, context));
    else logger.warn!(fields, formatErrorReport(error, context));
  } catch {
    // Logging must not change the answer to the provider.
  }
}

/** Tells an instance's delivery observers; not awaited, their failures swallowed (see `DeliveryObserver`). */
export function reportDelivery(state: InstanceState, record: DeliveryRecord): void {
  for (const observer of state.deliveryObservers) {
    try {
      const result = observer(record);
      if (result instanceof Promise) result.catch(() => undefined);
    } catch {
      // An observer that throws must not change the answer to the provider.
    }
  }
}

/**
 * Reports a failure that happened outside a request (a queue or inbox worker's handler threw) to
 * the instance's `onError` handlers, exactly as the pipeline reports its own: default printing
 * included. For adapter and worker authors (`@finhooks/core/adapter`).
 */
export function reportFailure(webhooks: Webhooks, error: Error, context: ErrorContext): void {
  reportError(stateOf(webhooks, 'reportFailure'), error, context);
}
