import {
  DeliveryInProgressError,
  DependencyUnavailableError,
  LeaseLostError,
  MalformedPayloadError,
  MethodNotAllowedError,
  PayloadTooLargeError,
  ShuttingDownError,
  toWebhookError,
  UnsupportedMediaTypeError,
  type WebhookError,
} from './errors.js';
import type { DeliveryOutcome, VerificationOutcome } from './delivery.js';
import type { WebhookEvent } from './event.js';
import { storeKey } from './identity.js';
import { MAX_EVENT_TYPE_LENGTH } from './pattern.js';
import type { AnyProvider, EventIdentity } from './provider.js';
import { headerValue, mediaType, type RawRequest, type StreamedRequest, type WebhookResponse } from './request.js';
import { judgeStaleness } from './stale.js';
import { type HeldLease, holdLease } from './store/lease.js';
import { syncStoreOf } from './store/memory.js';
import { validateEvent } from './validate.js';
import {
  type ErrorContext,
  type InstanceState,
  stateOf,
  type WebhookInbox,
  type WebhookQueue,
  type Webhooks,
} from './instance.js';
import { reportDelivery, reportError } from './report.js';
import type { DeliveryTelemetry, TraceCarrier } from './telemetry.js';

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' } as const;
const RECEIVED: WebhookResponse = { status: 200, headers: JSON_HEADERS, body: '{"received":true}' };
const DUPLICATE: WebhookResponse = { status: 200, headers: JSON_HEADERS, body: '{"received":true,"duplicate":true}' };
const STALE: WebhookResponse = { status: 200, headers: JSON_HEADERS, body: '{"received":true,"stale":true}' };

/** The answer to a refused delivery: `{ error: { code, message } }` with the error's status. */
export function errorResponse(error: WebhookError): WebhookResponse {
  return {
    status: error.status,
    headers: { ...JSON_HEADERS, ...error.headers },
    body: JSON.stringify({ error: { code: error.code, message: error.message } }),
  };
}

/**
 * Checks that need no body: method (405), declared size (413), content type (415). Adapters call
 * this before reading the body, so a refused request is not read at all; `handleRequest` repeats it.
 */
export function preflight<P extends AnyProvider>(
  webhooks: Webhooks<P>,
  method: string,
  headers: RawRequest['headers'],
): WebhookError | undefined {
  return check(stateOf(webhooks, 'preflight'), method, headers);
}

function check(state: InstanceState, method: string, headers: RawRequest['headers']): WebhookError | undefined {
  if (method !== 'POST') return new MethodNotAllowedError(method);
  const declared = headerValue(headers, 'content-length');
  if (declared !== undefined && Number(declared) > state.bodyLimit) return new PayloadTooLargeError(state.bodyLimit);
  const contentType = headerValue(headers, 'content-type');
  // The exact spelling a provider sends (`application/json`) needs no parsing.
  if (contentType !== undefined && state.provider.contentTypes.includes(contentType)) return undefined;
  const type = mediaType(contentType);
  if (!type || !accepts(state.provider, type)) {
    return new UnsupportedMediaTypeError(type, state.provider.contentTypes);
  }
  return undefined;
}

/** JSON providers also accept `application/<anything>+json`. */
function accepts(provider: AnyProvider, type: string): boolean {
  if (provider.contentTypes.includes(type)) return true;
  return type.endsWith('+json') && provider.contentTypes.includes('application/json');
}

/**
 * The one pipeline every adapter calls (DESIGN §2). It never throws for a delivery: every outcome is
 * a response (it rejects with a `TypeError` only when `webhooks` was not made by `createWebhooks`).
 * It works on the instance's internal state and never calls the instance's own methods.
 *
 *   method (405) → size (413) → content type (415) → verify (401) → decode (400)
 *   → identify (400; a type longer than `MAX_EVENT_TYPE_LENGTH` too) → validate (400; unknown types pass, flagged) → claim (duplicate: 200; in flight: 409; store down: 503)
 *   → dispatch (a handler threw: 500, claim released) or enqueue (queue down: 503, claim released)
 *   → complete → 200 (the lease was lost meanwhile: still 200, `lease_lost` reported to onError)
 *   Inbox mode replaces claim → complete: the inbox stores the event (stored or duplicate: 200; down: 503).
 *   With `staleEvents`, validate → mark the entity's latest time (store down: 503; stale and 'skip': 200, nothing else).
 *
 * Nothing is parsed before the signature is checked, nothing is claimed before the event is valid,
 * nothing is marked done before every handler succeeded.
 */
