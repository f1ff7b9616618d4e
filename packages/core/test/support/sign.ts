/**
 * Independent signers: the providers' documented schemes written out with node:crypto, without
 * any finhooks code, so a test never checks our signer against itself.
 */
import { createHmac } from 'node:crypto';

export function atomicSignature(body: string, secret: string, encoding: 'hex' | 'base64' = 'hex'): string {
  return createHmac('sha256', secret).update(body).digest(encoding);
}

export function atelioSignatureHeader(body: string, secret: string, timestamp = Math.floor(Date.now() / 1000)): string {
  const v2 = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${'0'.repeat(64)},v2=${v2}`;
}
