/**
 * RS256 keys standing in for Moneyhub's signing key. Plain node:crypto: a private JWK on disk,
 * its public half as the JWKS a receiver trusts (`moneyhub({ jwks })` or discovery via `--serve-jwks`).
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPair,
  type JsonWebKey,
  type KeyObject,
} from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { UsageError } from './errors.js';
import { readJsonFile } from './files.js';

export interface PublicJwks {
  readonly keys: JsonWebKey[];
}

export interface MoneyhubSigningKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
  /** The public key set a receiver must trust. */
  readonly jwks: PublicJwks;
}

/** RFC 7638 thumbprint of an RSA key: a stable `kid` when the file has none. */
function thumbprint(jwk: JsonWebKey): string {
  const canonical = JSON.stringify({ e: jwk.e, kty: 'RSA', n: jwk.n });
  return createHash('sha256').update(canonical).digest('base64url');
}

function fromPrivateKey(privateKey: KeyObject, kid?: string): MoneyhubSigningKey {
  const { kty, n, e } = createPublicKey(privateKey).export({ format: 'jwk' });
  const publicJwk: JsonWebKey = { kty, n, e };
  const id = kid ?? thumbprint(publicJwk);
  return { kid: id, privateKey, jwks: { keys: [{ ...publicJwk, kid: id, alg: 'RS256', use: 'sig' }] } };
}

/** A new 2048-bit RSA key; `privateJwk` is what `finhooks keys moneyhub` writes to disk. */
export async function generateMoneyhubKey(
  kid?: string,
): Promise<MoneyhubSigningKey & { readonly privateJwk: JsonWebKey }> {
  const { privateKey } = await promisify(generateKeyPair)('rsa', { modulusLength: 2048 });
  const key = fromPrivateKey(privateKey, kid);
  return { ...key, privateJwk: { ...privateKey.export({ format: 'jwk' }), kid: key.kid, alg: 'RS256', use: 'sig' } };
}

/** Reads a private RSA JWK (or a JWKS holding one) as a signing key; `source` names it in errors. */
export function moneyhubKeyFromJwk(value: unknown, source = 'The key'): MoneyhubSigningKey {
  const candidates = isObject(value) && Array.isArray(value.keys) ? (value.keys as unknown[]) : [value];
  const jwk = candidates.find((k): k is JsonWebKey => isObject(k) && typeof k.d === 'string');
  const fix = 'Create one with `finhooks keys moneyhub <file>`.';
  if (!jwk)
    throw new UsageError(`${source} is not a private JWK (no "d"): the CLI needs the private key to sign. ${fix}`);
  if (jwk.kty !== 'RSA')
    throw new UsageError(
      `${source} is a ${String(jwk.kty)} key; Moneyhub signs with RS256, which needs an RSA key. ${fix}`,
    );
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: jwk, format: 'jwk' });
  } catch (error) {
    throw new UsageError(`${source} is not a valid RSA private JWK. ${fix}`, { cause: error });
  }
  if ((privateKey.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) {
    throw new UsageError(`${source} is shorter than 2048 bits, which RS256 verifiers refuse. ${fix}`);
  }
  return fromPrivateKey(privateKey, typeof jwk.kid === 'string' && jwk.kid !== '' ? jwk.kid : undefined);
}

export async function loadMoneyhubKey(file: string): Promise<MoneyhubSigningKey> {
  return moneyhubKeyFromJwk(await readJsonFile(file, 'key file'), `The key file ${file}`);
}

/** Writes the private JWK readable by its owner only; refuses to replace a file unless `force`. */
export async function writeMoneyhubKey(file: string, privateJwk: JsonWebKey, force = false): Promise<void> {
  try {
    await writeFile(file, `${JSON.stringify(privateJwk, null, 2)}\n`, { mode: 0o600, flag: force ? 'w' : 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST')
      throw new UsageError(`${file} already exists: pass --force to replace it.`, { cause: error });
    throw new UsageError(`Cannot write ${file} (${code ?? 'error'}).`, { cause: error });
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
