/**
 * The micro-benchmark of the core pipeline, no HTTP: µs per event through `handleRequest` with a
 * `RawRequest`, and the same events split into the pipeline's stages, each timed on its own over
 * the same distinct inputs:
 *
 *   verify    provider.verify(request)                 HMAC / RS256 (jose: also decodes the claims)
 *   decode    provider.decode(request, verified)       JSON.parse / JWT claims → envelope
 *   identify  provider.identify(body, request)         type, id, occurredAt
 *   validate  catalog[type].safeParse(body)            zod (what validateEvent does)
 *   dispatch  store.claim + router dispatch + store.complete   (default memory store, one no-op handler)
 *
 * `rest` is what the whole pipeline costs beyond the stages' sum: preflight (method, size, content
 * type), `new Date()`, the event object, promise plumbing.
 */
import {
  type AnyProvider,
  createWebhooks,
  handleRequest,
  memoryStore,
  type RawRequest,
  type WebhookEvent,
  type Webhooks,
} from '@finhooks/core';
import type { MicroCase } from './cases.js';
import { timePerCall, type TimingOptions } from './timing.js';

export const STAGES = ['verify', 'decode', 'identify', 'validate', 'dispatch'] as const;
export type Stage = (typeof STAGES)[number];

export interface MicroResult {
  readonly name: string;
  readonly label: string;
  readonly bytes: number;
  readonly diagnostic: boolean;
  readonly events: number;
  /** µs per event through handleRequest. */
  readonly totalUs: number;
  readonly stages: Readonly<Record<Stage, number>>;
  /** totalUs minus the stages' sum. */
  readonly restUs: number;
}

function instance(provider: AnyProvider, eventType: string, onHandled: () => void): Webhooks {
  const webhooks = createWebhooks({ provider, bodyLimit: 4 * 1024 * 1024 });
  webhooks.onEvent(eventType, onHandled);
  return webhooks;
}

/** Every request must be answered 200 and reach the handler exactly once; anything else voids the figures. */
async function checkCase(c: MicroCase): Promise<void> {
  let handled = 0;
  const webhooks = instance(c.provider, c.eventType, () => handled++);
  for (const request of c.requests) {
    const response = await handleRequest(webhooks, request);
    if (response.status !== 200)
      throw new Error(`${c.name}: handleRequest answered ${response.status} ${response.body}`);
  }
  if (handled !== c.requests.length) {
    throw new Error(
      `${c.name}: ${c.requests.length} requests but ${handled} reached the handler (duplicates in the pool?)`,
    );
  }
}

export async function microCase(c: MicroCase, timing: TimingOptions): Promise<MicroResult> {
  await checkCase(c);
  const { provider, requests } = c;
  const schema = provider.catalog[c.eventType];
  if (!schema) throw new Error(`${c.name}: no schema for ${c.eventType}`);

  // Inputs of each stage, computed once (and checked by checkCase above).
  const verified: unknown[] = [];
  for (const request of requests) verified.push(await provider.verify(request));
  const bodies = requests.map((request, i) => provider.decode(request, verified[i]));
  const identities = bodies.map((body, i) => provider.identify(body, requests[i]!));
  const receivedAt = new Date();
  const events: WebhookEvent[] = bodies.map((body, i) => ({
    provider: provider.name,
    id: identities[i]!.id,
    type: identities[i]!.type,
    receivedAt,
    payload: schema.parse(body),
    known: true,
  }));
  const indices = requests.map((_, i) => i);

  const noop = () => undefined;
  const stages: Record<Stage, number> = {
    verify: await timePerCall(requests, (request: RawRequest) => provider.verify(request), timing),
    decode: await timePerCall(indices, (i) => provider.decode(requests[i]!, verified[i]), timing),
    identify: await timePerCall(indices, (i) => provider.identify(bodies[i], requests[i]!), timing),
    validate: await timePerCall(bodies, (body) => schema.safeParse(body), timing),
    dispatch: await timePerCall(
      events,
      async (event, context) => {
        const key = `${event.provider}:${event.id}`;
        const claim = await context.store.claim(key);
        await context.webhooks.receive(event);
        if (claim.status === 'claimed') await context.store.complete(key, claim.token);
      },
      timing,
      () => ({ store: memoryStore(), webhooks: instance(provider, c.eventType, noop) }),
    ),
  };
  // A fresh instance (fresh store) per pass: every event is new to the store it meets.
  const totalUs = await timePerCall(
    requests,
    (request, webhooks) => handleRequest(webhooks, request),
    timing,
    () => instance(provider, c.eventType, noop),
  );
  const sum = STAGES.reduce((total, stage) => total + stages[stage], 0);
  return {
    name: c.name,
    label: c.label,
    bytes: c.bytes,
    diagnostic: c.diagnostic ?? false,
    events: requests.length,
    totalUs,
    stages,
    restUs: totalUs - sum,
  };
}
