/**
 * Pools of distinct, correctly signed deliveries. Every request of a run carries its own event id,
 * so the de-duplication store never short-circuits the pipeline (a duplicate would skip dispatch
 * and the store writes, and flatter the adapter).
 *
 * - Atelio: `createTestRequest` (the provider's own `sign`, exactly as Atelio signs), with a fresh
 *   `occurred_at` and `transaction_id` per event (Atelio de-duplicates on `event:occurred_at`).
 * - Moneyhub: `provider.sign` goes through jose's `SignJWT`, ~10 ms per 313 KB token here, too slow
 *   for pools of thousands. The pool is signed with node:crypto instead (async `crypto.sign`, which
 *   runs on libuv's thread pool, so both cores sign): the same compact RS256 JWS (`{alg, kid}` header,
 *   `events`/`iss`/`iat`/`jti`/`sub` claims) the provider's `sign` produces. `checkMoneyhubPool`
 *   proves it: same header and claim names as `provider.sign`, and `provider.verify` accepts it.
 */
import { createHash, KeyObject, randomUUID, sign as rsaSign } from 'node:crypto';
import { promisify } from 'node:util';
import {
  atelio,
  type AtelioProvider,
  moneyhub,
  type MoneyhubProvider,
  MONEYHUB_DEFAULT_ISSUER,
  urnFromEventType,
} from '@finhooks/core';
import {
  atelioDocSamples,
  createTestRequest,
  type MoneyhubTestKeys,
  moneyhubTestKeys,
  sampleBody,
} from '@finhooks/core/testing';
import { ATELIO_SECRET, FRESHNESS_WINDOW_S, MONEYHUB_TRANSACTION_IDS, type PayloadKind } from './config.js';

const signAsync = promisify(rsaSign);

