/**
 * `pnpm bench` — finhooks adapters against the bare frameworks, in the same run, as ratios; the
 * core pipeline's cost per event and per stage; what costs most. See bench/README.md.
 *
 *   --quick              one round, fewer requests and samples (~1 min)
 *   --write              write bench/RESULTS.md from this run
 *   --rounds=N           HTTP rounds (default 3; the median is reported)
 *   --frameworks=a,b     subset of node,express,koa,fastify
 *   --payloads=a,b       subset of atelio-1k,moneyhub-250k
 *   --skip=a,b           skip parts: http, micro, costs, hostile, inbox, peers (micro against the peers),
 *                        peers-http (node:http against octokit's middleware), cold (bundles, cold start)
 *   --profile[=fw:payload,…]  also CPU-profile these pairs (default node:atelio-1k,node:moneyhub-250k)
 *   --strict             exit 2 when a target is not met (exit 1 is always an invalid figure)
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildCases, type MicroCase } from './cases.js';
import { FRAMEWORKS, type Framework, PAYLOAD_LABEL, PAYLOADS, type PayloadKind, TARGETS } from './config.js';
import { type CostRow, jwtCosts, smallCosts, validationCosts } from './costs.js';
import { telemetryCosts } from './telemetry.js';
import { hostileCosts, hostileSection, type HostileSummary, hostileTargetMissed } from './hostile.js';
import { inboxBench, inboxSection, type InboxSummary, inboxTargetsMissed } from './inbox.js';
import { type HttpPlan, type LoadShape, type Measurement, runHttp, serverEntry } from './http.js';
import { pinLoader, pinning } from './cpu-pinning.js';
import { machine } from './machine.js';
import { type MicroResult, microCase } from './micro.js';
import { bodySize, buildPools } from './payloads.js';
import { profilePair, type ProfileSummary } from './profile.js';
import { coldEntries } from './cold-entries.js';
import { coldStart, type ColdResult } from './coldstart.js';
import { octokitPool, runPeerHttp, type PeerHttpResult } from './http-peers.js';
import { peerMicro, type PeerRow } from './peers.js';
import { peersSection, peersTargetMissed } from './peers-report.js';
import {
  costsTable,
  cpuTable,
  httpTable,
  invalidList,
  machineSection,
  microTable,
  profileSection,
  verdicts,
} from './report.js';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    write: { type: 'boolean', default: false },
    strict: { type: 'boolean', default: false },
    rounds: { type: 'string' },
    frameworks: { type: 'string' },
    payloads: { type: 'string' },
    skip: { type: 'string', default: '' },
    profile: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
  allowPositionals: false,
  strict: true,
  args: normaliseProfileFlag(process.argv.slice(2)),
});

/** `--profile` alone means the default pairs (parseArgs strings need a value). */
function normaliseProfileFlag(argv: string[]): string[] {
  return argv.filter((a) => a !== '--').map((a) => (a === '--profile' ? '--profile=default' : a));
}

if (values.help) {
  const source = fileURLToPath(import.meta.url);
  console.log(`usage: pnpm bench [-- options]; see the header of ${source} and bench/README.md`);
  process.exit(0);
}

function list<T extends string>(value: string | undefined, all: readonly T[], what: string): T[] {
  if (!value) return [...all];
  const picked = value.split(',').map((v) => v.trim());
  for (const p of picked)
    if (!all.includes(p as T)) throw new Error(`unknown ${what} "${p}" (one of ${all.join(', ')})`);
  return picked as T[];
}

const quick = values.quick;
const frameworks = list(values.frameworks, FRAMEWORKS, 'framework');
const payloads = list(values.payloads, PAYLOADS, 'payload');
const skip = new Set(values.skip.split(',').filter(Boolean));
const rounds = Number(values.rounds ?? (quick ? 1 : 3));
const profileTargets: [Framework, PayloadKind][] =
  values.profile === undefined
    ? []
    : (values.profile === 'default' ? 'node:atelio-1k,node:moneyhub-250k' : values.profile).split(',').map((pair) => {
        const [fw, payload] = pair.split(':') as [Framework, PayloadKind];
        if (!FRAMEWORKS.includes(fw) || !PAYLOADS.includes(payload))
          throw new Error(`--profile: bad pair "${pair}" (framework:payload)`);
        return [fw, payload];
      });

