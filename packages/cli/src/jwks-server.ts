/**
 * A stand-in for Moneyhub's identity server: the OIDC discovery document and the public JWKS on
 * 127.0.0.1, so a receiver configured with `moneyhub({ issuer })` verifies through real discovery.
 */
import { createServer } from 'node:http';
import { UsageError } from './errors.js';
import type { PublicJwks } from './moneyhub-keys.js';

export const DISCOVERY_PATH = '/oidc/.well-known/openid-configuration';
export const JWKS_PATH = '/oidc/certs';

export interface JwksServer {
  readonly issuer: string;
  readonly discoveryUrl: string;
  readonly jwksUri: string;
  close(): Promise<void>;
}

/** The issuer the CLI signs with when serving on `port`: what the receiver's `moneyhub({ issuer })` must be. */
export function localIssuer(port: number): string {
  return `http://127.0.0.1:${port}`;
}

export function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 1 || port > 65535) {
    throw new UsageError(`"${value}" is not a port: give a number from 1 to 65535.`);
  }
  return port;
}

/** Serves discovery and the JWKS until `close()`; `onFetch` reports each fetch (did the receiver look?). */
export async function serveJwks(
  port: number,
  jwks: PublicJwks,
  onFetch?: (what: 'discovery' | 'jwks', url: string) => void,
): Promise<JwksServer> {
  const issuer = localIssuer(port);
  const discoveryUrl = `${issuer}${DISCOVERY_PATH}`;
  const jwksUri = `${issuer}${JWKS_PATH}`;
  const discovery = JSON.stringify({ issuer, jwks_uri: jwksUri, id_token_signing_alg_values_supported: ['RS256'] });
  const keys = JSON.stringify(jwks);

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', issuer).pathname;
    const body =
      req.method !== 'GET' && req.method !== 'HEAD'
        ? undefined
        : path === DISCOVERY_PATH
          ? discovery
          : path === JWKS_PATH
            ? keys
            : undefined;
    if (body === undefined) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not_found"}');
      return;
    }
    onFetch?.(path === DISCOVERY_PATH ? 'discovery' : 'jwks', path === DISCOVERY_PATH ? discoveryUrl : jwksUri);
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(body);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const reason = error.code === 'EADDRINUSE' ? 'it is already in use' : `${error.code ?? error.message}`;
      reject(
        new UsageError(`Cannot serve the JWKS on port ${port}: ${reason}. Pick another --serve-jwks port.`, {
          cause: error,
        }),
      );
    });
    server.listen(port, '127.0.0.1', resolve);
  });

  return {
    issuer,
    discoveryUrl,
    jwksUri,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
