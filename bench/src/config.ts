/**
 * What the benchmark measures, in one place: frameworks, payloads, and the provider settings the
 * child servers and the request pools share.
 */

export const FRAMEWORKS = ['node', 'express', 'koa', 'fastify'] as const;
export type Framework = (typeof FRAMEWORKS)[number];

export const FRAMEWORK_LABEL: Readonly<Record<Framework, string>> = {
  node: 'node:http',
  express: 'Express 5',
  koa: 'Koa 3',
  fastify: 'Fastify 5',
};

/**
 * `bare`: read the body and JSON.parse it, answer 200. `finhooks`: the adapter runs the whole pipeline.
 * `octokit`: @octokit/webhooks' `createNodeMiddleware` (node:http only; the peer comparison, issue 17).
 */
export const MODES = ['bare', 'finhooks', 'octokit'] as const;
export type Mode = (typeof MODES)[number];

/**
 * The two payloads of issue #7:
 * - `atelio-1k`: Atelio `transactions` (the documented card-payment sample, ~1 KB), `Bond-Signature` v2 HMAC;
 * - `moneyhub-250k`: Moneyhub `newTransactions` with 6000 transaction ids (~234 KB of JSON claims,
 *   ~313 KB as the RS256 JWT that goes on the wire, `application/jwt`).
 */
export const PAYLOADS = ['atelio-1k', 'moneyhub-250k'] as const;
export type PayloadKind = (typeof PAYLOADS)[number];

export const PAYLOAD_LABEL: Readonly<Record<PayloadKind, string>> = {
  'atelio-1k': 'Atelio transactions ~1 KB',
  'moneyhub-250k': 'Moneyhub newTransactions ~250 KB (JWT)',
};

/** The event type each payload carries (the route the no-op handler is registered on). */
export const EVENT_TYPE: Readonly<Record<PayloadKind, string>> = {
  'atelio-1k': 'transactions',
  'moneyhub-250k': 'newTransactions',
};

export const MONEYHUB_TRANSACTION_IDS = 6000;

/** The bench's own Atelio secret (never a real one). */
export const ATELIO_SECRET = 'whsec_finhooks_bench_secret';

/**
 * Request pools are signed once, at the start of a run, and a full run lasts minutes: the
 * freshness windows (Atelio `t`, Moneyhub `iat`) are widened to an hour so no pre-signed request
 * goes stale mid-run. The check itself still runs on every request, so its cost is measured.
 */
export const FRESHNESS_WINDOW_S = 3600;

export const WEBHOOK_PATH = '/webhook';

/** Targets of issue #7 (adapter / bare). */
export const TARGETS = {
  throughput: { 'atelio-1k': 0.85, 'moneyhub-250k': 0.7 } as Readonly<Record<PayloadKind, number>>,
  p99: 1.5,
} as const;
