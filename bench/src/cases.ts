/**
 * The micro-benchmark's inputs: for each provider and size, a pool of distinct signed requests
 * (`RawRequest`s, as an adapter hands them to `handleRequest`).
 */
import { randomUUID } from 'node:crypto';
import { type AnyProvider, atomic, moneyhub, type RawRequest } from '@finhooks/core';
import { atomicSamples, createTestRequest, type MoneyhubTestKeys } from '@finhooks/core/testing';
import { atelioBenchProvider, atelioPool, moneyhubBenchProvider, moneyhubBody, moneyhubPool } from './payloads.js';
import { MONEYHUB_TRANSACTION_IDS } from './config.js';

export interface MicroCase {
  readonly name: string;
  readonly label: string;
  readonly provider: AnyProvider;
  readonly eventType: string;
  readonly requests: readonly RawRequest[];
  /** Body bytes on the wire. */
  readonly bytes: number;
  /** A diagnostic case, not one of the payloads. */
  readonly diagnostic?: boolean;
}

const ATOMIC_SECRET = 'finhooks-bench-atomic-secret';

function raw(headers: Readonly<Record<string, string>>, body: Buffer): RawRequest {
  return { method: 'POST', headers, rawBody: body };
}

async function atomicCase(name: string, count: number, large: boolean): Promise<MicroCase> {
  const provider = atomic({ secret: ATOMIC_SECRET });
  const type = large ? 'statements-synced' : 'income-updated';
  let overrides: Record<string, unknown> | undefined;
  if (large) {
    // ~250 KB: the documented statements-synced sample with its first statement repeated (real shape, synthetic size).
    const sample = structuredClone(atomicSamples['statements-synced']!) as { data: { statements: unknown[] } };
    const statement = sample.data.statements[0]!;
    const statements = Array.from({ length: 240 }, () => structuredClone(statement));
    overrides = { data: { ...sample.data, statements } };
  }
  const requests: RawRequest[] = [];
  for (let i = 0; i < count; i++) {
    // Atomic identifies an event by its type, entity ids and eventTime: a new eventTime, a new event.
    const eventTime = new Date(Date.UTC(2024, 0, 1) + i).toISOString();
    const request = await createTestRequest(provider, type, { ...overrides, eventTime });
    requests.push(raw(request.headers, request.rawBody));
  }
  return {
    name,
    label: large ? `Atomic ${type} (240 statements)` : `Atomic ${type}`,
    provider,
    eventType: type,
    requests,
    bytes: requests[0]!.rawBody.byteLength,
  };
}

export interface CaseSizes {
  readonly small: number;
  readonly large: number;
}

/** Every micro-benchmark case, pools of `sizes.small` / `sizes.large` distinct requests. */
export async function buildCases(keys: MoneyhubTestKeys, sizes: CaseSizes): Promise<MicroCase[]> {
  const cases: MicroCase[] = [];
  cases.push(await atomicCase('atomic-1k', sizes.small, false));
  cases.push(await atomicCase('atomic-250k', sizes.large, true));

  const atelio = (await atelioPool(sizes.small)).map((d) => raw(d.headers, d.body));
  cases.push({
    name: 'atelio-1k',
    label: 'Atelio transactions (card payment)',
    provider: atelioBenchProvider(),
    eventType: 'transactions',
    requests: atelio,
    bytes: atelio[0]!.rawBody.byteLength,
  });

  const moneyhubSmall = (await moneyhubPool(sizes.small, keys, undefined, 8)).map((d) => raw(d.headers, d.body));
  cases.push({
    name: 'moneyhub-1k',
    label: 'Moneyhub newTransactions, 8 ids (JWT)',
    provider: moneyhubBenchProvider(keys.jwks),
    eventType: 'newTransactions',
    requests: moneyhubSmall,
    bytes: moneyhubSmall[0]!.rawBody.byteLength,
  });

  const moneyhubLarge = (await moneyhubPool(sizes.large, keys)).map((d) => raw(d.headers, d.body));
  cases.push({
    name: 'moneyhub-250k',
    label: `Moneyhub newTransactions, ${MONEYHUB_TRANSACTION_IDS} ids (JWT)`,
    provider: moneyhubBenchProvider(keys.jwks),
    eventType: 'newTransactions',
    requests: moneyhubLarge,
    bytes: moneyhubLarge[0]!.rawBody.byteLength,
  });

  // Diagnostic: the same event in Moneyhub's unsigned JSON format, to separate the JWT's cost.
  const unsigned = moneyhub({ format: 'json', allowUnsigned: true });
  const jsonRequests: RawRequest[] = [];
  for (let i = 0; i < sizes.large; i++) {
    const body = { ...moneyhubBody(), id: randomUUID() };
    jsonRequests.push(raw({ 'content-type': 'application/json' }, Buffer.from(JSON.stringify(body))));
  }
  cases.push({
    name: 'moneyhub-250k-json',
    label: `Moneyhub newTransactions, ${MONEYHUB_TRANSACTION_IDS} ids (unsigned JSON format)`,
    provider: unsigned,
    eventType: 'newTransactions',
    requests: jsonRequests,
    bytes: jsonRequests[0]!.rawBody.byteLength,
    diagnostic: true,
  });
  return cases;
}
