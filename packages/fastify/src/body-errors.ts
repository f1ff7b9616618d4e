import { headerValue, mediaType } from '@finhooks/core/adapter';
import {
  type AnyProvider,
  MalformedPayloadError,
  PayloadTooLargeError,
  type RawHeaders,
  UnsupportedMediaTypeError,
  type WebhookError,
  type Webhooks,
} from '@finhooks/core';

/**
 * Fastify reads the body of the webhook route (its content-type parser), so its body errors are
 * translated to the errors the other adapters answer with. `undefined`: not a body error, leave it
 * to the host's error handler.
 */
export function fromFastifyBodyError(error: unknown, webhooks: Webhooks<AnyProvider>, headers: RawHeaders): WebhookError | undefined {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  switch (code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new PayloadTooLargeError(webhooks.bodyLimit, { cause: error });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new UnsupportedMediaTypeError(mediaType(headerValue(headers, 'content-type')), webhooks.provider.contentTypes);
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new MalformedPayloadError('malformed_body', 'The request body did not match its Content-Length (aborted or truncated).', { cause: error });
    default:
      return undefined;
  }
}
