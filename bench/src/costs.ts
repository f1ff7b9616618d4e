/**
 * Where the time goes, piece by piece, and prototypes of the changes worth making in core (timed
 * here against what core does today, on the same distinct inputs). Core itself is not touched.
 *
 * jose is core's dependency, not the bench's: it is loaded from where @finhooks/core resolves it,
 * so the bench measures exactly the jose core runs.
 */
import { createHash, createHmac, createPublicKey, verify as cryptoVerify } from 'node:crypto';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { memoryStore, MONEYHUB_DEFAULT_ISSUER, type RawRequest } from '@finhooks/core';
import type { MoneyhubTestKeys } from '@finhooks/core/testing';
import type { MicroCase } from './cases.js';
import { FRESHNESS_WINDOW_S } from './config.js';
import { timePerCall, type TimingOptions } from './timing.js';

const verifyAsync = promisify(cryptoVerify);

export interface CostRow {
  readonly group: string;
  readonly name: string;
  readonly us: number;
  readonly note?: string;
}

/** The part of jose's API the probes call. */
interface Jose {
  jwtVerify(
    token: string,
    key: unknown,
    options?: Record<string, unknown>,
  ): Promise<{ payload: Record<string, unknown> }>;
  compactVerify(token: string, key: unknown, options?: Record<string, unknown>): Promise<{ payload: Uint8Array }>;
  createLocalJWKSet(jwks: unknown): unknown;
  base64url: { decode(input: string): Uint8Array };
}

/** The part of zod's API the probes call. */
interface Zod {
  array(item: ZodSchema): ZodSchema;
  string(): ZodSchema;
}
interface ZodSchema {
  safeParse(value: unknown): unknown;
}

/** A dependency of @finhooks/core (jose, zod), the very copy core uses; the bench does not depend on them. */
async function coreDependency<T>(name: string): Promise<T> {
  const core = import.meta.resolve('@finhooks/core');
  const path = createRequire(core).resolve(name);
  return (await import(pathToFileURL(path).href)) as T;
}

const loadJose = () => coreDependency<Jose>('jose');

export async function jwtCosts(c: MicroCase, keys: MoneyhubTestKeys, timing: TimingOptions): Promise<CostRow[]> {
  const jose = await loadJose();
  const group = `${c.name} (${(c.bytes / 1024).toFixed(0)} KB token)`;
  const tokens = c.requests.map((r) =>
    Buffer.from(r.rawBody.buffer, r.rawBody.byteOffset, r.rawBody.byteLength).toString('utf8').trim(),
  );
  const getKey = jose.createLocalJWKSet(keys.jwks);
  const options = {
    algorithms: ['RS256'],
    issuer: MONEYHUB_DEFAULT_ISSUER,
    maxTokenAge: FRESHNESS_WINDOW_S,
    clockTolerance: 5,
  };
  const jwk = keys.jwks.keys[0]!;
  const publicKey = createPublicKey({ key: jwk as import('node:crypto').JsonWebKey, format: 'jwk' });
  const payloadSegments = tokens.map((t) => t.slice(t.indexOf('.') + 1, t.lastIndexOf('.')));
  const payloadBytes = payloadSegments.map((s) => Buffer.from(s, 'base64url'));
  const claimsText = payloadBytes.map((b) => b.toString('utf8'));
  const signingInputs = tokens.map((t) => Buffer.from(t.slice(0, t.lastIndexOf('.')), 'latin1'));
  const signatures = tokens.map((t) => Buffer.from(t.slice(t.lastIndexOf('.') + 1), 'base64url'));
  const indices = tokens.map((_, i) => i);
  const decoder = new TextDecoder();

  // Sanity: core and jose accept the same token and yield the same claims.
  const [a, b] = await Promise.all([jose.jwtVerify(tokens[0]!, getKey, options), c.provider.verify(c.requests[0]!)]);
  if (JSON.stringify(a.payload) !== JSON.stringify(b)) throw new Error('core JWT verifier disagrees with jose');

  const row = async (name: string, fn: (i: number) => unknown, note?: string): Promise<CostRow> => ({
    group,
    name,
    us: await timePerCall(indices, fn, timing),
    ...(note && { note }),
  });
  return [
    await row('core: provider.verify (node:crypto over the received bytes; jose selects the key)', (i) =>
      c.provider.verify(c.requests[i]!),
    ),
    await row('  claims segment bytes → one latin1 string → Buffer.from (core before stepwise decoding)', (i) =>
      Buffer.from(signingInputs[i]!.toString('latin1', signingInputs[i]!.indexOf(0x2e) + 1), 'base64url'),
    ),
    await row('  rawBody → string (toString + trim)', (i) => {
      const r = c.requests[i]!.rawBody;
      return Buffer.from(r.buffer, r.byteOffset, r.byteLength).toString('utf8').trim();
    }),
    await row('  for comparison: jose jwtVerify(token) (core before verifying the bytes itself)', (i) =>
      jose.jwtVerify(tokens[i]!, getKey, options),
    ),
    await row('  jose compactVerify(token) (no claims parse)', (i) =>
      jose.compactVerify(tokens[i]!, getKey, { algorithms: ['RS256'] }),
    ),
    await row(
      '  jose base64url.decode(payload)',
      (i) => jose.base64url.decode(payloadSegments[i]!),
      'atob + per-byte loop on Node 20',
    ),
    await row('  Buffer.from(payload, "base64url")', (i) => Buffer.from(payloadSegments[i]!, 'base64url')),
    await row('  TextDecoder + JSON.parse(claims)', (i) => JSON.parse(decoder.decode(payloadBytes[i]!))),
    await row('  JSON.parse(claims text)', (i) => JSON.parse(claimsText[i]!)),
    await row('  SHA-256 of the signing input', (i) => createHash('sha256').update(signingInputs[i]!).digest()),
    await row('  RS256 verify, node:crypto, sync (what core does)', (i) =>
      cryptoVerify('RSA-SHA256', signingInputs[i]!, publicKey, signatures[i]!),
    ),
    await row('  RS256 verify, node:crypto, async (libuv pool; core before this change)', (i) =>
      verifyAsync('RSA-SHA256', signingInputs[i]!, publicKey, signatures[i]!),
    ),
  ];
}