/**
 * Load shapes for a 2-core machine where autocannon and the server share the cores. Connections
 * are few (webhook providers deliver with modest concurrency; more only queue on one server thread)
 * but enough to keep the server busy: with 4, the 250 KB servers idled at ~80 % CPU waiting for
 * autocannon to write the next body, which flattered the ratio. No pipelining (providers do not
 * pipeline; it would also hide per-request costs). Runs are bounded by count, so every measured
 * request is a distinct pooled event.
 */
const shape: Record<PayloadKind, LoadShape> = quick
  ? {
      'atelio-1k': { warmup: 2_000, amount: 8_000, connections: 8, pipelining: 1 },
      'moneyhub-250k': { warmup: 60, amount: 250, connections: 8, pipelining: 1 },
    }
  : {
      'atelio-1k': { warmup: 3_000, amount: 25_000, connections: 8, pipelining: 1 },
      'moneyhub-250k': { warmup: 100, amount: 600, connections: 8, pipelining: 1 },
    };
const timing = quick ? { samples: 3, warmup: 1 } : { samples: 7, warmup: 1 };
const caseSizes = quick ? { small: 2_000, large: 60 } : { small: 5_000, large: 150 };

const log = (line: string) => console.log(line);
const started = process.hrtime.bigint();
const elapsed = () => `${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(0)} s`;
const host = machine();

log(
  `finhooks bench${quick ? ' (quick)' : ''}: ${host.cpu}, ${host.cores} cores, ${host.ramGiB} GiB, Node ${host.node}, load ${host.loadAverage.join(' ')}`,
);
pinLoader();
log(`CPU: ${pinning.description}`);
const entry = serverEntry();
if (!entry.compiled) {
  log(
    `note: bench/dist is missing or stale, servers run through tsx (their RSS includes tsx's loader, ~30 MB). Build first: pnpm --filter @finhooks/bench build`,
  );
}

// ---- pools ------------------------------------------------------------------------------------
// Only the HTTP part sends the pools; without it one event each is enough (body sizes, keys).
const poolSize = (p: PayloadKind) =>
  skip.has('http') && (skip.has('peers-http') || p !== 'atelio-1k')
    ? 1
    : shape[p].warmup + shape[p].amount + shape[p].connections * shape[p].pipelining * 2 + 64;
log(`signing request pools: ${poolSize('atelio-1k')} Atelio, ${poolSize('moneyhub-250k')} Moneyhub … (${elapsed()})`);
const { keys, pools } = await buildPools({
  'atelio-1k': poolSize('atelio-1k'),
  'moneyhub-250k': poolSize('moneyhub-250k'),
});
const sizes = Object.fromEntries(PAYLOADS.map((p) => [p, bodySize(pools[p])])) as Record<PayloadKind, number>;
log(`  Atelio body ${sizes['atelio-1k']} B, Moneyhub JWT ${sizes['moneyhub-250k']} B (${elapsed()})`);

