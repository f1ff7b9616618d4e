/**
 * `@finhooks/core/web`: the main entry without its Node-only part (`fromNodeRequest` and the other
 * helpers of node.ts, which read Node streams), for runtimes without Node's built-ins: Cloudflare
 * Workers, the Next.js Edge runtime, Vercel Edge, Deno Deploy. Everything else is the same module,
 * so an instance made through either entry works with both. test/web-entry.test.ts keeps the two
 * lists in step.
 */
export {
  createWebhooks,
  DEFAULT_BODY_LIMIT,
  DEFAULT_BODY_TIMEOUT_MS,
  isWebhooks,
  resolveWebhooks,
  withRegistry,
} from './webhooks.js';
export type { DeliveryObserver, DeliveryOutcome, DeliveryRecord, VerificationOutcome } from './delivery.js';
export { eventJsonSchema } from './json-schema.js';
export { formatErrorReport } from './error-report.js';
export type { ErrorReportOptions } from './error-report.js';
export type {
  ErrorContext,
  ErrorHandler,
  HandlerMap,
  PatternOf,
  WebhookInbox,
  WebhookQueue,
  Webhooks,
  WebhooksOptions,
  WebhooksRegistry,
  WithWebhooks,
} from './webhooks.js';
export { errorResponse, handleRequest, preflight, refuse } from './handle.js';
export type { StreamedRequest, WebhookResponse } from './handle.js';
export { otherSpelling, samePath, withoutTrailingSlash } from './path.js';
export { fromWebRequest, readWebBody, toWebResponse } from './web.js';
export { createFetchHandler } from './fetch-handler.js';
export type { FetchHandler, FetchWebhooks } from './fetch-handler.js';
export type { RawHeaders, RawRequest } from './request.js';
export { headerValue, mediaType } from './request.js';
export { UNTYPED_EVENT } from './event.js';
export type { KnownWebhookEvent, UnknownWebhookEvent, WebhookEvent } from './event.js';
export { compilePattern, isWildcard, MAX_EVENT_TYPE_LENGTH } from './pattern.js';
export type { MatchesPattern, MatchingTypes } from './pattern.js';
export { UNKNOWN_EVENT_PREFIX } from './event-names.js';
export type { CheckedPattern, UnknownEventPattern, UnknownPatternError } from './event-names.js';
export type { Handler } from './router.js';
export { decodeJsonObject, defineProvider, stringField } from './provider.js';
export type {
  AnyEventOf,
  AnyProvider,
  Catalog,
  CatalogOf,
  EventFor,
  EventIdentity,
  EventPayload,
  EventType,
  KnownEventOf,
  Provider,
  ProviderDefinition,
  ProviderName,
  SignedDelivery,
  SignOptions,
} from './provider.js';
export * from './errors.js';
export { memoryStore } from './store/memory.js';
export type { MemoryStoreOptions } from './store/memory.js';
export { DEFAULT_LEASE_MS, DEFAULT_RETENTION_MS } from './store/types.js';
export type { ClaimResult, CompleteResult, ExtendResult, IdempotencyStore, ReleaseResult } from './store/types.js';
export { hmacVerifier } from './verify/hmac.js';
export type { HmacVerifierOptions } from './verify/hmac.js';
export { standardWebhooksVerifier } from './verify/standard-webhooks.js';
export type { StandardWebhooksOptions } from './verify/standard-webhooks.js';
export { jwtVerifier } from './verify/jwt.js';
export type { JwtVerifierOptions } from './verify/jwt.js';
export { decodeDigest, hmacSha256, safeEqual, sha256Hex } from './verify/digest.js';
export type { DigestEncoding } from './verify/digest.js';
export { assertFreshTimestamp } from './verify/timestamp.js';
export { openEnum } from './schema-helpers.js';
export { describeIssues } from './validate.js';
export { atomic, atomicCatalog, ATOMIC_SIGNATURE_HEADER } from './providers/atomic/index.js';
export type { AtomicCatalog, AtomicOptions, AtomicProvider } from './providers/atomic/index.js';
export { moneyhub, moneyhubCatalog, MONEYHUB_DEFAULT_ISSUER } from './providers/moneyhub/index.js';
export type {
  MoneyhubCatalog,
  MoneyhubJsonOptions,
  MoneyhubJwtOptions,
  MoneyhubOptions,
  MoneyhubProvider,
} from './providers/moneyhub/index.js';
export { eventTypeFromUrn, MONEYHUB_URN_PREFIX, urnFromEventType } from './providers/moneyhub/urn.js';
export { atelio, atelioCatalog, ATELIO_SIGNATURE_HEADER } from './providers/atelio/index.js';
export type { AtelioCatalog, AtelioOptions, AtelioProvider } from './providers/atelio/index.js';
