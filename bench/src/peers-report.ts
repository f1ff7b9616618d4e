/** The peer comparison's tables and verdicts (issue 17), kept apart from report.ts's framework tables. */
import type { ColdResult } from './coldstart.js';
import type { PeerHttpResult } from './http-peers.js';
import { PEER_LABEL, PEERS, type PeerRow } from './peers.js';

/** Targets of issue 17 (ratios finhooks ÷ peer, same run). */
export const PEER_TARGETS = {
  /** Full pipeline per ~1 KB event ÷ octokit `verifyAndReceive`, ÷ stripe `constructEvent`. */
  octokit: 1.0,
  stripe: 1.0,
  /** ÷ the floor (one HMAC, a constant-time compare, JSON.parse). */
  floor: 2.0,
  /** Server CPU per request ÷ octokit's `createNodeMiddleware`. */
  httpCpu: 1.0,
  /** Minified bundle of the smallest handler, bytes. */
  bundleBytes: 150 * 1024,
  /** Import + init ÷ stripe's, same format. */
  coldStart: 1.0,
} as const;

/** The case whose ratios carry the per-event targets (the others are reported). */
const TARGET_CASE = 'atelio-1k';

function table(head: readonly string[], rows: readonly (readonly string[])[], left = 1): string {
  const sep = head.map((_, i) => (i < left ? ':--' : '--:'));
  return [head, sep, ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}
const us = (n: number) => (Number.isFinite(n) ? (n >= 100 ? n.toFixed(0) : n.toFixed(1)) : '–');
const ratio = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : '–');
const kib = (bytes: number) => `${(bytes / 1024).toFixed(bytes < 10_240 ? 1 : 0)} KB`;
const verdict = (value: number, target: number) =>
  `${ratio(value)} (≤ ${target}) ${Number.isFinite(value) && value <= target ? 'met' : 'NOT met'}`;

export interface PeerFindings {
  readonly micro: readonly PeerRow[];
  readonly http?: PeerHttpResult;
  readonly cold: readonly ColdResult[];
}

export function peersSection(f: PeerFindings): string {
  const out: string[] = ['## finhooks against the peers (issue 17)', ''];
  out.push(
    'What each peer checks and does not check: [README.md](./README.md#the-peers). Ratios are finhooks ÷ peer, measured in the same run (absolute figures on a shared machine move; ratios much less).',
    '',
  );
  if (f.micro.length > 0) {
    out.push(
      '### Per event, no HTTP (µs per event, one core, sequential)',
      '',
      'finhooks: `handleRequest` (verify + replay window + decode + zod + de-duplicate in the memory store + route to a no-op handler) on the distinct signed events of the micro-benchmark. Each peer verifies the same body bytes, signed its own way. Medians of alternating rounds.',
      '',
      table(
        ['finhooks event', 'body', 'finhooks', ...PEERS.map((p) => PEER_LABEL[p]), ...PEERS.map((p) => `÷ ${p}`)],
        f.micro.map((r) => [
          r.caseLabel,
          kib(r.bytes),
          `**${us(r.finhooksUs)}**`,
          ...PEERS.map((p) => us(r.peers[p])),
          ...PEERS.map((p) => ratio(r.finhooksUs / r.peers[p])),
        ]),
      ),
      '',
    );
    const t = f.micro.find((r) => r.caseName === TARGET_CASE);
    if (t) {
      out.push(
        `Targets on the ~1 KB event (${t.caseLabel}): finhooks ÷ octokit ${verdict(t.finhooksUs / t.peers.octokit, PEER_TARGETS.octokit)}; ÷ stripe ${verdict(t.finhooksUs / t.peers.stripe, PEER_TARGETS.stripe)}; ÷ floor ${verdict(t.finhooksUs / t.peers.floor, PEER_TARGETS.floor)}.`,
        '',
      );
    }
  }
  if (f.http) {
    const h = f.http;
    out.push(
      '### HTTP on node:http: finhooks against `createNodeMiddleware` (Atelio ~1 KB bodies)',
      '',
      'Same distinct bodies; finhooks checks Atelio’s `Bond-Signature`, octokit GitHub’s `x-hub-signature-256`. Server pinned to one core; server CPU per request = server CPU time ÷ answered requests. Medians over rounds.',
      '',
      table(
        ['server', 'req/s', 'server CPU µs / request', 'p50 / p99 ms', 'server CPU'],
        h.rows.map((r) => [
          r.mode === 'finhooks'
            ? 'finhooks (`handleRequest` + `fromNodeRequest`)'
            : r.mode === 'octokit'
              ? '@octokit/webhooks `createNodeMiddleware`'
              : 'bare (read + JSON.parse, no verification)',
          Math.round(r.summary.reqPerSec).toLocaleString('en-US'),
          `**${us(r.cpuUsPerRequest)}**`,
          `${r.summary.p50.toFixed(2)} / ${r.summary.p99.toFixed(2)}`,
          `${r.summary.serverCpu.toFixed(0)} %`,
        ]),
      ),
      '',
      `Target: finhooks server CPU per request ÷ octokit's ${verdict(h.cpuRatio, PEER_TARGETS.httpCpu)} (per round: ${h.roundRatios.map(ratio).join(' ')}).${h.invalid ? ' **INVALID figures: see the log.**' : ''}`,
      '',
    );
  }
  if (f.cold.length > 0) out.push(coldSection(f.cold));
  return out.join('\n');
}

