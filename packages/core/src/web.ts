import { BodyAlreadyParsedError, BodyTimeoutError, MalformedPayloadError, PayloadTooLargeError } from './errors.js';
import type { StreamedRequest, WebhookResponse } from './request.js';

export interface WebRequestOptions {
  /**
   * The body as sent, from wherever your framework kept it when something read the stream before
   * finhooks (Hono's `c.req.text()`/`arrayBuffer()` cache). Called only when the stream was consumed;
   * `undefined` means nothing usable was kept (e.g. only a parsed object), and the answer is 500
   * `body_already_parsed` with `howToFix`. Text is taken as UTF-8.
   */
  readonly keptBody?: () => Uint8Array | string | undefined | Promise<Uint8Array | string | undefined>;
  /** What to tell the developer when the stream was consumed and nothing was kept. */
  readonly howToFix?: string;
}

const DEFAULT_FIX = 'Hand finhooks the Request before anything reads its body (request.json(), request.text()).';

/**
 * Adapts a Web `Request` (Next.js App Router, Hono, or any fetch-style server) to the pipeline. The
 * body stream is read once, chunk by chunk, and abandoned as soon as it passes the limit; a stream
 * already consumed is replaced by `keptBody` when the framework kept the bytes, never by a parsed body.
 */
export function fromWebRequest(request: Request, options: WebRequestOptions = {}): StreamedRequest {
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  return {
    method: request.method,
    headers,
    url: requestTarget(request.url),
    async readBody(limit, timeout) {
      if (!request.bodyUsed) return readWebBody(request, limit, timeout);
      const kept = await options.keptBody?.();
      if (kept === undefined) throw new BodyAlreadyParsedError(options.howToFix ?? DEFAULT_FIX);
      const bytes = typeof kept === 'string' ? new TextEncoder().encode(kept) : kept;
      if (bytes.byteLength > limit) throw new PayloadTooLargeError(limit);
      return bytes;
    },
  };
}

/** Path and query of an absolute URL (what a Node request's `url` holds): the host is the sender's to choose. */
export function requestTarget(url: string): string | undefined {
  // Skip "scheme://host" without parsing the whole URL on every delivery.
  const authority = url.indexOf('//');
  if (authority === -1) return url.startsWith('/') ? url : undefined;
  const path = url.indexOf('/', authority + 2);
  return path === -1 ? '/' : url.slice(path);
}

/** Reads a Web request body into bytes, refusing more than `limit` or taking longer than `timeout` ms. */
export async function readWebBody(request: Request, limit: number, timeout?: number): Promise<Uint8Array> {
  if (request.bodyUsed) throw new BodyAlreadyParsedError(DEFAULT_FIX);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired =
    timeout === undefined
      ? undefined
      : new Promise<never>((_resolve, reject) => {
          timer = setTimeout(() => reject(new BodyTimeoutError(timeout)), timeout);
        });
  expired?.catch(() => undefined);
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      let chunk: Awaited<ReturnType<typeof reader.read>>;
      try {
        chunk = await (expired ? Promise.race([reader.read(), expired]) : reader.read());
      } catch (error) {
        if (error instanceof BodyTimeoutError) {
          chunks.length = 0;
          reader.cancel().catch(() => undefined); // not awaited, as below
          throw error;
        }
        throw new MalformedPayloadError('malformed_body', 'The request body could not be read completely.', {
          cause: error,
        });
      }
      if (chunk.done) break;
      size += chunk.value.byteLength;
      if (size > limit) {
        // Not awaited: the answer must not wait on the runtime finishing the cancellation (Next.js
        // Edge settles it only once the upload ends, so awaiting held the 413 for a streaming sender).
        reader.cancel().catch(() => undefined);
        throw new PayloadTooLargeError(limit);
      }
      chunks.push(chunk.value);
    }
  } finally {
    clearTimeout(timer);
  }
  return concatChunks(chunks, size);
}

/** The chunks as one array (no Buffer: this module runs on every runtime). */
export function concatChunks(chunks: readonly Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** The pipeline's answer as a Web `Response`. */
export function toWebResponse(response: WebhookResponse): Response {
  return new Response(response.body, { status: response.status, headers: response.headers });
}
