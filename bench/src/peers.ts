/**
 * The libraries a user would pick instead of finhooks (issue 17), each verifying the same distinct
 * bodies signed its own way, in the same run as finhooks' `handleRequest`:
 *
 *   @octokit/webhooks  `verifyAndReceive`: HMAC-SHA256 (`x-hub-signature-256`), JSON.parse, route to `on(name)`
 *   stripe             `webhooks.constructEvent`: HMAC-SHA256 over `t.body`, 300 s window, JSON.parse
 *   standardwebhooks   `Webhook#verify`: HMAC-SHA256 over `id.t.body`, 300 s window, JSON.parse
 *   svix               `Webhook#verify`: the same scheme as standardwebhooks (svix's own code)
 *   floor              one HMAC-SHA256, a constant-time compare and JSON.parse: what any verifier pays
 *
 * What each does not do (no schema, no de-duplication…) is in bench/README.md.
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import Stripe from 'stripe';
import { Webhook as SvixWebhook } from 'svix';
import { createWebhooks, handleRequest, type RawRequest } from '@finhooks/core';
import type { MicroCase } from './cases.js';
import { OCTOKIT_EVENT, octokitInstance } from './octokit.js';
import { median } from './stats.js';
import { timePerCall, type TimingOptions } from './timing.js';

const STRIPE_SECRET = 'whsec_finhooks_bench_stripe';
/** Standard Webhooks secrets are base64 after `whsec_` (24 random bytes here, fixed). */
const STANDARD_SECRET = `whsec_${Buffer.from('finhooks-bench-standard-secret!!').toString('base64')}`;
const FLOOR_SECRET = 'finhooks-bench-floor-secret';

export const PEERS = ['octokit', 'stripe', 'standardwebhooks', 'svix', 'floor'] as const;
export type Peer = (typeof PEERS)[number];

export const PEER_LABEL: Readonly<Record<Peer, string>> = {
  octokit: '@octokit/webhooks `verifyAndReceive`',
  stripe: 'stripe `webhooks.constructEvent`',
  standardwebhooks: 'standardwebhooks `Webhook#verify`',
  svix: 'svix `Webhook#verify`',
  floor: 'floor: HMAC-SHA256 + timingSafeEqual + JSON.parse',
};

/** Signs `bodies` for each peer, then times each peer's verification over them (µs per event). */
async function peerTimers(bodies: readonly Buffer[], timing: TimingOptions) {
  const octokit = octokitInstance();
  const octokitInputs = await Promise.all(
    bodies.map(async (body) => ({
      id: randomUUID(),
      name: OCTOKIT_EVENT,
      payload: body.toString('utf8'),
      signature: await octokit.sign(body.toString('utf8')),
    })),
  );

  const stripe = new Stripe('sk_test_finhooks_bench');
  const stripeInputs = bodies.map((body) => ({
    body,
    header: stripe.webhooks.generateTestHeaderString({ payload: body.toString('utf8'), secret: STRIPE_SECRET }),
  }));

  const standard = new StandardWebhook(STANDARD_SECRET);
  const svix = new SvixWebhook(STANDARD_SECRET);
  const standardInputs = bodies.map((body) => {
    const id = `msg_${randomUUID()}`;
    const timestamp = new Date();
    const signature = standard.sign(id, timestamp, body.toString('utf8'));
    return {
      body,
      headers: {
        'webhook-id': id,
        'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
        'webhook-signature': signature,
      },
      svixHeaders: {
        'svix-id': id,
        'svix-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
        'svix-signature': signature,
      },
    };
  });

  const floorInputs = bodies.map((body) => ({
    body,
    signature: createHmac('sha256', FLOOR_SECRET).update(body).digest('hex'),
  }));

  // Each peer must accept what it signed (a peer that refused would be timed on its error path).
  await octokit.verifyAndReceive(octokitInputs[0]!);
  stripe.webhooks.constructEvent(stripeInputs[0]!.body, stripeInputs[0]!.header, STRIPE_SECRET);
  standard.verify(standardInputs[0]!.body.toString('utf8'), standardInputs[0]!.headers);
  svix.verify(standardInputs[0]!.body.toString('utf8'), standardInputs[0]!.svixHeaders);

  const timers: Record<Peer, () => Promise<number>> = {
    octokit: () => timePerCall(octokitInputs, (input) => octokit.verifyAndReceive(input), timing),
    stripe: () =>
      timePerCall(
        stripeInputs,
        (input) => stripe.webhooks.constructEvent(input.body, input.header, STRIPE_SECRET),
        timing,
      ),
    // Both take the body as a string (their documented input); a Buffer would be turned into one anyway.
    standardwebhooks: () =>
      timePerCall(standardInputs, (input) => standard.verify(input.body.toString('utf8'), input.headers), timing),
    svix: () =>
      timePerCall(standardInputs, (input) => svix.verify(input.body.toString('utf8'), input.svixHeaders), timing),
    floor: () =>
      timePerCall(
        floorInputs,
        (input) => {
          const mac = createHmac('sha256', FLOOR_SECRET).update(input.body).digest();
          if (!timingSafeEqual(mac, Buffer.from(input.signature, 'hex'))) throw new Error('floor: bad signature');
          return JSON.parse(input.body.toString('utf8')) as unknown;
        },
        timing,
      ),
  };
  return timers;
}

export interface PeerRow {
  /** The micro case finhooks ran (its provider and size). */
  readonly caseName: string;
  readonly caseLabel: string;
  readonly bytes: number;
  /** µs per event, medians over rounds. */
  readonly finhooksUs: number;
  readonly peers: Readonly<Record<Peer, number>>;
}

/**
 * finhooks' `handleRequest` on `c` (a fresh store per pass) and every peer on the same body bytes
 * re-signed their way, in alternating rounds; medians of each.
 */
export async function peerMicro(c: MicroCase, timing: TimingOptions, rounds: number): Promise<PeerRow> {
  const bodies = c.requests.map((r: RawRequest) =>
    Buffer.from(r.rawBody.buffer, r.rawBody.byteOffset, r.rawBody.byteLength),
  );
  const timers = await peerTimers(bodies, timing);
  const noop = () => undefined;
  const fresh = () => {
    const webhooks = createWebhooks({ provider: c.provider, bodyLimit: 4 * 1024 * 1024 });
    webhooks.onEvent(c.eventType, noop);
    return webhooks;
  };
  const finhooks = () =>
    timePerCall(c.requests, (request, webhooks) => handleRequest(webhooks, request), timing, fresh);
  const samples: Record<Peer | 'finhooks', number[]> = {
    finhooks: [],
    octokit: [],
    stripe: [],
    standardwebhooks: [],
    svix: [],
    floor: [],
  };
  for (let round = 0; round < rounds; round++) {
    const order: (Peer | 'finhooks')[] = ['finhooks', ...PEERS];
    if (round % 2 === 1) order.reverse();
    for (const who of order) samples[who].push(await (who === 'finhooks' ? finhooks() : timers[who]()));
  }
  const peers = Object.fromEntries(PEERS.map((p) => [p, median(samples[p])])) as Record<Peer, number>;
  return { caseName: c.name, caseLabel: c.label, bytes: c.bytes, finhooksUs: median(samples.finhooks), peers };
}