function coldSection(results: readonly ColdResult[]): string {
  const stripeOf = (format: string) => results.find((r) => r.name === 'stripe' && r.format === format);
  const stripe = (format: string) => stripeOf(format)?.importMs;
  const cpuVsStripe = (r: ColdResult) => r.importCpuMs / (stripeOf(r.format)?.importCpuMs ?? Number.NaN);
  const rows = results.map((r) => {
    const vsStripe = r.importMs / (stripe(r.format) ?? Number.NaN);
    return [
      r.label,
      r.format.toUpperCase(),
      kib(r.minifiedBytes),
      kib(r.gzipBytes),
      r.error
        ? `does not run: \`${r.error.replaceAll('|', '\\|').replaceAll('`', "'")}\``
        : `**${r.importMs.toFixed(1)}**`,
      r.name === 'stripe' ? '1.00' : ratio(vsStripe),
      r.error ? '–' : r.importCpuMs.toFixed(1),
      r.name === 'stripe' ? '1.00' : ratio(cpuVsStripe(r)),
      r.error ? '–' : r.firstRequestCpuMs.toFixed(1),
      r.heaviest.map((h) => `${h.path} ${kib(h.bytes)}`).join(', '),
    ];
  });
  const ours = results.filter((r) => !r.peer);
  const lines = ours.map((r) => {
    const size = r.minifiedBytes <= PEER_TARGETS.bundleBytes;
    const vs = r.importMs / (stripe(r.format) ?? Number.NaN);
    return `- ${r.label}, ${r.format.toUpperCase()}: ${r.error ? '**does not run** (NOT met)' : 'runs'}; size ${kib(r.minifiedBytes)} (≤ 150 KB) ${size ? 'met' : 'NOT met'}; import + init ÷ stripe ${verdict(vs, PEER_TARGETS.coldStart)} (CPU ${ratio(cpuVsStripe(r))})`;
  });
  return [
    '### Cold start: the smallest handler, bundled',
    '',
    '`esbuild --bundle --minify --platform=node --target=node20`, ESM and CJS; each bundle run in fresh processes: import + init = loading the bundle and building the handler (median over processes; wall time, and the process CPU time, which waiting for a busy core does not inflate), then one signed request through it on a real port (it must answer 2xx, or the bundle counts as not running); first request CPU = the process CPU time of that request, client included (work deferred from init, such as schemas built on first use, lands here).',
    '',
    table(
      [
        'handler',
        'format',
        'minified',
        'gzip',
        'import + init ms',
        '÷ stripe',
        'import + init CPU ms',
        'CPU ÷ stripe',
        'first request CPU ms',
        'heaviest inputs',
      ],
      rows,
    ),
    '',
    'Targets (every finhooks provider: the ESM bundle runs, ≤ 150 KB minified, import + init ≤ 1.0 × stripe’s):',
    '',
    ...lines,
    '',
  ].join('\n');
}

export function peersTargetMissed(f: PeerFindings): boolean {
  const t = f.micro.find((r) => r.caseName === TARGET_CASE);
  if (
    t &&
    (t.finhooksUs / t.peers.octokit > PEER_TARGETS.octokit ||
      t.finhooksUs / t.peers.stripe > PEER_TARGETS.stripe ||
      t.finhooksUs / t.peers.floor > PEER_TARGETS.floor)
  )
    return true;
  if (f.http && !(f.http.cpuRatio <= PEER_TARGETS.httpCpu)) return true;
  const stripe = (format: string) => f.cold.find((r) => r.name === 'stripe' && r.format === format)?.importMs;
  return f.cold.some(
    (r) =>
      !r.peer &&
      (r.error !== undefined ||
        r.minifiedBytes > PEER_TARGETS.bundleBytes ||
        !(r.importMs / (stripe(r.format) ?? Number.NaN) <= PEER_TARGETS.coldStart)),
  );
}
