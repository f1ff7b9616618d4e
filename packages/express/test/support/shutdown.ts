// Shared with @finhooks/fastify's shutdown test (a real app process on SIGTERM, whatever the framework).
import { type ChildProcess, spawn } from 'node:child_process';
import { createHmac, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { sampleBody } from '@finhooks/core/testing';

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
