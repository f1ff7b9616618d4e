/**
 * Every way a delivery can fail, as a typed error carrying the HTTP status finhooks answers with.
 *
 * Messages are written for the developer reading logs: they say what went wrong and what to do,
 * and never contain a payload value or a secret (payloads carry SSNs and account numbers).
 * `code` is stable and machine-readable; the response body is `{ error: { code, message } }`.
 */
export type WebhookErrorCode =
  | 'method_not_allowed'
  | 'payload_too_large'
  | 'body_timeout'
  | 'unsupported_media_type'
  | 'missing_signature'
  | 'invalid_signature'
  | 'signature_too_large'
  | 'timestamp_out_of_range'
  | 'empty_body'
  | 'malformed_body'
  | 'inexact_number'
  | 'missing_event_type'
  | 'event_type_mismatch'
  | 'event_type_too_long'
  | 'invalid_payload'
  | 'delivery_in_progress'
  | 'lease_lost'
  | 'handler_failed'
  | 'body_already_parsed'
  | 'key_set_unavailable'
  | 'store_unavailable'
  | 'queue_unavailable'
  | 'inbox_unavailable'
  | 'secret_unavailable'
  | 'secret_misconfigured'
  | 'shutting_down'
  | 'internal_error';

export class WebhookError extends Error {
  override readonly name: string = 'WebhookError';
  /** HTTP status the delivery is answered with. */
  readonly status: number;
  readonly code: WebhookErrorCode;
  /** Extra response headers (e.g. `Allow` on a 405). */
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    status: number,
    code: WebhookErrorCode,
    message: string,
    options?: { cause?: unknown; headers?: Record<string, string> },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.status = status;
    this.code = code;
    this.headers = options?.headers ?? {};
  }
}

/** 405: webhooks are delivered with POST only. */
export class MethodNotAllowedError extends WebhookError {
  override readonly name = 'MethodNotAllowedError';
  constructor(method: string) {
    super(405, 'method_not_allowed', `Method ${method} is not allowed: webhook deliveries are POST requests.`, {
      headers: { allow: 'POST' },
    });
  }
}

/** 413: the body is larger than `bodyLimit`; it is refused without being read in full. */
export class PayloadTooLargeError extends WebhookError {
  override readonly name = 'PayloadTooLargeError';
  readonly limit: number;
  constructor(limit: number, options?: { cause?: unknown }) {
    super(
      413,
      'payload_too_large',
      `The request body is larger than the limit of ${limit} bytes. Raise \`bodyLimit\` if the provider legitimately sends more.`,
      // The rest of the body is not read: closing the connection spares reading it to keep it alive.
      { ...options, headers: { connection: 'close' } },
    );
    this.limit = limit;
  }
}

/** 415: the provider sends a known content type; anything else is refused before verification. */
export class UnsupportedMediaTypeError extends WebhookError {
  override readonly name = 'UnsupportedMediaTypeError';
  constructor(received: string | undefined, accepted: readonly string[]) {
    super(
      415,
      'unsupported_media_type',
      `Content-Type ${received ? `"${shown(received)}"` : '(missing)'} is not accepted here; expected ${accepted.join(' or ')}.`,
    );
  }
}

/** A received header value quoted in a message, cut short: an unauthenticated request must not grow responses and logs. */
function shown(value: string, max = 100): string {
  return value.length > max ? `${value.slice(0, max)}…` : value;
}

/**
 * 401: the request is not provably from the provider (missing/garbled/wrong signature, stale timestamp, bad JWT).
 * `signature_too_large`: a signature header, its number of signatures or a JWT's header segment is past
 * what any genuine delivery sends; refused before it is parsed or decoded (unauthenticated input costs little).
 */
export class SignatureVerificationError extends WebhookError {
  override readonly name = 'SignatureVerificationError';
  constructor(
    code: 'missing_signature' | 'invalid_signature' | 'signature_too_large' | 'timestamp_out_of_range',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(401, code, message, options);
  }
}

/**
 * 400: the (verified) body cannot be read as an event: empty, not JSON, not an object, a number
 * JavaScript cannot hold exactly (`inexact_number`), no event type, an over-long type.
 */
export class MalformedPayloadError extends WebhookError {
  override readonly name = 'MalformedPayloadError';
  constructor(
    code:
      | 'empty_body'
      | 'malformed_body'
      | 'inexact_number'
      | 'missing_event_type'
      | 'event_type_mismatch'
      | 'event_type_too_long',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(400, code, message, options);
  }
}

/** One schema problem, described by where and what, never by the value received. */
export interface SchemaIssue {
  readonly path: string;
  readonly code: string;
  readonly message: string;
}

/** 400: a known event type whose body does not match the documented schema. */
export class SchemaValidationError extends WebhookError {
  override readonly name = 'SchemaValidationError';
  readonly eventType: string;
  readonly issues: readonly SchemaIssue[];
  constructor(provider: string, eventType: string, issues: readonly SchemaIssue[]) {
    const shown = issues
      .slice(0, 5)
      .map((issue) => `${issue.path || '(root)'}: ${issue.message}`)
      .join('; ');
    const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : '';
    super(400, 'invalid_payload', `The ${provider} "${eventType}" event does not match its schema: ${shown}${more}.`);
    this.eventType = eventType;
    this.issues = issues;
  }
}