// ---- micro ------------------------------------------------------------------------------------
let micro: MicroResult[] = [];
let costs: CostRow[] = [];
let peerRows: PeerRow[] = [];
if (!skip.has('micro') || !skip.has('costs') || !skip.has('peers')) {
  log(`building micro-benchmark cases … (${elapsed()})`);
  const cases = await buildCases(keys, caseSizes);
  const byName = (name: string): MicroCase => cases.find((c) => c.name === name)!;
  if (!skip.has('micro')) {
    for (const c of cases) {
      const result = await microCase(c, timing);
      micro.push(result);
      log(`  micro ${c.name.padEnd(20)} ${result.totalUs.toFixed(1).padStart(8)} µs/event (${elapsed()})`);
    }
  }
  if (!skip.has('costs')) {
    log(`cost probes … (${elapsed()})`);
    costs = [
      ...(await jwtCosts(byName('moneyhub-250k'), keys, timing)),
      ...(await jwtCosts(byName('moneyhub-1k'), keys, timing)),
      ...(await validationCosts(byName('moneyhub-250k'), timing)),
      ...(await validationCosts(byName('atomic-250k'), timing)),
      ...(await smallCosts(byName('atelio-1k'), timing)),
      ...(await telemetryCosts(byName('atelio-1k'), timing)),
    ];
  }
  if (!skip.has('peers')) {
    log(`peers, per event … (${elapsed()})`);
    // The ~1 KB event carries the targets; the 230 KB Atomic statements keep their ratios (issue 17 §4).
    for (const name of ['atelio-1k', 'atomic-250k']) {
      const row = await peerMicro(byName(name), timing, quick ? 3 : 5);
      peerRows.push(row);
      log(
        `  peers ${name.padEnd(12)} finhooks ${row.finhooksUs.toFixed(1)} µs; ` +
          Object.entries(row.peers)
            .map(([peer, us]) => `${peer} ${us.toFixed(1)} (${(row.finhooksUs / us).toFixed(2)}×)`)
            .join(', '),
      );
    }
  }
}

// ---- cold start (issue 17) -------------------------------------------------------------------
let cold: ColdResult[] = [];
if (!skip.has('cold')) {
  log(`cold start: bundling and running the smallest handlers … (${elapsed()})`);
  cold = await coldStart(coldEntries(), { runs: quick ? 3 : 7, log });
}

// ---- hostile input (issue 16) ----------------------------------------------------------------
let hostile: HostileSummary | undefined;
if (!skip.has('hostile')) {
  log(`hostile-input probe … (${elapsed()})`);
  hostile = await hostileCosts(keys, timing, log);
}

// ---- PostgreSQL inbox against the memory store and BullMQ (issue 12) --------------------------
let inbox: InboxSummary | undefined;
if (!skip.has('inbox')) {
  log(`PostgreSQL inbox against the memory store and BullMQ … (${elapsed()})`);
  inbox = await inboxBench(quick, log);
}

// ---- HTTP -------------------------------------------------------------------------------------
const plan: HttpPlan = { frameworks, payloads, rounds, shape, pools, jwks: keys.jwks, log };
let measurements: Measurement[] = [];
if (!skip.has('http')) {
  log(
    `HTTP: ${rounds} round(s) × ${frameworks.length} frameworks × ${payloads.length} payloads × bare/finhooks (${elapsed()})`,
  );
  measurements = await runHttp(plan);
}
let peerHttp: PeerHttpResult | undefined;
if (!skip.has('peers-http')) {
  log(`HTTP against octokit's middleware: ${rounds} round(s) × finhooks/octokit/bare on node:http (${elapsed()})`);
  peerHttp = await runPeerHttp({
    ...plan,
    peerPools: { octokit: { 'atelio-1k': await octokitPool(pools['atelio-1k']) } },
  });
}
const profiles: ProfileSummary[] = [];
for (const [fw, payload] of profileTargets) {
  log(`profiling ${fw} ${payload} … (${elapsed()})`);
  profiles.push(...(await profilePair(fw, payload, plan)));
}
const end = machine();

