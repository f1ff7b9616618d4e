import type { WebhookEvent } from '@finhooks/core';

/** A validated Atelio `card.created` event as the queue carries it; only `id` varies. */
export function cardCreatedEvent(id: string): WebhookEvent {
  return {
    provider: 'atelio',
    id,
    type: 'card.created',
    receivedAt: new Date(),
    known: true,
    payload: { event: 'card.created' },
  };
}
