import type { WebhookEvent } from '@finhooks/core';
import { UnrecoverableError } from 'bullmq';

/** The queue every finhooks function uses unless given `queueName`. */
export const DEFAULT_QUEUE_NAME = 'finhooks';

/** A job's data: the event as JSON, `receivedAt` as an ISO string. */
export interface EventJobData {
  readonly provider: string;
  /** The receiving instance's name; absent in jobs enqueued by releases before instance names. */
  readonly instance?: string;
  readonly id: string;
  readonly type: string;
  readonly occurredAt?: string;
  readonly receivedAt: string;
  readonly known: boolean;
  readonly payload: unknown;
  /** The stale-event guard's verdict at receive time (`staleEvents`); absent when the guard is off. */
  readonly stale?: boolean;
  /** The delivery's W3C trace context (only with `telemetry`): the worker continues its trace. */
  readonly traceContext?: Readonly<Record<string, string>>;
}

/**
 * The job id of an event: the receiving instance's name (default the provider's) and the event id,
 * so enqueueing the same delivery twice adds one job, while two instances of one provider sharing
 * the queue each add theirs. Encoded because BullMQ refuses `:` in ids and integer-like ids.
 */
export function jobIdFor(event: Pick<WebhookEvent, 'provider' | 'instance' | 'id'>): string {
  return `${encodeURIComponent(event.instance ?? event.provider)}/${encodeURIComponent(event.id)}`;
}

/** The job name, shown by BullMQ dashboards: `provider/type`. */
export function jobNameFor(event: Pick<WebhookEvent, 'provider' | 'type'>): string {
  return `${event.provider}/${event.type}`;
}

export function serializeEvent(event: WebhookEvent, traceContext?: Readonly<Record<string, string>>): EventJobData {
  return {
    provider: event.provider,
    ...(event.instance !== undefined && { instance: event.instance }),
    id: event.id,
    type: event.type,
    ...(event.occurredAt !== undefined && { occurredAt: event.occurredAt }),
    receivedAt: event.receivedAt.toISOString(),
    known: event.known,
    payload: event.payload,
    ...(event.stale !== undefined && { stale: event.stale }),
    ...(traceContext && { traceContext }),
  };
}

/**
 * The event back from a job's data. Data that is not an event cannot succeed on any attempt, so it
 * fails with BullMQ's `UnrecoverableError` and goes straight to the dead-letter list.
 */
export function deserializeEvent(data: unknown): WebhookEvent {
  const job = data as Partial<EventJobData> | null;
  const receivedAt = new Date(typeof job?.receivedAt === 'string' ? job.receivedAt : Number.NaN);
  if (
    typeof job?.provider !== 'string' ||
    typeof job.id !== 'string' ||
    typeof job.type !== 'string' ||
    typeof job.known !== 'boolean' ||
    Number.isNaN(receivedAt.getTime())
  ) {
    throw new UnrecoverableError(
      'The job data is not a finhooks event (provider, id, type, known, receivedAt); it was not enqueued by redisQueue.',
    );
  }
  return {
    provider: job.provider,
    ...(typeof job.instance === 'string' && { instance: job.instance }),
    id: job.id,
    type: job.type,
    ...(typeof job.occurredAt === 'string' && { occurredAt: job.occurredAt }),
    receivedAt,
    known: job.known,
    payload: job.payload,
    ...(typeof job.stale === 'boolean' && { stale: job.stale }),
  };
}
