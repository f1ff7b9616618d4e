import type { RawRequest } from '../../src/request.js';

/** A raw POST as an adapter would hand it to the pipeline. */
export function rawPost(body: string | Uint8Array, headers: Record<string, string> = {}, method = 'POST'): RawRequest {
  return {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    rawBody: typeof body === 'string' ? Buffer.from(body, 'utf8') : body,
  };
}

/** Parses a pipeline response body. */
export function json(response: { body: string }): { received?: boolean; duplicate?: boolean; error?: { code: string; message: string } } {
  return JSON.parse(response.body) as never;
}
