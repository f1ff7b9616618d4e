import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { sampleBody } from '@finhooks/core/testing';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

/**
 * Deliveries signed the way each provider signs, by implementations independent of finhooks:
 * node:crypto's HMAC for Atelio (`Bond-Signature: t=…,v2=…`) and Atomic (`x-hmac-signature-sha-256`),
 * jose for Moneyhub's RS256 JWTs.
 */

export const config = {
  ATELIO_SECRET: `whsec_${randomBytes(24).toString('base64url')}`,
  ATOMIC_SECRET: randomBytes(24).toString('hex'),
  MONEYHUB_AUDIENCE: 'runtime-suite-client',
};

const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
const kid = 'runtime-suite-key';
export const moneyhubJwks = { keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' }] };
/** A key Moneyhub never published: tokens it signs are forgeries. */
const forger = await generateKeyPair('RS256');

export const env = { ...config, MONEYHUB_JWKS: JSON.stringify(moneyhubJwks) };

export interface Delivery {
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** An Atelio delivery of `payload` (an object, or any text: the body need not be JSON). */
export function atelioDelivery(payload: Record<string, unknown> | string, secret = config.ATELIO_SECRET): Delivery {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const t = Math.floor(Date.now() / 1000);
  const v2 = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return { headers: { 'content-type': 'application/json', 'bond-signature': `t=${t},v2=${v2}` }, body };
}

export function atelioCard(marker?: string): Record<string, unknown> {
  return {
    event: 'card.created',
    card: {
      status: 'Active',
      card_account_id: randomUUID(),
      last_four: '5181',
      card_id: randomUUID(),
      customer_id: randomUUID(),
      ...(marker && { marker }),
    },
    occurred_at: new Date().toISOString(),
  };
}

/** Atomic's documented `task-status-updated` sample with a fresh time, so each delivery is a new event. */
export function atomicDelivery(secret = config.ATOMIC_SECRET): Delivery {
  const body = JSON.stringify({ ...sampleBody('atomic', 'task-status-updated'), eventTime: new Date().toISOString() });
  const digest = createHmac('sha256', secret).update(body).digest('hex');
  return { headers: { 'content-type': 'application/json', 'x-hmac-signature-sha-256': digest }, body };
}

export async function moneyhubDelivery(options: { forged?: boolean } = {}): Promise<Delivery> {
  const body = await new SignJWT({
    events: { 'urn:com:moneyhub:events:newTransactions': sampleBody('moneyhub', 'newTransactions')!.payload },
  })
    .setProtectedHeader({ alg: 'RS256', kid })
    .setIssuer('https://identity.moneyhub.co.uk')
    .setAudience(config.MONEYHUB_AUDIENCE)
    .setSubject('runtime-user')
    .setJti(randomUUID())
    .setIssuedAt()
    .sign(options.forged ? forger.privateKey : privateKey);
  return { headers: { 'content-type': 'application/jwt' }, body };
}