export async function handleRequest<P extends AnyProvider>(
  webhooks: Webhooks<P>,
  incoming: RawRequest | StreamedRequest,
): Promise<WebhookResponse> {
  const state = stateOf(webhooks, 'handleRequest');
  // Closing (`webhooks.close()`): refused before reading, so a retrying provider comes back later.
  if (state.inFlight.closing) return refused(state, new ShuttingDownError(), undefined, new Date(), 'not-reached');
  state.inFlight.enter();
  try {
    // Without `telemetry` this check is all it costs (see telemetry.ts).
    if (!state.telemetry) return await deliver(state, incoming, undefined);
    const trace = state.telemetry.delivery();
    const response = await deliver(state, incoming, trace);
    trace.end(response.status, response === DUPLICATE);
    return response;
  } finally {
    state.inFlight.leave();
  }
}

async function deliver(
  state: InstanceState,
  incoming: RawRequest | StreamedRequest,
  trace: DeliveryTelemetry | undefined,
): Promise<WebhookResponse> {
  const receivedAt = new Date();
  const { provider } = state;
  let identity: EventIdentity | undefined;
  let verification: VerificationOutcome = 'not-reached';
  let rawBody: Uint8Array | undefined;
  try {
    const refused = check(state, incoming.method, incoming.headers);
    if (refused) throw refused;
    const request: RawRequest =
      'rawBody' in incoming
        ? incoming
        : {
            method: incoming.method,
            headers: incoming.headers,
            url: incoming.url,
            rawBody: await incoming.readBody(state.bodyLimit, state.bodyTimeout),
          };
    if (request.rawBody.byteLength > state.bodyLimit) throw new PayloadTooLargeError(state.bodyLimit);

    verification = 'failed';
    trace?.step('verify');
    const pending = provider.verify(request);
    // HMAC schemes verify synchronously: skip the microtask `await` would cost them. Any thenable is
    // awaited (not only native promises): a rejected verification must never be taken as a value.
    const verified = isThenable(pending) ? await pending : pending;
    verification = 'passed';
    rawBody = request.rawBody;
    trace?.step('validate');
    const body = provider.decode(request, verified);
    identity = boundedIdentity(provider.identify(body, request));
    const validated = validateEvent(provider, identity, body, receivedAt, state.name);
    trace?.identified(validated);
    // Stale-event guard (stale.ts): marked before claim, queue or inbox, so workers get `stale` too.
    const guard = state.staleGuard;
    const event = guard ? await judgeStaleness(guard, state.store, state.name, validated) : validated;
    if (event.stale && guard?.mode === 'skip') {
      return answered(state, STALE, 'accepted', receivedAt, identity, rawBody, true);
    }

    const key = storeKey(state.name, event.id);
    if (state.inbox) {
      trace?.step('inbox.accept');
      const outcome = (await accept(state.inbox, key, event, trace?.carrier())) === 'stored' ? 'accepted' : 'duplicate';
      const response = outcome === 'accepted' ? RECEIVED : DUPLICATE;
      return answered(state, response, outcome, receivedAt, identity, rawBody, event.stale);
    }
    const { store } = state;
    trace?.step('claim');
    // The memory store answers at once: no promise to await (see store/memory.ts).
    const now = syncStoreOf(store);
    const claim = now ? now.claim(key) : await storeCall(() => store.claim(key));
    if (claim.status === 'duplicate') {
      return answered(state, DUPLICATE, 'duplicate', receivedAt, identity, rawBody, event.stale);
    }
    if (claim.status === 'in-flight') throw new DeliveryInProgressError();

    const { token } = claim;
    let lease: HeldLease | undefined;
    try {
      const { queue } = state;
      let running: Promise<void> | void;
      if (trace) {
        running = queue
          ? trace.hold('enqueue', () => enqueue(queue, event, trace.carrier()))
          : trace.hold('dispatch', () => state.router.dispatch(event));
      } else if (queue) running = enqueue(queue, event, undefined);
      // Synchronous handlers are not awaited (see Router#run): `running` is then undefined.
      else running = state.router.run(event);
      // The lease's heartbeat (store/lease.ts) is for work that awaits: synchronous handlers finish
      // before any timer or redelivery can run, so they hold none.
      if (running) {
        lease = holdLease(store, key, token);
        // Past `close()`'s deadline `unlessAbandoned` rejects (503 shutting_down): the claim is released below.
        await state.inFlight.unlessAbandoned(running);
      }
    } catch (error) {
      lease?.stop();
      await store.release(key, token).catch(() => undefined);
      throw error;
    }
    lease?.stop();
    // The handlers ran: whatever `complete` says, answering 5xx would make the provider deliver
    // again and run them once more. A lost lease or a failed store is reported instead.
    try {
      const completed = now ? now.complete(key, token) : await store.complete(key, token);
      if (completed === 'lost') report(state, new LeaseLostError(), identity, 200);
    } catch (error) {
      report(state, toWebhookError(error), identity, 200);
    }
    return answered(state, RECEIVED, 'accepted', receivedAt, identity, rawBody, event.stale);
  } catch (thrown) {
    trace?.failed(toWebhookError(thrown));
    return refused(state, thrown, identity, receivedAt, verification);
  }
}

