import { BodyAlreadyParsedError, MalformedPayloadError, PayloadTooLargeError } from './errors.js';
import type { StreamedRequest, WebhookResponse } from './handle.js';

/**
 * Adapts a Web `Request` (Next.js App Router, or any fetch-style server) to the pipeline. The body
 * stream is read once, chunk by chunk, and abandoned as soon as it passes the limit.
 */
export function fromWebRequest(request: Request): StreamedRequest {
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  return {
    method: request.method,
    headers,
    readBody: (limit) => readWebBody(request, limit),
  };
}

/** Reads a Web request body into bytes, refusing more than `limit`. */
export async function readWebBody(request: Request, limit: number): Promise<Uint8Array> {
  if (request.bodyUsed) {
    throw new BodyAlreadyParsedError('Hand finhooks the Request before anything reads its body (request.json(), request.text()).');
  }
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let chunk: Awaited<ReturnType<typeof reader.read>>;
    try {
      chunk = await reader.read();
    } catch (error) {
      throw new MalformedPayloadError('malformed_body', 'The request body could not be read completely.', { cause: error });
    }
    if (chunk.done) break;
    size += chunk.value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw new PayloadTooLargeError(limit);
    }
    chunks.push(chunk.value);
  }
  return Buffer.concat(chunks, size);
}

/** The pipeline's answer as a Web `Response`. */
export function toWebResponse(response: WebhookResponse): Response {
  return new Response(response.body, { status: response.status, headers: response.headers });
}
