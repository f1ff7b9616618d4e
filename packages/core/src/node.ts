import type { IncomingMessage, ServerResponse } from 'node:http';
import getRawBody from 'raw-body';
import { BodyAlreadyParsedError, MalformedPayloadError, PayloadTooLargeError } from './errors.js';
import type { StreamedRequest, WebhookResponse } from './handle.js';

export interface NodeRequestOptions {
  /**
   * Raw bytes a host body parser kept (e.g. `express.json({ verify })` storing `req.rawBody`).
   * Used instead of the stream, which that parser already consumed.
   */
  readonly rawBody?: Uint8Array | string;
  /** What to tell the developer when the stream was consumed and no raw bytes were kept. */
  readonly howToFix?: string;
}

const DEFAULT_FIX =
  'Mount the finhooks handler before any body parser, or make the parser keep the raw bytes (e.g. express.json({ verify: (req, _res, buf) => { req.rawBody = buf } })).';

/**
 * Adapts a Node `IncomingMessage` to the pipeline. The body is read with `raw-body`: bounded by the
 * limit (a larger Content-Length is refused before reading), never read twice, and never taken from
 * a parsed `req.body` (a re-serialised body would not match the signature).
 */
export function fromNodeRequest(req: IncomingMessage, options: NodeRequestOptions = {}): StreamedRequest {
  return {
    method: req.method ?? 'GET',
    headers: req.headers,
    async readBody(limit) {
      if (options.rawBody !== undefined) {
        const kept = typeof options.rawBody === 'string' ? Buffer.from(options.rawBody, 'utf8') : options.rawBody;
        if (kept.byteLength > limit) throw new PayloadTooLargeError(limit);
        return kept;
      }
      if (req.readableEnded || req.readableDidRead) throw new BodyAlreadyParsedError(options.howToFix ?? DEFAULT_FIX);
      return readStream(req, limit);
    },
  };
}

/** Reads a request stream to a Buffer, refusing more than `limit` bytes. */
export async function readStream(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = req.headers['content-length'];
  try {
    return await getRawBody(req, { limit, ...(declared !== undefined && { length: declared }) });
  } catch (error) {
    const type = (error as { type?: string }).type;
    if (type === 'entity.too.large') throw new PayloadTooLargeError(limit, { cause: error });
    throw new MalformedPayloadError('malformed_body', 'The request body could not be read completely (aborted or shorter than Content-Length).', {
      cause: error,
    });
  }
}

/** Writes a pipeline response to a Node `ServerResponse` (Express, Next.js Pages Router, node:http). */
export function writeNodeResponse(res: ServerResponse, response: WebhookResponse): void {
  res.statusCode = response.status;
  for (const [name, value] of Object.entries(response.headers)) res.setHeader(name, value);
  res.end(response.body);
}

/**
 * Raw bytes a host body parser may have left on the request: a `rawBody` kept by a `verify` hook
 * (Express/body-parser convention, Koa's `ctx.request.rawBody`), or a `req.body` that is still the
 * raw bytes (`express.raw()`) or text (`express.text()`). A parsed object is never used.
 */
export function keptRawBody(...candidates: unknown[]): Uint8Array | string | undefined {
  for (const candidate of candidates) {
    if (candidate instanceof Uint8Array || typeof candidate === 'string') return candidate;
  }
  return undefined;
}