/**
 * 409: the same delivery is being processed right now (a concurrent redelivery). Answering 2xx would
 * lose the event if the first attempt then fails, so the provider is asked to retry later.
 */
export class DeliveryInProgressError extends WebhookError {
  override readonly name = 'DeliveryInProgressError';
  constructor() {
    super(409, 'delivery_in_progress', 'This delivery is already being processed; retry later.', {
      headers: { 'retry-after': '30' },
    });
  }
}

/**
 * 500: at least one handler threw. Every matching handler still ran; their errors are in `errors`
 * (for your `onError`), the message stays generic because handler errors may quote the payload.
 */
export class HandlerError extends WebhookError {
  override readonly name = 'HandlerError';
  readonly errors: readonly unknown[];
  constructor(errors: readonly unknown[], eventType: string) {
    super(
      500,
      'handler_failed',
      `${errors.length} handler${errors.length === 1 ? '' : 's'} failed for "${eventType}"; the delivery was not marked as processed, so the provider's retry will run the handlers again.`,
      { cause: errors.length === 1 ? errors[0] : undefined },
    );
    this.errors = errors;
  }
}

/**
 * Never answered: reported to `onError` (with `context.status` 200) when the handlers succeeded but
 * the claim's lease had expired and another process claimed the delivery meanwhile, so the handlers
 * may run twice. The delivery is still answered 200: it was processed, and a 5xx would make the
 * provider deliver it a third time. Seeing it means a lease shorter than the process can hold it
 * (a stalled event loop, a lost store connection while the handlers ran): raise the store's `leaseTtl`.
 */
export class LeaseLostError extends WebhookError {
  override readonly name = 'LeaseLostError';
  constructor() {
    super(
      409,
      'lease_lost',
      "The handlers succeeded, but this delivery's claim had expired and another process claimed it meanwhile, so the handlers may run twice; raise the store's leaseTtl.",
    );
  }
}

/** 500: the framework or a body parser consumed the request before finhooks could read the raw bytes. */
export class BodyAlreadyParsedError extends WebhookError {
  override readonly name = 'BodyAlreadyParsedError';
  constructor(howToFix: string) {
    super(
      500,
      'body_already_parsed',
      `The request body was already read by the framework or another middleware, so the raw bytes the signature covers are gone. ${howToFix}`,
    );
  }
}

/**
 * 503: a dependency the pipeline needs is down (JWKS endpoint, idempotency store, queue, a per-tenant
 * secret lookup: `secret_unavailable`). Retrying providers retry.
 */
export class DependencyUnavailableError extends WebhookError {
  override readonly name = 'DependencyUnavailableError';
  /**
   * finhooks already logged this outage (once, when it started): the default reporter (no `onError`)
   * does not log it again for every refused delivery. `onError` handlers still see every one.
   */
  readonly logged: boolean;
  constructor(
    code:
      'key_set_unavailable' | 'store_unavailable' | 'queue_unavailable' | 'inbox_unavailable' | 'secret_unavailable',
    message: string,
    options?: { cause?: unknown; logged?: boolean },
  ) {
    super(503, code, message, { cause: options?.cause, headers: { 'retry-after': '30' } });
    this.logged = options?.logged ?? false;
  }
}

/**
 * 500 `secret_misconfigured`: a per-tenant secret lookup returned a secret that fails the checks a
 * configured one must pass (too short, surrounding whitespace, not base64…). A configuration error
 * on your side, answered 5xx so the provider retries once the stored secret is fixed; the message
 * says what is wrong, never the secret or the tenant.
 */
export class SecretConfigurationError extends WebhookError {
  override readonly name = 'SecretConfigurationError';
  constructor(message: string) {
    super(500, 'secret_misconfigured', message);
  }
}

/**
 * 503: the instance is closing (`webhooks.close()`), so it takes no new delivery; or it closed
 * before this delivery's handlers finished, so their claim was released. A retrying provider comes
 * back (to another instance, or this one once restarted) and the handlers run then.
 */
export class ShuttingDownError extends WebhookError {
  override readonly name = 'ShuttingDownError';
  constructor(message = 'This webhook receiver is shutting down; retry shortly.') {
    super(503, 'shutting_down', message, { headers: { 'retry-after': '5' } });
  }
}

/** 408: the body did not arrive within `bodyTimeout`; the connection is closed and its buffers freed. */
export class BodyTimeoutError extends WebhookError {
  override readonly name = 'BodyTimeoutError';
  readonly timeout: number;
  constructor(timeout: number, options?: { cause?: unknown }) {
    super(
      408,
      'body_timeout',
      `The request body did not arrive within ${timeout} ms. Raise \`bodyTimeout\` if the provider legitimately sends this slowly.`,
      { ...options, headers: { connection: 'close' } },
    );
    this.timeout = timeout;
  }
}

/** Wraps anything unexpected as a 500 with a generic message (the original stays in `cause`). */
export function toWebhookError(error: unknown): WebhookError {
  if (error instanceof WebhookError) return error;
  return new WebhookError(500, 'internal_error', 'Unexpected error while processing the webhook.', { cause: error });
}
