/**
 * `@finhooks/core`: what apps use. What adapters need besides (instance resolution, body reading,
 * request/response conversion, early refusals, paths) is in `@finhooks/core/adapter`.
 */
export { createWebhooks, DEFAULT_BODY_LIMIT, DEFAULT_BODY_TIMEOUT_MS } from './webhooks.js';
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
  WebhookLogger,
} from './instance.js';
export type {
  DeliveryStep,
  DeliveryTelemetry,
  EnqueueOptions,
  InstanceTelemetry,
  ReceiveOptions,
  TraceCarrier,
  WebhookTelemetry,
} from './telemetry.js';
export { handleRequest } from './pipeline.js';
export { healthResponse } from './lifecycle/health-response.js';
export { DEFAULT_HEALTH_TIMEOUT_MS } from './lifecycle/health.js';
export type { HealthCheckable, HealthCheckResult, HealthOptions, HealthReport, HealthStatus } from './lifecycle/health.js';
export { DEFAULT_CLOSE_TIMEOUT_MS } from './lifecycle/close.js';
export type { CloseOptions, CloseResult } from './lifecycle/close.js';
export type { RawHeaders, RawRequest, WebhookResponse } from './request.js';
export { headerValue } from './request.js';
export { createFetchHandler } from './fetch-handler.js';
export type { FetchHandler, FetchWebhooks } from './fetch-handler.js';
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
export type { OccurrenceTime, StaleEventsMode, StaleEventsOption, StaleEventsOptions } from './stale.js';
export { memoryStore } from './store/memory.js';
export type { MemoryStoreOptions } from './store/memory.js';
export { DEFAULT_LEASE_MS, DEFAULT_RETENTION_MS } from './store/types.js';
export type {
  ClaimResult,
  CompleteResult,
  ExtendResult,
  IdempotencyStore,
  MarkResult,
  ReleaseResult,
} from './store/types.js';
export { hmacVerifier } from './verify/hmac.js';
export type { HmacVerifierOptions } from './verify/hmac.js';
export { standardWebhooksVerifier } from './verify/standard-webhooks.js';
export {
  DEFAULT_MAX_TENANTS,
  DEFAULT_SECRET_LOOKUP_TIMEOUT_MS,
  DEFAULT_SECRET_TTL_MS,
} from './verify/secret-source.js';
export type { SecretLookupResult, SecretRequest, SecretsOption, TenantSecrets } from './verify/secret-source.js';
export type { StandardWebhooksOptions } from './verify/standard-webhooks.js';
export { jwtVerifier } from './verify/jwt.js';
export type { JwtVerifier, JwtVerifierOptions } from './verify/jwt.js';
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
