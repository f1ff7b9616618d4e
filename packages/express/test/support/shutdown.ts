// Shared by the shutdown tests of @finhooks/express, koa, hono and fastify (a real app process on SIGTERM).
import { type ChildProcess, spawn } from 'node:child_process';
import { createHmac, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { sampleBody } from '@finhooks/core/testing';
import { redisStore } from '@finhooks/redis';
import { afterAll, afterEach, describe, expect, it } from 'vitest';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const SECRET = 'whsec_shutdown_process_secret_0123456789';

export interface ServerProcess {
  readonly child: ChildProcess;
  readonly url: string;
  /** Every stdout line so far. */
  readonly lines: string[];
  /** Resolves with the first line starting with `prefix` (already printed or to come). */
  line(prefix: string): Promise<string>;
  readonly exited: Promise<number | NodeJS.Signals>;
}

const running = new Set<ChildProcess>();

/** Runs `fixture` (a plain .mjs app) with `env`, waits for `READY <port>`. */
export async function startServer(fixture: URL, env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, [fileURLToPath(fixture)], {
    env: { ...process.env, REDIS_URL, SECRET, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const exited = once(child, 'exit').then(([code, signal]) => {
    running.delete(child);
    return (code ?? signal) as number | NodeJS.Signals;
  });
  const lines: string[] = [];
  const waiters: Array<{ prefix: string; resolve: (line: string) => void }> = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    lines.push(line);
    for (const waiter of waiters.filter((w) => line.startsWith(w.prefix))) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(line);
    }
  });
  const line = (prefix: string) =>
    new Promise<string>((resolve, reject) => {
      const seen = lines.find((l) => l.startsWith(prefix));
      if (seen) return resolve(seen);
      waiters.push({ prefix, resolve });
      void exited.then((code) => reject(new Error(`the process exited (${String(code)}) before printing "${prefix}". stderr: ${stderr}`)));
    });
  const ready = await line('READY ');
  return { child, url: `http://127.0.0.1:${ready.slice('READY '.length)}/webhooks/atelio`, lines, line, exited };
}

export async function killServers(): Promise<void> {
  await Promise.all(
    [...running].map(async (child) => {
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    }),
  );
}

/** An Atelio delivery signed with node:crypto (the documented Bond-Signature v2 scheme), a fresh event each time. */
export function signedDelivery(): { body: string; headers: Record<string, string> } {
  const sample = sampleBody('atelio', 'transactions') as { transaction: Record<string, unknown> };
  // The event's identity is its transaction and time: a new transaction id makes a new event.
  const body = JSON.stringify({ ...sample, transaction: { ...sample.transaction, transaction_id: randomUUID() }, occurred_at: new Date().toISOString() });
  const timestamp = Math.floor(Date.now() / 1000);
  const v2 = createHmac('sha256', SECRET).update(`${timestamp}.${body}`).digest('hex');
  return { body, headers: { 'content-type': 'application/json', 'bond-signature': `t=${timestamp},v2=${v2}` } };
}

/** POSTs a delivery; `refused` when the connection was refused or reset (the server stopped listening). */
export interface Answer {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  readonly json: { received?: boolean; error?: { code: string } };
}

export async function post(url: string, delivery: { body: string; headers: Record<string, string> }): Promise<Answer | 'refused'> {
  try {
    const response = await fetch(url, { method: 'POST', headers: delivery.headers, body: delivery.body });
    const text = await response.text();
    return { status: response.status, headers: response.headers, json: text.startsWith('{') ? (JSON.parse(text) as Answer['json']) : {} };
  } catch {
    return 'refused';
  }
}

export interface ShutdownFixture {
  /** How the app shuts down, for the test names. Default `closeGracefully`. */
  readonly closedBy?: string;
  /**
   * Who answers a delivery arriving while closing: finhooks (503 `shutting_down`), or the framework
   * itself before finhooks sees it (Fastify's `return503OnClosing`: a 503 of its own).
   */
  readonly lateAnsweredBy?: 'finhooks' | 'framework';
  /** The line the app prints once closed, given how many deliveries were abandoned. Default `CLOSED <n>`. */
  readonly closedLine?: (abandoned: number) => string;
}

