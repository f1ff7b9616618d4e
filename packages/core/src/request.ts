/**
 * The framework-neutral request every adapter hands to the pipeline: method, lower-case headers
 * (Node's `IncomingHttpHeaders` fits as is) and the raw body bytes the signature covers.
 */
export type RawHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

export interface RawRequest {
  readonly method: string;
  /** Header names in lower case. */
  readonly headers: RawHeaders;
  /** Exactly the bytes received; never a re-serialised body. */
  readonly rawBody: Uint8Array;
  /** The request target, path and query (`/webhooks/acme?x=1`), when the adapter knows it (see `StreamedRequest.url`). */
  readonly url?: string;
}

/**
 * A request whose body has not been read yet: the pipeline reads it (bounded by `bodyLimit`) only
 * after the checks that need no body passed. Node adapters build one with `fromNodeRequest`.
 */
export interface StreamedRequest {
  readonly method: string;
  readonly headers: RawHeaders;
  /**
   * The request target as received: path and query, no scheme or host (`/webhooks/atomic/acme?x=1`),
   * before any framework stripped a mount path. Per-tenant secret lookups read a tenant from it
   * (`TenantSecrets.tenant`); `fromNodeRequest` and `fromWebRequest` fill it.
   */
  readonly url?: string;
  /**
   * Reads the whole body; rejects with `PayloadTooLargeError` past `limit` bytes and with
   * `BodyTimeoutError` when it takes longer than `timeout` ms.
   */
  readBody(limit: number, timeout?: number): Promise<Uint8Array>;
}

/** What an adapter writes back: status, headers and a small JSON body. */
export interface WebhookResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** First value of a header (names are lower case), or undefined. */
export function headerValue(headers: RawHeaders, name: string): string | undefined {
  const value = headers[name];
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : value[0];
}

/** The media type of a Content-Type header, lower case, without parameters (`charset=…`). */
export function mediaType(contentType: string | undefined): string | undefined {
  if (!contentType) return undefined;
  const semicolon = contentType.indexOf(';');
  return (semicolon === -1 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
}