// ---- report -----------------------------------------------------------------------------------
const pairs = verdicts(measurements, frameworks, payloads);
const settings = [
  `Command: \`pnpm bench${process.argv.slice(2).length ? ` ${process.argv.slice(2).join(' ')}` : ''}\` — total ${elapsed()}`,
  `Load average at end: ${end.loadAverage.join(' / ')}`,
  ...payloads.map(
    (p) =>
      `${PAYLOAD_LABEL[p]}: body ${sizes[p].toLocaleString('en-US')} B; per server process ${shape[p].warmup} warm-up + ${shape[p].amount} measured requests, ` +
      `${shape[p].connections} connections, pipelining ${shape[p].pipelining}; ${rounds} round(s), bare/finhooks order alternating`,
  ),
  `CPU: ${pinning.description}`,
  ...(process.env.BENCH_BARE_SPIN_US
    ? [`Calibration run: bare routes busy-wait ${process.env.BENCH_BARE_SPIN_US} µs per request (BENCH_BARE_SPIN_US)`]
    : []),
  `Servers: ${entry.compiled ? 'compiled bench/dist/server.js (plain node)' : 'src/server.ts through tsx'}; one child process per measurement`,
];

const sections: string[] = [];
if (pairs.length > 0) {
  sections.push(
    '## HTTP: finhooks adapter against the bare framework',
    '',
    `Medians over rounds. Targets (issue #7): adapter ≥ ${TARGETS.throughput['atelio-1k']} × bare req/s on the 1 KB event, ≥ ${TARGETS.throughput['moneyhub-250k']} × on the 250 KB event; p99 ≤ ${TARGETS.p99} × bare.`,
    '',
    httpTable(pairs),
    '',
    invalidList(pairs),
    '',
    '### Where the CPU went (medians)',
    '',
    'Server CPU is the server process (all threads) in % of one core; autocannon shares the same 2 cores. "Other processes" is the rest of the machine (noise).',
    '',
    cpuTable(pairs),
    '',
  );
}
if (micro.length > 0) {
  sections.push(
    '## Core pipeline, no HTTP (µs per event, one core, sequential)',
    '',
    '`handleRequest(webhooks, rawRequest)` on distinct signed events (a fresh store per pass), and the same events through each stage alone. `rest` = whole pipeline − sum of stages (preflight, `new Date()`, the event object, promise plumbing; negative = noise). Medians of passes.',
    '',
    microTable(micro),
    '',
  );
}
if (costs.length > 0) {
  sections.push('## What costs most: pieces and prototypes (µs per call)', '', costsTable(costs), '');
}
if (profiles.length > 0) {
  sections.push(
    '## CPU profiles of the HTTP servers (measured window only, main thread)',
    '',
    'Sampled self time per request (inspector Profiler, 100 µs); `(program)` is native work outside JS (HTTP parser, sockets), `(garbage collector)` is GC.',
    '',
    profileSection(profiles),
  );
}

if (hostile) sections.push(hostileSection(hostile), '');
const peerFindings = { micro: peerRows, cold, ...(peerHttp && { http: peerHttp }) };
if (peerRows.length > 0 || peerHttp || cold.length > 0) sections.push(peersSection(peerFindings));
if (inbox) sections.push(inboxSection(inbox));

const report = sections.join('\n');
log('');
log(report);

if (values.write) {
  const path = fileURLToPath(new URL('../RESULTS.md', import.meta.url));
  const header = [
    '# finhooks benchmark results',
    '',
    `Written by \`pnpm bench --write\` from an actual run; how to read it: [README.md](./README.md). Do not edit by hand.`,
    '',
    '## Machine',
    '',
    machineSection(host, settings),
    '',
  ].join('\n');
  writeFileSync(path, `${header}\n${report}\n`);
  log(`wrote ${path}`);
}

const invalid = pairs.some((p) => p.invalid) || peerHttp?.invalid === true;
const missed =
  pairs.some((p) => !p.throughputMet || !p.p99Met) ||
  (hostile !== undefined && hostileTargetMissed(hostile)) ||
  (inbox !== undefined && inboxTargetsMissed(inbox)) ||
  peersTargetMissed(peerFindings);
if (invalid) {
  console.error(
    'Some figures are INVALID (non-2xx answers, errors, recycled requests or events that did not reach the handler): see above.',
  );
  process.exit(1);
}
if (values.strict && missed) process.exit(2);