/**
 * The graceful-shutdown proof for an app process on SIGTERM (`closeGracefully(server, webhooks,
 * { timeout })` for Express, Koa and Hono on Node; `app.close()` for Fastify): `fixture` is that
 * app, a plain .mjs on the built packages that prints `READY <port>`, `START`/`END <event id>`
 * around its handler and its closed line, with a Redis store at `PREFIX` that the test reads back.
 */
export function describeGracefulShutdown(framework: string, fixture: URL, options: ShutdownFixture = {}): void {
  const closedBy = options.closedBy ?? 'closeGracefully';
  const closedLine = options.closedLine ?? ((abandoned: number) => `CLOSED ${abandoned}`);
  const PREFIX = `finhooks-test:shutdown-${framework.toLowerCase()}:${process.pid}:${Date.now()}:`;
  const store = redisStore({ connection: REDIS_URL, prefix: PREFIX });
  const state = (id: string) => store.client.get(`${PREFIX}atelio:${id}`);

  afterEach(killServers);
  afterAll(async () => {
    const keys = await store.client.keys(`${PREFIX}*`);
    if (keys.length > 0) await store.client.del(...keys);
    await store.close();
  });

  describe(`${framework} app process on SIGTERM (${closedBy})`, { timeout: 60_000 }, () => {
    it('finishes the delivery in flight with 200, refuses new ones (503 or connection refused), exits 0 within the deadline', async () => {
      const app = await startServer(fixture, { PREFIX, HANDLER_MS: '1500', CLOSE_MS: '10000' });
      const inFlight = post(app.url, signedDelivery());
      const id = (await app.line('START ')).slice('START '.length);
      const signalled = Date.now();
      app.child.kill('SIGTERM');
      await new Promise((resolve) => setTimeout(resolve, 200));

      const late = await post(app.url, signedDelivery());
      if (late !== 'refused') {
        expect(late.status).toBe(503);
        if (options.lateAnsweredBy !== 'framework') expect(late.json.error?.code).toBe('shutting_down');
      }
      const answered = await inFlight;
      expect(answered).not.toBe('refused');
      expect(answered !== 'refused' && [answered.status, answered.json]).toEqual([200, { received: true }]);
      expect(await app.exited).toBe(0);
      expect(Date.now() - signalled).toBeLessThan(10_000);
      expect(app.lines).toContain(`END ${id}`);
      expect(app.lines).toContain(closedLine(0));
      expect(app.lines.filter((line) => line.startsWith('START '))).toHaveLength(1);
      expect(await state(id)).toBe('done');
    });

    it('past the deadline: the delivery is answered 503 shutting_down, its claim released (not done), exit 0; the redelivery to the next process runs it', async () => {
      const delivery = signedDelivery();
      const app = await startServer(fixture, { PREFIX, HANDLER_MS: '60000', CLOSE_MS: '500' });
      const inFlight = post(app.url, delivery);
      const id = (await app.line('START ')).slice('START '.length);
      expect(await state(id)).toMatch(/^claim:/);
      const signalled = Date.now();
      app.child.kill('SIGTERM');

      const answered = await inFlight;
      expect(
        answered !== 'refused' && [answered.status, answered.headers.get('retry-after'), answered.json.error?.code],
      ).toEqual([503, '5', 'shutting_down']);
      expect(await app.exited).toBe(0);
      expect(Date.now() - signalled).toBeLessThan(5000);
      expect(app.lines).not.toContain(`END ${id}`);
      expect(app.lines).toContain(closedLine(1));
      expect(await state(id)).toBeNull();

      // The provider retries: the next process takes the claim at once (not after the 60 s lease).
      const next = await startServer(fixture, { PREFIX, HANDLER_MS: '0', CLOSE_MS: '1000' });
      const again = await post(next.url, delivery);
      expect(again !== 'refused' && [again.status, again.json]).toEqual([200, { received: true }]);
      expect(next.lines).toContain(`END ${id}`);
      expect(await state(id)).toBe('done');
      next.child.kill('SIGTERM');
      expect(await next.exited).toBe(0);
    });
  });
}
