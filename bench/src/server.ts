/**
 * One benchmark server, run in its own child process (so its RSS and CPU time are its own):
 * a framework, in `bare` or `finhooks` mode, for one payload. Started by `http.ts` with `fork`;
 * reports `{ ready, port }` on IPC once listening, and answers `{ stats }` requests with the
 * handler count and its CPU time.
 *
 * bare     = what an app does without finhooks: read the body, `JSON.parse` it, answer 200
 *            (Moneyhub JWT: base64url-decode the claims segment and `JSON.parse` it, no signature check);
 *            idiomatic per framework (express.json / express.text, Fastify's own parser, a stream read
 *            in node:http and Koa, which has no body parser of its own).
 * finhooks = the adapter doing the whole pipeline: verify, decode, validate, de-duplicate (default
 *            in-memory store), dispatch to one no-op handler.
 */
import { writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Session } from 'node:inspector';
import type { AddressInfo } from 'node:net';
import type { AnyProvider } from '@finhooks/core';
import { fromNodeRequest, handleRequest, resolveWebhooks, writeNodeResponse } from '@finhooks/core/adapter';
import { webhooks as expressWebhooks } from '@finhooks/express';
import { finhooks as fastifyFinhooks } from '@finhooks/fastify';
import { webhooks as koaWebhooks } from '@finhooks/koa';
import express from 'express';
import Fastify from 'fastify';
import Koa from 'koa';
import { EVENT_TYPE, type Framework, type Mode, type PayloadKind, WEBHOOK_PATH } from './config.js';
import { atelioBenchProvider, moneyhubBenchProvider } from './payloads.js';

const framework = process.env.BENCH_FRAMEWORK as Framework;
const mode = process.env.BENCH_MODE as Mode;
const payload = process.env.BENCH_PAYLOAD as PayloadKind;
const BODY_LIMIT = 1024 * 1024;

let handled = 0;
const OK_BODY = '{"received":true}';

/** The bare "decode": JSON.parse the body, or the claims segment of a JWT (unverified). */
function bareDecode(text: string): unknown {
  if (payload === 'moneyhub-250k') {
    const first = text.indexOf('.');
    const second = text.indexOf('.', first + 1);
    return JSON.parse(Buffer.from(text.slice(first + 1, second), 'base64url').toString('utf8'));
  }
  return JSON.parse(text);
}

/**
 * Calibration: `BENCH_BARE_SPIN_US=25` makes the bare route busy-wait that long per request, to see
 * what any N µs of work costs in req/s on this machine (see README, "Reading the figures").
 */
const SPIN_NS = BigInt(Math.round(Number(process.env.BENCH_BARE_SPIN_US ?? 0) * 1000));
function bareHandle(parsed: unknown): void {
  if (typeof parsed !== 'object' || parsed === null) throw new Error('not an object');
  if (SPIN_NS > 0n) {
    const until = process.hrtime.bigint() + SPIN_NS;
    while (process.hrtime.bigint() < until);
  }
  handled++;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    if (size > BODY_LIMIT) throw new Error('too large');
    chunks.push(chunk);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
}

function provider(): AnyProvider {
  if (payload === 'atelio-1k') return atelioBenchProvider();
  const jwks = JSON.parse(process.env.BENCH_JWKS ?? 'null') as Parameters<typeof moneyhubBenchProvider>[0] | null;
  if (!jwks) throw new Error('BENCH_JWKS is required for the Moneyhub payload');
  return moneyhubBenchProvider(jwks);
}

/** The finhooks instance shared by every adapter: one no-op handler on the payload's event type. */
function finhooksInstance() {
  const instance = resolveWebhooks({ provider: provider(), bodyLimit: BODY_LIMIT });
  instance.onEvent(EVENT_TYPE[payload], () => {
    handled++;
  });
  let reported = 0;
  instance.onError((error, context) => {
    // The first few refusals, so an invalid figure says why; never the payload.
    if (reported++ < 5) process.send?.({ error: `${context.status} ${context.code}: ${error.message}` });
  });
  return instance;
}

function notFound(res: ServerResponse): void {
  res.statusCode = 404;
  res.end();
}

