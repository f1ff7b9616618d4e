/**
 * Instruction counts per event (issue 17), for a machine too busy for wall-clock figures: one of
 * finhooks' `handleRequest` (Atelio ~1 KB card payment), octokit `verifyAndReceive`, stripe
 * `constructEvent` or the floor runs N distinct deliveries after a warm-up, in a process meant to
 * run under `valgrind --tool=callgrind`. Two runs with different N, subtracted, give the
 * instructions per event with start-up and warm-up cancelled out:
 *
 *   node --import tsx src/instructions.ts prepare 0 pool.json   # sign the pool (Stripe's 300 s window starts)
 *   valgrind --tool=callgrind node --import tsx src/instructions.ts finhooks 2000 pool.json
 *
 * (see bench/README.md "Instruction counts"). Not part of `pnpm bench`.
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import Stripe from 'stripe';
import { createWebhooks, handleRequest, type RawRequest } from '@finhooks/core';
import { OCTOKIT_EVENT, octokitInstance } from './octokit.js';
import { atelioBenchProvider, atelioPool } from './payloads.js';

/** Deliveries signed (the bench's quick pool is 2000): a fresh finhooks instance per pass over them. */
const POOL = Number(process.env.POOL ?? 1000);
const WARMUP = Number(process.env.WARMUP ?? 10_000);
const STRIPE_SECRET = 'whsec_finhooks_bench_stripe';
const FLOOR_SECRET = 'finhooks-bench-floor-secret';

type Runner = (count: number) => Promise<void>;

/** Every delivery signed each runner's way, made outside valgrind (signing there takes minutes). */
interface Prepared {
  readonly body: string;
  readonly atelioHeaders: Record<string, string>;
  readonly octokitSignature: string;
  readonly stripeHeader: string;
  readonly floorSignature: string;
}

async function prepare(file: string): Promise<void> {
  const octokit = octokitInstance();
  const stripe = new Stripe('sk_test_finhooks_bench');
  const prepared: Prepared[] = [];
  for (const delivery of await atelioPool(POOL)) {
    const body = delivery.body.toString('utf8');
    prepared.push({
      body,
      atelioHeaders: delivery.headers as Record<string, string>,
      octokitSignature: await octokit.sign(body),
      stripeHeader: stripe.webhooks.generateTestHeaderString({ payload: body, secret: STRIPE_SECRET }),
      floorSignature: createHmac('sha256', FLOOR_SECRET).update(body).digest('hex'),
    });
  }
  writeFileSync(file, JSON.stringify(prepared));
}

function runners(prepared: readonly Prepared[]): Record<string, Runner> {
  const pool = prepared.length;
  const bodies = prepared.map((p) => Buffer.from(p.body, 'utf8'));
  const requests: RawRequest[] = prepared.map((p, i) => ({
    method: 'POST',
    headers: p.atelioHeaders,
    rawBody: bodies[i]!,
  }));
  const octokit = octokitInstance();
  const octokitInputs = prepared.map((p) => ({
    id: randomUUID(),
    name: OCTOKIT_EVENT,
    payload: p.body,
    signature: p.octokitSignature,
  }));
  const stripe = new Stripe('sk_test_finhooks_bench');
  const fresh = () => {
    const webhooks = createWebhooks({ provider: atelioBenchProvider(), bodyLimit: 4 * 1024 * 1024 });
    webhooks.onEvent('transactions', () => undefined);
    return webhooks;
  };
  return {
    finhooks: async (count) => {
      // A fresh instance per pass over the pool: every delivery is a new event (a duplicate would flatter finhooks).
      let webhooks = fresh();
      for (let i = 0; i < count; i++) {
        if (i > 0 && i % pool === 0) webhooks = fresh();
        const response = await handleRequest(webhooks, requests[i % pool]!);
        if (response.status !== 200 || response.body !== '{"received":true}')
          throw new Error(`finhooks: ${response.body}`);
      }
    },
    octokit: async (count) => {
      for (let i = 0; i < count; i++) await octokit.verifyAndReceive(octokitInputs[i % pool]!);
    },
    stripe: async (count) => {
      for (let i = 0; i < count; i++) {
        stripe.webhooks.constructEvent(bodies[i % pool]!, prepared[i % pool]!.stripeHeader, STRIPE_SECRET);
      }
    },
    floor: async (count) => {
      for (let i = 0; i < count; i++) {
        const mac = createHmac('sha256', FLOOR_SECRET)
          .update(bodies[i % pool]!)
          .digest();
        if (!timingSafeEqual(mac, Buffer.from(prepared[i % pool]!.floorSignature, 'hex')))
          throw new Error('floor: bad signature');
        JSON.parse(bodies[i % pool]!.toString('utf8'));
      }
    },
  };
}

const [who = 'finhooks', countText = '1000', file = 'instructions-pool.json'] = process.argv.slice(2);
if (who === 'prepare') {
  await prepare(file);
} else {
  const count = Number(countText);
  const run = runners(JSON.parse(readFileSync(file, 'utf8')) as Prepared[])[who];
  if (!run || !Number.isInteger(count))
    throw new Error('usage: instructions.ts <finhooks|octokit|stripe|floor> <count> <pool file> | prepare <pool file>');
  await run(WARMUP);
  await run(count);
}
