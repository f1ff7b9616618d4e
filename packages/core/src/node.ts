import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { BodyAlreadyParsedError, BodyTimeoutError, MalformedPayloadError, PayloadTooLargeError } from './errors.js';
import type { StreamedRequest, WebhookResponse } from './request.js';

export interface NodeRequestOptions {
  /**
   * Raw bytes a host body parser kept (e.g. `express.json({ verify })` storing `req.rawBody`).
   * Used instead of the stream, which that parser already consumed.
   */
  readonly rawBody?: Uint8Array | string;
  /** What to tell the developer when the stream was consumed and no raw bytes were kept. */
  readonly howToFix?: string;
  /**
   * The request target (path and query) when the framework rewrote `req.url` (Koa's mounts: pass
   * `ctx.originalUrl`). Default: Express's `req.originalUrl` when present, else `req.url`.
   */
  readonly url?: string;
}

const DEFAULT_FIX =
  'Mount the finhooks handler before any body parser, or make the parser keep the raw bytes (e.g. express.json({ verify: (req, _res, buf) => { req.rawBody = buf } })).';

/**
 * Adapts a Node `IncomingMessage` to the pipeline. The body is read with `readBodyStream`: bounded by the
 * limit (a larger Content-Length is refused before reading), never read twice, and never taken from
 * a parsed `req.body` (a re-serialised body would not match the signature).
 */
export function fromNodeRequest(req: IncomingMessage, options: NodeRequestOptions = {}): StreamedRequest {
  return {
    method: req.method ?? 'GET',
    headers: req.headers,
    url: options.url ?? originalUrl(req),
    // Not `async`: the stream read's own promise is returned, without a second one wrapping it.
    readBody(limit, timeout) {
      if (options.rawBody !== undefined) {
        const kept = typeof options.rawBody === 'string' ? Buffer.from(options.rawBody, 'utf8') : options.rawBody;
        return kept.byteLength > limit ? Promise.reject(new PayloadTooLargeError(limit)) : Promise.resolve(kept);
      }
      if (req.readableEnded || req.readableDidRead) {
        return Promise.reject(new BodyAlreadyParsedError(options.howToFix ?? DEFAULT_FIX));
      }
      return readStream(req, limit, timeout);
    },
  };
}

/** The URL before any mount path was stripped: Express (and Connect-style routers) keep it as `originalUrl`. */
function originalUrl(req: IncomingMessage): string | undefined {
  const original = (req as IncomingMessage & { originalUrl?: unknown }).originalUrl;
  return typeof original === 'string' ? original : req.url;
}

/** Reads a request stream to a Buffer, refusing more than `limit` bytes or taking longer than `timeout` ms. */
export function readStream(req: IncomingMessage, limit: number, timeout?: number): Promise<Buffer> {
  return readBodyStream(req, { limit, timeout, length: req.headers['content-length'] });
}

export interface BodyStreamOptions {
  /** Largest accepted body, bytes: past it, 413. */
  readonly limit: number;
  /** Time allowed for the whole body, ms: past it, 408 (see `bodyTimeout`). None when undefined. */
  readonly timeout?: number;
  /** The declared Content-Length, when there is one: a shorter or longer body is refused. */
  readonly length?: string | number | undefined;
}

/**
 * Reads a body stream into one Buffer, bounded in size and in time, without a dependency: the bytes
 * are only ever verified and parsed as they are, so a charset decoder (raw-body's iconv-lite, ~490 KB
 * bundled) would be dead weight on every cold start.
 *
 * - A declared length above `limit` is refused before anything is read (413).
 * - Past `limit` received bytes the read stops at once (413): nothing more is buffered.
 * - A body that ends short of (or past) its declared length, an aborted or errored stream, or a stream
 *   closed before its end: 400 `malformed_body`.
 * - A slow-drip sender (a byte every few seconds) is cut off at `timeout` (408, `Connection: close`).
 * On every refusal the stream is paused and the listeners removed, so the buffered bytes are freed
 * and nothing more is read; the connection closes after the error answer.
 */
export function readBodyStream(stream: Readable, options: BodyStreamOptions): Promise<Buffer> {
  const { limit, timeout } = options;
  const length = declaredLength(options.length);
  return new Promise<Buffer>((resolve, reject) => {
    if (length !== undefined && length > limit) {
      stream.pause();
      reject(new PayloadTooLargeError(limit));
      return;
    }
    if (stream.readableEncoding !== null || !stream.readable) {
      reject(
        malformedBody(new Error('The body stream is not readable as bytes (already read, or an encoding is set).')),
      );
      return;
    }
    let chunks: Buffer[] = [];
    let received = 0;
    let timer: NodeJS.Timeout | undefined;
    let settled = false;
    const finish = (error: Error | undefined, body?: Buffer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      chunks = [];
      if (error) {
        stream.off('data', onData);
        stream.off('end', onEnd);
        stream.off('error', onError);
        stream.off('close', onClosed);
        stream.pause();
        reject(error);
      } else {
        // After 'end' nothing more is read: the listeners stay (a later 'close' finds the read settled)
        // and go with the request, rather than costing four removals per request.
        resolve(body!);
      }
    };
    const onData = (chunk: Buffer) => {
      received += chunk.byteLength;
      if (received > limit) finish(new PayloadTooLargeError(limit));
      else chunks.push(chunk);
    };
    const onEnd = () => {
      if (length !== undefined && received !== length) return finish(malformedBody());
      finish(undefined, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, received));
    };
    // Both check `settled` first: after a successful read they stay attached, and an error built
    // only to be dropped would capture a stack trace per request.
    const onError = (error: Error) => settled || finish(malformedBody(error));
    // Closed before its end (the client went away): raw-body left this read pending until the timeout.
    // An aborted IncomingMessage emits 'close' too (and 'error'), so the deprecated 'aborted' is not needed.
    const onClosed = () => settled || finish(malformedBody());
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', onError);
    stream.on('close', onClosed);
    if (timeout !== undefined) timer = setTimeout(() => finish(new BodyTimeoutError(timeout)), timeout);
  });
}

/** The declared Content-Length as a byte count; undefined when absent or not a non-negative integer. */
function declaredLength(value: string | number | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  return Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

function malformedBody(cause?: unknown): MalformedPayloadError {
  return new MalformedPayloadError(
    'malformed_body',
    'The request body could not be read completely (aborted or shorter than Content-Length).',
    cause === undefined ? undefined : { cause },
  );
}

/** Writes a pipeline response to a Node `ServerResponse` (Express, Next.js Pages Router, node:http). */
export function writeNodeResponse(res: ServerResponse, response: WebhookResponse): void {
  // One `writeHead` with the headers, as octokit's middleware answers: headers the app set before
  // (`res.setHeader`) are kept, these win on a clash, and no header map is built per response.
  res.writeHead(response.status, response.headers).end(response.body);
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