/** One delivery: lower-case headers (no content-length) and the exact body bytes. */
export interface Delivery {
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

export function atelioBenchProvider(): AtelioProvider {
  return atelio({ secret: ATELIO_SECRET, tolerance: FRESHNESS_WINDOW_S });
}

export function moneyhubBenchProvider(jwks: MoneyhubTestKeys['jwks']): MoneyhubProvider {
  return moneyhub({ jwks, maxAge: FRESHNESS_WINDOW_S, allowAnyAudience: true });
}

/** The documented card-payment `transactions` sample (~1 KB); the first sample if it ever moves. */
function atelioCardTransaction(): Record<string, unknown> {
  const card = atelioDocSamples.find((s) => s.type === 'transactions' && s.note?.startsWith('Card payment'));
  const body = (card?.body ?? sampleBody('atelio', 'transactions')) as { transaction: Record<string, unknown> };
  return structuredClone(body.transaction);
}

/** `count` distinct Atelio `transactions` deliveries, signed at `timestamp` (unix seconds). */
export async function atelioPool(count: number, timestamp = Math.floor(Date.now() / 1000)): Promise<Delivery[]> {
  const provider = atelioBenchProvider();
  const transaction = atelioCardTransaction();
  // Distinct occurred_at per event: a base instant plus i microseconds, in Atelio's format.
  const base = Date.UTC(2026, 0, 1) * 1000;
  const pool: Delivery[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const micros = base + i;
    const iso = new Date(Math.floor(micros / 1000)).toISOString().slice(0, 19);
    const occurredAt = `${iso}.${String(micros % 1_000_000).padStart(6, '0')}+00:00`;
    const request = await createTestRequest(
      provider,
      'transactions',
      { occurred_at: occurredAt, transaction: { ...transaction, transaction_id: randomUUID() } },
      { timestamp },
    );
    pool[i] = { headers: request.headers, body: request.rawBody };
  }
  return pool;
}

/** The normalised Moneyhub body of one `newTransactions` event with `ids` transaction ids. */
export function moneyhubBody(ids = MONEYHUB_TRANSACTION_IDS): {
  id: string;
  eventType: 'newTransactions';
  userId: string;
  payload: { accounts: { id: string; transactions: string[] }[] };
} {
  return {
    id: randomUUID(),
    eventType: 'newTransactions',
    userId: '5c79210bbac25ecb5e71ac40',
    payload: { accounts: [{ id: randomUUID(), transactions: Array.from({ length: ids }, () => randomUUID()) }] },
  };
}

/** The compact RS256 JWS `provider.sign` would produce for `body`, signed with node:crypto. */
async function fastMoneyhubToken(
  body: ReturnType<typeof moneyhubBody>,
  key: KeyObject,
  kid: string,
  iat: number,
): Promise<string> {
  const header = Buffer.from(JSON.stringify({ alg: 'RS256', kid })).toString('base64url');
  const claims = {
    events: { [urnFromEventType(body.eventType)]: body.payload },
    iss: MONEYHUB_DEFAULT_ISSUER,
    iat,
    jti: body.id,
    sub: body.userId,
  };
  const signingInput = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  const signature = await signAsync('RSA-SHA256', Buffer.from(signingInput, 'latin1'), key);
  return `${signingInput}.${signature.toString('base64url')}`;
}

/** `count` distinct Moneyhub `newTransactions` deliveries (JWT mode), a few signatures in flight at once. */
export async function moneyhubPool(
  count: number,
  keys: MoneyhubTestKeys,
  iat = Math.floor(Date.now() / 1000),
  ids = MONEYHUB_TRANSACTION_IDS,
): Promise<Delivery[]> {
  const key = KeyObject.from(keys.privateKey);
  const pool: Delivery[] = new Array(count);
  const headers = { 'content-type': 'application/jwt' };
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const token = await fastMoneyhubToken(moneyhubBody(ids), key, keys.kid, iat);
      pool[i] = { headers, body: Buffer.from(token, 'latin1') };
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  return pool;
}

function jwtParts(token: string): { header: Record<string, unknown>; claims: Record<string, unknown> } {
  const [h, p] = token.split('.');
  return {
    header: JSON.parse(Buffer.from(h!, 'base64url').toString('utf8')) as Record<string, unknown>,
    claims: JSON.parse(Buffer.from(p!, 'base64url').toString('utf8')) as Record<string, unknown>,
  };
}

/**
 * Proves the fast-signed pool is what the provider would send: same JOSE header and claim names as
 * `provider.sign` (jose), and `provider.verify` + `decode` accept it as a `newTransactions` event.
 */
export async function checkMoneyhubPool(sample: Delivery, keys: MoneyhubTestKeys): Promise<void> {
  const provider = moneyhubBenchProvider(keys.jwks);
  const reference = await createTestRequest(provider, 'newTransactions', moneyhubBody(3), {
    privateKey: keys.privateKey,
    kid: keys.kid,
  });
  const ours = jwtParts(sample.body.toString('latin1'));
  const theirs = jwtParts(reference.body);
  const names = (o: Record<string, unknown>) => Object.keys(o).sort().join(',');
  if (names(ours.header) !== names(theirs.header) || names(ours.claims) !== names(theirs.claims)) {
    throw new Error(
      `bench Moneyhub tokens differ from provider.sign: header ${names(ours.header)} vs ${names(theirs.header)}, claims ${names(ours.claims)} vs ${names(theirs.claims)}`,
    );
  }
  const request = { method: 'POST', headers: sample.headers, rawBody: sample.body };
  const verified = await provider.verify(request);
  const body = provider.decode(request, verified) as { eventType?: string };
  if (body.eventType !== 'newTransactions')
    throw new Error(`bench Moneyhub token decoded to ${String(body.eventType)}`);
}

export interface Pools {
  readonly keys: MoneyhubTestKeys;
  readonly pools: Readonly<Record<PayloadKind, Delivery[]>>;
}

/** Builds both pools (and checks the Moneyhub one). */
export async function buildPools(sizes: Readonly<Record<PayloadKind, number>>): Promise<Pools> {
  const keys = await moneyhubTestKeys();
  const atelioDeliveries = await atelioPool(sizes['atelio-1k']);
  const moneyhubDeliveries = await moneyhubPool(sizes['moneyhub-250k'], keys);
  await checkMoneyhubPool(moneyhubDeliveries[0]!, keys);
  assertDistinct(atelioDeliveries);
  assertDistinct(moneyhubDeliveries);
  return { keys, pools: { 'atelio-1k': atelioDeliveries, 'moneyhub-250k': moneyhubDeliveries } };
}

/** Every delivery's bytes differ (cheap: a hash per body). */
function assertDistinct(pool: readonly Delivery[]): void {
  const seen = new Set<string>();
  for (const delivery of pool) seen.add(createHash('sha1').update(delivery.body).digest('base64'));
  if (seen.size !== pool.length) throw new Error(`request pool has ${pool.length - seen.size} duplicate bodies`);
}

/** Median size of a pool's bodies, bytes. */
export function bodySize(pool: readonly Delivery[]): number {
  return pool[Math.floor(pool.length / 2)]!.body.byteLength;
}
