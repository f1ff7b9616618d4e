/**
 * Expected event ids, written out from the documented rule (packages/core/README.md, "Event
 * identity") with node:crypto alone, so a test never checks the id code against itself.
 */
import { createHash } from 'node:crypto';

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/** `entity-sha256:` + SHA-256 of the JSON array `[type, [entity ids…], occurredAt]`. */
export function expectedEntityId(type: string, ids: readonly (string | number | boolean | null)[], occurredAt: string): string {
  return `entity-sha256:${sha256(JSON.stringify([type, ids, occurredAt]))}`;
}

/** `body-sha256:` + SHA-256 of the signed body bytes. */
export function expectedBodyId(body: string | Uint8Array): string {
  return `body-sha256:${sha256(body)}`;
}

/** `claims-sha256:` + SHA-256 of a compact JWS's payload segment. */
export function expectedClaimsId(token: string): string {
  return `claims-sha256:${sha256(token.trim().split('.')[1]!)}`;
}
