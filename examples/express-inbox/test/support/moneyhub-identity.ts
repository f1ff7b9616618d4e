import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMoneyhubTestKeys, type MoneyhubTestKeys } from '@finhooks/core/testing';

export interface MoneyhubIdentity {
  /** What the app's `MONEYHUB_ISSUER` is set to, and the `iss` of the tokens signed for it. */
  readonly issuer: string;
  readonly keys: MoneyhubTestKeys;
  /** Paths fetched so far: proof that the app discovered the keys. */
  readonly fetched: string[];
  close(): Promise<void>;
}

/** A stand-in for Moneyhub's identity server: OIDC discovery and the JWKS, on a free loopback port. */
export async function serveMoneyhubIdentity(): Promise<MoneyhubIdentity> {
  const keys = await createMoneyhubTestKeys();
  const fetched: string[] = [];
  let issuer = '';
  const server = createServer((req, res) => {
    fetched.push(req.url ?? '');
    const body =
      req.url === '/oidc/.well-known/openid-configuration'
        ? { issuer, jwks_uri: `${issuer}/oidc/certs` }
        : req.url === '/oidc/certs'
          ? keys.jwks
          : undefined;
    res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' }).end(JSON.stringify(body ?? {}));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    keys,
    fetched,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
