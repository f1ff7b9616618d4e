/**
 * The Atomic event envelope: `{ eventType, eventTime, user, data }`, "required in all webhooks".
 * Source: seed 001 "Event object" (https://docs.atomicfi.com/paylink/reference/webhooks).
 */
import * as z from 'zod';
import { lazy } from '../../../lazy-catalog.js';

/** `user`: Atomic's `_id` and your `identifier`; `connected` is a task-event extra, absent elsewhere. */
export const atomicUser = lazy(() =>
  z.looseObject({
    _id: z.string(),
    identifier: z.string(),
    /** Whether the user was present to see the task's final outcome (task events). */
    connected: z.boolean().optional(),
  }),
);

/** `metadata`: whatever your system passed when the task was initialised. */
export const atomicMetadata = lazy(() => z.looseObject({}));

/** The envelope with any `eventType` and any `data` object (e.g. the docs' "sample-event-type"). */
export const atomicEnvelope = lazy(() =>
  z.looseObject({
    eventType: z.string(),
    eventTime: z.string(),
    user: atomicUser(),
    data: z.looseObject({}),
  }),
);

/**
 * One catalogue event: the envelope with `eventType` pinned to `type`, `data`, and the top-level
 * fields the docs put beside `data` for this event (`topLevel`).
 */
export function atomicEvent<const T extends string, D extends z.ZodType, const X extends z.ZodRawShape = {}>(
  type: T,
  data: D,
  topLevel?: X,
) {
  return z.looseObject({
    eventType: z.literal(type),
    eventTime: z.string(),
    user: atomicUser(),
    ...(topLevel ?? ({} as X)),
    data,
  });
}
