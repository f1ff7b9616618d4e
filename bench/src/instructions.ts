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

const WARMUP = Number(process.env.WARMUP ?? 12_000);
/**
 * Deliveries signed: finhooks gets a distinct one for each of the warm-up's and the measured run's
 * deliveries (instructions.sh signs WARMUP + N), all through one instance, as a server runs. A fresh
 * instance on a fresh provider per pass over a smaller pool made V8 deoptimize and recompile the
 * pipeline for each new provider: ~15 k instructions per event of TurboFan work no server pays.
 */
const POOL = Number(process.env.POOL ?? 1000);
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

/** The peers keep nothing, so a pass over 1,000 deliveries again and again is the same work for them. */
const PEER_POOL = 1000;

/**
 * The runner for `who`, holding only what it needs: the heap each one runs in is its own deliveries
 * (finhooks' WARMUP + N, the peers' 1,000), so a peer's major GCs do not mark finhooks' pool.
 */
function runner(who: string, all: readonly Prepared[]): Runner | undefined {
  const prepared = who === 'finhooks' ? all : all.slice(0, PEER_POOL);
  const pool = prepared.length;
  const bodies = prepared.map((p) => Buffer.from(p.body, 'utf8'));
  switch (who) {
    case 'finhooks': {
      const requests: RawRequest[] = prepared.map((p, i) => ({
        method: 'POST',
        headers: p.atelioHeaders,
        rawBody: bodies[i]!,
      }));
      const webhooks = createWebhooks({ provider: atelioBenchProvider(), bodyLimit: 4 * 1024 * 1024 });
      webhooks.onEvent('transactions', () => undefined);
      let delivered = 0;
      return async (count) => {
        // Every delivery a new event (a duplicate would flatter finhooks): the store fills to its
        // capacity (10,000) in the warm-up and evicts its oldest entry per event from then on.
        if (delivered + count > pool) throw new Error(`finhooks: ${delivered + count} deliveries need POOL >= that`);
        for (let i = 0; i < count; i++) {
          const response = await handleRequest(webhooks, requests[delivered++]!);
          if (response.status !== 200 || response.body !== '{"received":true}')
            throw new Error(`finhooks: ${response.body}`);
        }
      };
    }
    case 'octokit': {
      const octokit = octokitInstance();
      const inputs = prepared.map((p) => ({
        id: randomUUID(),
        name: OCTOKIT_EVENT,
        payload: p.body,
        signature: p.octokitSignature,
      }));
      return async (count) => {
        for (let i = 0; i < count; i++) await octokit.verifyAndReceive(inputs[i % pool]!);
      };
    }
    case 'stripe': {
      const stripe = new Stripe('sk_test_finhooks_bench');
      return async (count) => {
        for (let i = 0; i < count; i++) {
          stripe.webhooks.constructEvent(bodies[i % pool]!, prepared[i % pool]!.stripeHeader, STRIPE_SECRET);
        }
      };
    }
    case 'floor':
      return async (count) => {
        for (let i = 0; i < count; i++) {
          const mac = createHmac('sha256', FLOOR_SECRET)
            .update(bodies[i % pool]!)
            .digest();
          if (!timingSafeEqual(mac, Buffer.from(prepared[i % pool]!.floorSignature, 'hex')))
            throw new Error('floor: bad signature');
          JSON.parse(bodies[i % pool]!.toString('utf8'));
        }
      };
    default:
      return undefined;
  }
}

const [who = 'finhooks', countText = '1000', file = 'instructions-pool.json'] = process.argv.slice(2);
if (who === 'prepare') {
  await prepare(file);
} else {
  const count = Number(countText);
  const run = runner(who, JSON.parse(readFileSync(file, 'utf8')) as Prepared[]);
  if (!run || !Number.isInteger(count))
    throw new Error('usage: instructions.ts <finhooks|octokit|stripe|floor> <count> <pool file> | prepare <pool file>');
  await run(WARMUP);
  await run(count);
}
