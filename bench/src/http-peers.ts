/**
 * HTTP against the peer (issue 17): on node:http, finhooks' pipeline (`handleRequest` +
 * `fromNodeRequest`) against @octokit/webhooks' `createNodeMiddleware` and the bare route, the same
 * distinct ~1 KB bodies (signed by Atelio's scheme for finhooks, by GitHub's for octokit), each
 * server pinned to its core like the other HTTP figures; order rotating per round, medians.
 */
import type { Mode } from './config.js';
import { type HttpPlan, measure, type Measurement, summarise, type Summary } from './http.js';
import type { Delivery } from './payloads.js';
import { octokitDelivery, octokitInstance } from './octokit.js';
import { median } from './stats.js';

/** The Atelio pool's bodies, signed as GitHub signs for octokit's middleware. */
export async function octokitPool(pool: readonly Delivery[]): Promise<Delivery[]> {
  const webhooks = octokitInstance();
  return Promise.all(pool.map((d) => octokitDelivery(webhooks, d.body)));
}

export interface PeerHttpRow {
  readonly mode: Mode;
  readonly summary: Summary;
  /** Server CPU per answered request, µs (server CPU % × window ÷ requests), median over rounds. */
  readonly cpuUsPerRequest: number;
}

export interface PeerHttpResult {
  readonly rows: readonly PeerHttpRow[];
  /** finhooks ÷ octokit server CPU per request, per round. */
  readonly roundRatios: readonly number[];
  readonly cpuRatio: number;
  readonly invalid: boolean;
}

const cpuPerRequest = (m: Measurement) => ((m.serverCpu / 100) * 1e6) / m.reqPerSec;

export async function runPeerHttp(plan: HttpPlan): Promise<PeerHttpResult> {
  const modes: Mode[] = ['finhooks', 'octokit', 'bare'];
  const measurements: Measurement[] = [];
  for (let round = 1; round <= plan.rounds; round++) {
    const order = modes.map((_, i) => modes[(i + round - 1) % modes.length]!);
    for (const mode of order) {
      const m = await measure('node', mode, 'atelio-1k', round, plan);
      measurements.push(m);
      plan.log(
        `  peers round ${round} node ${mode.padEnd(8)} ${m.reqPerSec.toFixed(0).padStart(6)} req/s  ` +
          `CPU ${cpuPerRequest(m).toFixed(0)} µs/request  p99 ${m.p99.toFixed(2)} ms` +
          (m.invalid ? `  INVALID: ${m.invalid}` : '') +
          (m.serverErrors.length > 0 ? `  server: ${m.serverErrors[0]}` : ''),
      );
    }
  }
  const rows = modes.map((mode) => ({
    mode,
    summary: summarise(measurements, 'node', 'atelio-1k', mode)!,
    cpuUsPerRequest: median(measurements.filter((m) => m.mode === mode).map(cpuPerRequest)),
  }));
  const roundRatios = Array.from({ length: plan.rounds }, (_, i) => {
    const of = (mode: Mode) => measurements.find((m) => m.round === i + 1 && m.mode === mode)!;
    return cpuPerRequest(of('finhooks')) / cpuPerRequest(of('octokit'));
  });
  // The ratio of the medians is reported; per-round ratios show the spread.
  const cpu = (mode: Mode) => rows.find((r) => r.mode === mode)!.cpuUsPerRequest;
  return {
    rows,
    roundRatios,
    cpuRatio: cpu('finhooks') / cpu('octokit'),
    invalid: measurements.some((m) => m.invalid),
  };
}
