/**
 * Instruction counts per event (issue 17), for a machine too busy for wall-clock figures: one of
 * finhooks' `handleRequest` (Atelio ~1 KB card payment), octokit `verifyAndReceive`, stripe
 * `constructEvent` or the floor runs N distinct deliveries after a warm-up, in a process meant to
 * run under `valgrind --tool=callgrind`. Two runs with different N, subtracted, give the
 * instructions per event with start-up and warm-up cancelled out:
 *
 *   valgrind --tool=callgrind --callgrind-out-file=/tmp/cg.%p node --import tsx src/instructions.ts finhooks 2000
 *
 * (see bench/README.md "Instruction counts"). Not part of `pnpm bench`.
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import Stripe from 'stripe';
import { createWebhooks, handleRequest, type RawRequest } from '@finhooks/core';
import { OCTOKIT_EVENT, octokitInstance } from './octokit.js';
import { atelioBenchProvider, atelioPool } from './payloads.js';

const WARMUP = 3000;
const STRIPE_SECRET = 'whsec_finhooks_bench_stripe';
const FLOOR_SECRET = 'finhooks-bench-floor-secret';

type Runner = (count: number) => Promise<void>;

async function runners(bodies: readonly Buffer[], requests: readonly RawRequest[]): Promise<Record<string, Runner>> {
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
  const floorInputs = bodies.map((body) => ({
    body,
    signature: createHmac('sha256', FLOOR_SECRET).update(body).digest('hex'),
  }));
  const pool = requests.length;
  return {
    finhooks: async (count) => {
      // A fresh instance per pool pass: every delivery is a new event (a duplicate would flatter finhooks).
      let webhooks = createWebhooks({ provider: atelioBenchProvider(), bodyLimit: 4 * 1024 * 1024 });
      webhooks.onEvent('transactions', () => undefined);
      for (let i = 0; i < count; i++) {
        if (i > 0 && i % pool === 0) {
          webhooks = createWebhooks({ provider: atelioBenchProvider(), bodyLimit: 4 * 1024 * 1024 });
          webhooks.onEvent('transactions', () => undefined);
        }
        const response = await handleRequest(webhooks, requests[i % pool]!);
        if (response.status !== 200 || response.body !== '{"received":true}') throw new Error(`finhooks: ${response.body}`);
      }
    },
    octokit: async (count) => {
      for (let i = 0; i < count; i++) await octokit.verifyAndReceive(octokitInputs[i % pool]!);
    },
    stripe: async (count) => {
      for (let i = 0; i < count; i++) {
        const input = stripeInputs[i % pool]!;
        stripe.webhooks.constructEvent(input.body, input.header, STRIPE_SECRET);
      }
    },
    floor: async (count) => {
      for (let i = 0; i < count; i++) {
        const input = floorInputs[i % pool]!;
        const mac = createHmac('sha256', FLOOR_SECRET).update(input.body).digest();
        if (!timingSafeEqual(mac, Buffer.from(input.signature, 'hex'))) throw new Error('floor: bad signature');
        JSON.parse(input.body.toString('utf8'));
      }
    },
  };
}

const [who = 'finhooks', countText = '1000'] = process.argv.slice(2);
const count = Number(countText);
const deliveries = await atelioPool(250);
const bodies = deliveries.map((d) => d.body);
const requests: RawRequest[] = deliveries.map((d) => ({ method: 'POST', headers: d.headers, rawBody: d.body }));
const all = await runners(bodies, requests);
const run = all[who];
if (!run || !Number.isInteger(count)) throw new Error(`usage: instructions.ts <${Object.keys(all).join('|')}> <count>`);
await run(WARMUP);
await run(count);