/** zod on large payloads: the catalogue schema against cheaper equivalents. */
export async function validationCosts(c: MicroCase, timing: TimingOptions): Promise<CostRow[]> {
  const schema = c.provider.catalog[c.eventType]!;
  const bodies: unknown[] = [];
  for (const request of c.requests) bodies.push(c.provider.decode(request, await c.provider.verify(request)));
  const group = `${c.name} validation`;
  const rows: CostRow[] = [
    {
      group,
      name: `catalogue schema safeParse (${c.eventType})`,
      us: await timePerCall(bodies, (b) => schema.safeParse(b), timing),
    },
  ];
  if (c.name.startsWith('moneyhub')) {
    const ids = bodies.map(
      (b) => (b as { payload: { accounts: { transactions: string[] }[] } }).payload.accounts[0]!.transactions,
    );
    const { z } = await coreDependency<{ z: Zod }>('zod');
    const arrayOfStrings = z.array(z.string());
    rows.push(
      {
        group,
        name: '  z.array(z.string()) on the 6000 ids alone',
        us: await timePerCall(ids, (a) => arrayOfStrings.safeParse(a), timing),
      },
      {
        group,
        name: '  hand loop: every id a string',
        us: await timePerCall(ids, (a) => a.every((x) => typeof x === 'string'), timing),
      },
    );
  }
  return rows;
}

/** Small per-request costs of the 1 KB path. */
export async function smallCosts(c: MicroCase, timing: TimingOptions): Promise<CostRow[]> {
  const group = `${c.name} per-request pieces`;
  const requests = c.requests;
  const indices = requests.map((_, i) => i);
  const texts = requests.map((r) =>
    Buffer.from(r.rawBody.buffer, r.rawBody.byteOffset, r.rawBody.byteLength).toString('utf8'),
  );
  const keys = requests.map((_, i) => `${c.provider.name}:event-${i}`);
  const rows: CostRow[] = [];
  const row = async (name: string, fn: (i: number, ctx: any) => unknown, fresh?: () => unknown, note?: string) =>
    rows.push({
      group,
      name,
      us: await timePerCall(indices, fn, timing, fresh as () => undefined),
      ...(note && { note }),
    });
  await row('new Date()', () => new Date());
  await row('rawBody → utf8 string', (i) => {
    const r = requests[i]!.rawBody;
    return Buffer.from(r.buffer, r.byteOffset, r.byteLength).toString('utf8');
  });
  await row('JSON.parse(text)', (i) => JSON.parse(texts[i]!));
  await row('HMAC-SHA256 of the body', (i) =>
    createHmac('sha256', 'whsec_secret').update(requests[i]!.rawBody).digest(),
  );
  await row(
    'memory store claim + complete (BoundedCache)',
    async (i, store) => {
      const claim = await store.claim(keys[i]!);
      if (claim.status === 'claimed') await store.complete(keys[i]!, claim.token);
    },
    () => memoryStore(),
  );
  await row(
    'Map get + set (floor for the store)',
    (i, map) => {
      map.get(keys[i]!);
      map.set(keys[i]!, 'done');
    },
    () => new Map<string, string>(),
  );
  return rows;
}

export type { RawRequest };
