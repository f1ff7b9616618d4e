import { crypto } from '#crypto';
import { jwsAlgorithm } from './jws-algorithms.js';

/**
 * A compact JWS (`header.claims.signature`, RFC 7515 §7.1) signed with `#crypto`: what a provider's
 * `sign` produces for tests and the CLI. Written here rather than with jose's `SignJWT` because
 * that pulled ~10 KB of signing code into every bundled Moneyhub handler, which only ever verifies
 * (bench/README.md, "Cold start"); the tests check these tokens with jose.
 */
export async function signCompactJws(
  header: { readonly alg: string; readonly [name: string]: unknown },
  claims: Readonly<Record<string, unknown>>,
  privateKey: object,
): Promise<string> {
  const algorithm = jwsAlgorithm(header.alg);
  if (!algorithm) throw new TypeError(`Cannot sign a JWT with algorithm ${JSON.stringify(header.alg)}.`);
  const signingInput = `${base64url(utf8(JSON.stringify(header)))}.${base64url(utf8(JSON.stringify(claims)))}`;
  const signature = await crypto.signJws(algorithm, privateKey, utf8(signingInput));
  return `${signingInput}.${base64url(signature)}`;
}

const encoder = new TextEncoder();
const utf8 = (text: string): Uint8Array => encoder.encode(text);

/** Unpadded base64url with the runtime's `btoa` (Node, Bun, Deno, Workers), 32 KiB at a time. */
function base64url(data: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < data.length; i += 0x8000) binary += String.fromCharCode(...data.subarray(i, i + 0x8000));
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}
