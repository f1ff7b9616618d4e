import { generateKeyPair, jwtVerify, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { moneyhub, urnFromEventType } from '../../src/index.js';
import { signCompactJws } from '../../src/verify/sign-jws.js';

/** Our signer against jose's (an independent implementation): same bytes for RS256, accepted by jwtVerify. */
describe('signCompactJws', () => {
  it("produces jose SignJWT's exact token for the same RS256 key and claims, and jose verifies it", async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    // Non-ASCII and a long claim, so the UTF-8 and the chunked base64url are exercised.
    const claims = {
      events: { 'urn:x': { note: 'café ✓', ids: Array.from({ length: 6000 }, (_, i) => `id-${i}`) } },
      iss: 'https://issuer.example',
      iat: 1_700_000_000,
      jti: 'evt-1',
    };
    const ours = await signCompactJws({ alg: 'RS256', kid: 'k1' }, claims, privateKey);
    const jose = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).sign(privateKey);
    expect(ours).toBe(jose);
    const { payload, protectedHeader } = await jwtVerify(ours, publicKey, { currentDate: new Date(1_700_000_000_000) });
    expect(protectedHeader).toEqual({ alg: 'RS256', kid: 'k1' });
    expect(payload).toEqual(claims);
  });

  it('refuses an algorithm it does not know, without signing', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    await expect(signCompactJws({ alg: 'none' }, {}, privateKey)).rejects.toThrow(TypeError);
    await expect(signCompactJws({ alg: 'HS256' }, {}, privateKey)).rejects.toThrow(/algorithm "HS256"/);
  });

  it("moneyhub's sign gives the token jose's SignJWT gave before (header, claim order, audience)", async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const provider = moneyhub({ jwks: { keys: [] }, audience: ['client-a', 'client-b'] });
    const body = { id: 'evt-2', eventType: 'newTransactions', userId: 'user-1', payload: { accounts: [] } };
    const signed = await provider.sign(body, { privateKey, kid: 'k2', timestamp: 1_700_000_100 });
    const expected = await new SignJWT({ events: { [urnFromEventType('newTransactions')]: { accounts: [] } } })
      .setProtectedHeader({ alg: 'RS256', kid: 'k2' })
      .setIssuer('https://identity.moneyhub.co.uk')
      .setIssuedAt(1_700_000_100)
      .setJti('evt-2')
      .setSubject('user-1')
      .setAudience('client-a')
      .sign(privateKey);
    expect(signed.body).toBe(expected);
    expect(signed.headers['content-type']).toBe('application/jwt');
  });
});
