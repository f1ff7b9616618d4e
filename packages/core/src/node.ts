import type { IncomingMessage, ServerResponse } from 'node:http';
import getRawBody from 'raw-body';
import type { Readable } from 'node:stream';
import { BodyAlreadyParsedError, BodyTimeoutError, MalformedPayloadError, PayloadTooLargeError } from './errors.js';
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
    async readBody(limit, timeout) {
      if (options.rawBody !== undefined) {
        const kept = typeof options.rawBody === 'string' ? Buffer.from(options.rawBody, 'utf8') : options.rawBody;
        if (kept.byteLength > limit) throw new PayloadTooLargeError(limit);
        return kept;
      }
      if (req.readableEnded || req.readableDidRead) throw new BodyAlreadyParsedError(options.howToFix ?? DEFAULT_FIX);
      return readStream(req, limit, timeout);
    },
  };
}

/** Reads a request stream to a Buffer, refusing more than `limit` bytes or taking longer than `timeout` ms. */
export function readStream(req: IncomingMessage, limit: number, timeout?: number): Promise<Buffer> {
  const declared = req.headers['content-length'];
  return readBodyStream(req, { limit, timeout, ...(declared !== undefined && { length: declared }) });
}

export interface BodyStreamOptions {
  /** Largest accepted body, bytes: past it, 413. */
  readonly limit: number;
  /** Time allowed for the whole body, ms: past it, 408 (see `bodyTimeout`). None when undefined. */
  readonly timeout?: number;
  /** The declared Content-Length, when there is one: a shorter or longer body is refused. */
  readonly length?: string | number;
}

/**
 * Reads a body stream with `raw-body`, bounded in size and in time. A slow-drip sender (a byte every
 * few seconds) is cut off at `timeout`: the stream is paused so nothing more is buffered, the read
 * rejects with `BodyTimeoutError` (408, `Connection: close`), and the buffered bytes are freed when
 * the connection closes after that answer.
 */
export async function readBodyStream(stream: Readable, options: BodyStreamOptions): Promise<Buffer> {
  const { limit, timeout } = options;
  const reading = getRawBody(stream, { limit, ...(options.length !== undefined && { length: options.length }) });
  let timer: NodeJS.Timeout | undefined;
  try {
    if (timeout === undefined) return await reading;
    const expired = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        stream.pause();
        reading.catch(() => undefined); // settles when the connection closes; nobody waits for it
        reject(new BodyTimeoutError(timeout));
      }, timeout);
    });
    return await Promise.race([reading, expired]);
  } catch (error) {
    if (error instanceof BodyTimeoutError) throw error;
    const type = (error as { type?: string }).type;
    if (type === 'entity.too.large') throw new PayloadTooLargeError(limit, { cause: error });
    throw new MalformedPayloadError(
      'malformed_body',
      'The request body could not be read completely (aborted or shorter than Content-Length).',
      {
        cause: error,
      },
    );
  } finally {
    clearTimeout(timer);
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