/**
 * Answers a delivery the adapter refused itself (e.g. its framework's body parser failed): reports
 * it to `onError` like the pipeline does, and returns the error response.
 */
export function refuse<P extends AnyProvider>(
  webhooks: Webhooks<P>,
  thrown: unknown,
  identity?: EventIdentity,
): WebhookResponse {
  return refused(stateOf(webhooks, 'refuse'), thrown, identity, new Date(), 'not-reached');
}

function refused(
  state: InstanceState,
  thrown: unknown,
  identity: EventIdentity | undefined,
  receivedAt: Date,
  verification: VerificationOutcome,
): WebhookResponse {
  const error = toWebhookError(thrown);
  report(state, error, identity, error.status);
  const response = errorResponse(error);
  if (state.deliveryObservers.length > 0) {
    reportDelivery(state, {
      provider: state.provider.name,
      instance: state.name,
      receivedAt,
      durationMs: Date.now() - receivedAt.getTime(),
      status: error.status,
      outcome: error.status >= 500 ? 'failed' : 'refused',
      // A key set that could not be fetched is a failed dependency, not a refused signature.
      verification: verification === 'failed' && error.status >= 500 ? 'not-reached' : verification,
      code: error.code,
      ...(identity && { eventId: identity.id, eventType: identity.type }),
    });
  }
  return response;
}

/** A 2xx answer, told to the delivery observers when there are any. */
function answered(
  state: InstanceState,
  response: WebhookResponse,
  outcome: DeliveryOutcome,
  receivedAt: Date,
  identity: EventIdentity,
  rawBody: Uint8Array | undefined,
  stale?: boolean,
): WebhookResponse {
  if (state.deliveryObservers.length > 0) {
    reportDelivery(state, {
      provider: state.provider.name,
      instance: state.name,
      receivedAt,
      durationMs: Date.now() - receivedAt.getTime(),
      status: response.status,
      outcome,
      verification: 'passed',
      eventId: identity.id,
      eventType: identity.type,
      ...(rawBody && { rawBody }),
      ...(stale && { stale: true as const }),
    });
  }
  return response;
}

/**
 * Refuses an event type too long to be a real one before anything routes on it (Moneyhub's unsigned
 * JSON mode lets anyone choose it), and keeps it out of `onError`'s context.
 */
function boundedIdentity(identity: EventIdentity): EventIdentity {
  if (identity.type.length > MAX_EVENT_TYPE_LENGTH) {
    throw new MalformedPayloadError(
      'event_type_too_long',
      `The event type is ${identity.type.length} characters long; finhooks routes types of at most ${MAX_EVENT_TYPE_LENGTH}.`,
    );
  }
  return identity;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | undefined)?.then === 'function';
}

async function storeCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw new DependencyUnavailableError('store_unavailable', 'The idempotency store is unavailable; retry later.', {
      cause: error,
    });
  }
}

async function enqueue(
  queue: WebhookQueue,
  event: WebhookEvent,
  traceContext: TraceCarrier | undefined,
): Promise<void> {
  try {
    await (traceContext ? queue.enqueue(event, { traceContext }) : queue.enqueue(event));
  } catch (error) {
    throw new DependencyUnavailableError(
      'queue_unavailable',
      'The event queue is unavailable; the event was not accepted, retry later.',
      {
        cause: error,
      },
    );
  }
}

/** Inbox mode: never a 2xx for an event that is not stored. */
async function accept(
  inbox: WebhookInbox,
  key: string,
  event: WebhookEvent,
  traceContext: TraceCarrier | undefined,
): Promise<'stored' | 'duplicate'> {
  try {
    return await (traceContext ? inbox.accept(key, event, { traceContext }) : inbox.accept(key, event));
  } catch (error) {
    throw new DependencyUnavailableError(
      'inbox_unavailable',
      'The event inbox is unavailable; the event was not accepted, retry later.',
      {
        cause: error,
      },
    );
  }
}

function report(state: InstanceState, error: WebhookError, identity: EventIdentity | undefined, status: number): void {
  const context: ErrorContext = {
    provider: state.provider.name,
    instance: state.name,
    status,
    code: error.code,
    ...(identity && { eventId: identity.id, eventType: identity.type }),
  };
  reportError(state, error, context);
}
