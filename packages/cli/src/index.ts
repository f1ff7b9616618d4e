/**
 * `@finhooks/cli` programmatic API: what the `finhooks` command does, callable from scripts and tests.
 *
 * ```ts
 * import { sendEvent } from '@finhooks/cli';
 * const { status, ms, body } = await sendEvent({ provider: 'atelio', event: 'card.created', url, dev: true });
 * ```
 */
export { createProgram, runCli } from './program.js';
export { bufferIo, processIo } from './io.js';
export type { CliIo } from './io.js';
export { DEV_ATELIO_SECRET, DEV_ATOMIC_SECRET, DEV_SECRETS } from './dev-secrets.js';
export { devMoneyhubKey, devMoneyhubKeyFile } from './dev-key.js';
export { CliError, EXIT, UsageError } from './errors.js';
export { buildDelivery, checkOptionsApply, tamperBody } from './delivery.js';
export type { Delivery, DeliveryOptions, MoneyhubFormat, MoneyhubKeySource } from './delivery.js';
export { DEFAULT_TIMEOUT_MS, isDuplicateAnswer, postDelivery, sendEvent, withJwksServer } from './send.js';
export type { DeliveryIdentity } from './identity.js';
export { useColor } from './color.js';
export type { SendOptions, SendResult } from './send.js';
export { eventSchema, eventTypeJsonSchema, eventTypes, PROVIDER_NAMES, resolveEventType, resolveProvider } from './catalogs.js';
export type { ProviderName } from './catalogs.js';
export { resolveSecret, SECRET_ENV } from './secrets.js';
export { generateMoneyhubKey, loadMoneyhubKey, moneyhubKeyFromJwk, writeMoneyhubKey } from './moneyhub-keys.js';
export type { MoneyhubSigningKey, PublicJwks } from './moneyhub-keys.js';
export { DISCOVERY_PATH, JWKS_PATH, localIssuer, serveJwks } from './jwks-server.js';
export type { JwksServer } from './jwks-server.js';
export { VERSION } from './version.js';