async function nodeServer(): Promise<Server> {
  if (mode === 'octokit') {
    // The peer's own middleware, as its README mounts it: verify, JSON.parse, route to on(name).
    // Loaded only in this mode, so the bare and finhooks servers' memory figures do not include it.
    const { createNodeMiddleware } = await import('@octokit/webhooks');
    const { octokitInstance } = await import('./octokit.js');
    const middleware = createNodeMiddleware(
      octokitInstance(() => {
        handled++;
      }),
      { path: WEBHOOK_PATH },
    );
    return createServer((req, res) => void middleware(req, res));
  }
  if (mode === 'bare') {
    return createServer((req, res) => {
      if (req.url !== WEBHOOK_PATH || req.method !== 'POST') return notFound(res);
      readBody(req).then(
        (body) => {
          bareHandle(bareDecode(body.toString('utf8')));
          res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
          res.end(OK_BODY);
        },
        () => {
          res.statusCode = 400;
          res.end();
        },
      );
    });
  }
  const instance = finhooksInstance();
  return createServer((req, res) => {
    if (req.url !== WEBHOOK_PATH) return notFound(res);
    void handleRequest(instance, fromNodeRequest(req)).then((response) => writeNodeResponse(res, response));
  });
}

async function expressServer(): Promise<Server> {
  const app = express();
  app.disable('x-powered-by');
  if (mode === 'bare') {
    const parser =
      payload === 'moneyhub-250k'
        ? express.text({ type: 'application/jwt', limit: BODY_LIMIT })
        : express.json({ limit: BODY_LIMIT });
    app.post(WEBHOOK_PATH, parser, (req, res) => {
      bareHandle(payload === 'moneyhub-250k' ? bareDecode(req.body as string) : req.body);
      res.json({ received: true });
    });
  } else {
    app.use(WEBHOOK_PATH, expressWebhooks(finhooksInstance()));
  }
  return createServer(app);
}

async function koaServer(): Promise<Server> {
  const app = new Koa();
  if (mode === 'bare') {
    app.use(async (ctx) => {
      if (ctx.path !== WEBHOOK_PATH || ctx.method !== 'POST') return;
      const body = await readBody(ctx.req);
      bareHandle(bareDecode(body.toString('utf8')));
      ctx.body = { received: true };
    });
  } else {
    app.use(koaWebhooks({ path: WEBHOOK_PATH, webhooks: finhooksInstance() }));
  }
  return createServer(app.callback());
}

async function fastifyServer(): Promise<{ listen: () => Promise<number> }> {
  const app = Fastify({ logger: false, bodyLimit: BODY_LIMIT });
  if (mode === 'bare') {
    app.addContentTypeParser('application/jwt', { parseAs: 'string' }, (_req, body, done) => {
      try {
        done(null, bareDecode(body as string));
      } catch (error) {
        done(error as Error, undefined);
      }
    });
    // application/json: Fastify's own parser (secure-json-parse).
    app.post(WEBHOOK_PATH, async (request) => {
      bareHandle(request.body);
      return { received: true };
    });
  } else {
    await app.register(fastifyFinhooks, { path: WEBHOOK_PATH, webhooks: finhooksInstance() });
  }
  return {
    async listen() {
      await app.listen({ host: '127.0.0.1', port: 0 });
      return (app.server.address() as AddressInfo).port;
    },
  };
}

async function listen(server: Server): Promise<number> {
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function start(): Promise<number> {
  if (mode === 'octokit' && framework !== 'node') throw new Error('the octokit mode runs on node:http only');
  switch (framework) {
    case 'node':
      return listen(await nodeServer());
    case 'express':
      return listen(await expressServer());
    case 'koa':
      return listen(await koaServer());
    case 'fastify':
      return (await fastifyServer()).listen();
    default:
      throw new Error(`unknown framework ${String(framework)}`);
  }
}

let profiler: Session | undefined;

/** `--profile`: samples the CPU over exactly the measured window (inspector Profiler, 100 µs interval). */
async function profileCommand(command: { start?: boolean; stop?: string }): Promise<void> {
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) =>
      profiler!.post(method, params, (error, result) => (error ? reject(error) : resolve(result))),
    );
  if (command.start) {
    profiler = new Session();
    profiler.connect();
    await post('Profiler.enable');
    await post('Profiler.setSamplingInterval', { interval: 100 });
    await post('Profiler.start');
  } else if (command.stop && profiler) {
    const { profile } = (await post('Profiler.stop')) as { profile: unknown };
    writeFileSync(command.stop, JSON.stringify(profile));
    profiler.disconnect();
    profiler = undefined;
  }
  process.send?.({ profiled: true });
}

process.on('message', (message: { stats?: boolean; profile?: { start?: boolean; stop?: string } }) => {
  if (message.stats) {
    const cpu = process.cpuUsage();
    process.send?.({ stats: { handled, cpuMicros: cpu.user + cpu.system, heapUsed: process.memoryUsage().heapUsed } });
  }
  if (message.profile) void profileCommand(message.profile);
});
process.on('SIGTERM', () => process.exit(0));
process.on('disconnect', () => process.exit(0));

start().then(
  (port) => process.send?.({ ready: true, port }),
  (error: unknown) => {
    process.send?.({ fatal: String((error as Error)?.stack ?? error) });
    process.exit(1);
  },
);
