import { appendFile } from 'node:fs/promises';
import type { WebhookEvent } from '@finhooks/core';

/** What the example keeps of an event: identifiers only, never payload fields (they hold personal data). */
export interface ReceivedRecord {
  readonly route: string;
  readonly provider: string;
  readonly id: string;
  readonly type: string;
  readonly known: boolean;
  /** A non-personal detail a handler read from its typed payload (a status, a count). */
  readonly detail?: Readonly<Record<string, string | number | boolean>>;
}

/**
 * Records a handled event: one JSON line appended to the file named by `FINHOOKS_RECEIVED_LOG`
 * (the end-to-end test reads it), else one log line. Awaited by the handler, so the delivery is
 * acknowledged only once the record is written.
 */
export async function recordReceived(
  route: string,
  event: WebhookEvent,
  detail?: ReceivedRecord['detail'],
): Promise<void> {
  const record: ReceivedRecord = {
    route,
    provider: event.provider,
    id: event.id,
    type: event.type,
    known: event.known,
    ...(detail && { detail }),
  };
  const file = process.env.FINHOOKS_RECEIVED_LOG;
  if (file) await appendFile(file, `${JSON.stringify(record)}\n`);
  else console.info(`[webhooks] ${route}: ${event.type} (${event.id})`);
}
