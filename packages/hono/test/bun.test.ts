/**
 * On Bun: a real Bun server (the binary of `@oven/bun-linux-x64`) runs a small Hono app with the
 * adapter from the built dist (test/bun/server.mjs); Vitest sends it real HTTP deliveries signed here
 * with node:crypto, independently of finhooks' own signers.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHmac, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sampleBody } from '@finhooks/core/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
const BUN = join(dirname(createRequire(import.meta.url).resolve('@oven/bun-linux-x64/package.json')), 'bin', 'bun');
const ATOMIC_SECRET = 'bun-atomic-secret';
const ATELIO_SECRET = 'whsec_bunAtelioSecret0123456789abcdef';
const BODY_LIMIT = 8 * 1024;

/** Atomic: hex HMAC-SHA256 of the raw body, keyed by the API secret. */
function signAtomic(body: string, secret = ATOMIC_SECRET): Record<string, string> {
  return {
    'content-type': 'application/json',
    'x-hmac-signature-sha-256': createHmac('sha256', secret).update(body).digest('hex'),
  };
}

/** Atelio: `Bond-Signature: t=<unix seconds>,v2=<hex HMAC-SHA256 of "t.body">`. */
function signAtelio(body: string, secret = ATELIO_SECRET): Record<string, string> {
  const t = Math.floor(Date.now() / 1000);
  return {
    'content-type': 'application/json',
    'bond-signature': `t=${t},v2=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`,
  };
}

const atomicBody = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    ...(sampleBody('atomic', 'task-status-updated') as object),
    eventTime: new Date(Date.now() + Math.random() * 1e9).toISOString(),
    ...extra,
  });
const atelioBody = (type: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    ...(sampleBody('atelio', type) as object),
    occurred_at: `${new Date().toISOString()}#${randomUUID()}`,
    ...extra,
  });

let child: ChildProcess;
let url: string;
let output = '';

beforeAll(async () => {
  if (!existsSync(join(PACKAGE_DIR, 'dist/index.js')))
    throw new Error('No dist/: run `pnpm build` in packages/hono first.');
  child = spawn(BUN, ['test/bun/server.mjs'], {
    cwd: PACKAGE_DIR,
    env: {
      ...process.env,
      ATOMIC_API_SECRET: ATOMIC_SECRET,
      ATELIO_WEBHOOK_SECRET: ATELIO_SECRET,
      BODY_LIMIT: String(BODY_LIMIT),
    },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => void (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => void (output += chunk.toString()));
  await vi.waitFor(
    () => {
      if (child.exitCode !== null) throw new Error(`bun exited with ${child.exitCode}:\n${output}`);
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (!match) throw new Error(`bun has not started yet:\n${output}`);
      url = match[1]!.replace(/\/$/, '');
    },
    { timeout: 30_000, interval: 100 },
  );
}, 40_000);

afterAll(async () => {
  if (child?.pid === undefined || child.exitCode !== null) return;
  const exited = once(child, 'exit');
  process.kill(-child.pid, 'SIGTERM');
  await exited;
});

const post = (path: string, headers: Record<string, string>, body: string | ReadableStream<Uint8Array>) =>
  fetch(`${url}${path}`, {
    method: 'POST',
    headers,
    body,
    ...(body instanceof ReadableStream && { duplex: 'half' }),
  } as RequestInit);
const handledLines = (id: string) =>
  output.split('\n').filter((line) => line.startsWith('handled ') && line.includes(id));

describe('@finhooks/hono on Bun', () => {
  it('runs on Bun itself', async () => {
    const { bun } = (await (await fetch(`${url}/runtime`)).json()) as { bun: string | null };
    expect(bun).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('a signed Atomic delivery → 200, and the handler ran', async () => {
    const body = atomicBody();
    const response = await post('/webhooks/atomic', signAtomic(body), body);
    expect(response.status, await response.clone().text()).toBe(200);
    expect(await response.json()).toEqual({ received: true });
    const { eventTime } = JSON.parse(body) as { eventTime: string };
    await vi.waitFor(() =>
      expect(handledLines(eventTime)).toEqual([expect.stringMatching(/^handled atomic task-status-updated \S+ /)]),
    );
  });

  it('a signed Atelio delivery → 200, also on the path with a trailing slash', async () => {
    const body = atelioBody('card.created');
    const response = await post('/webhooks/atelio/', signAtelio(body), body);
    expect(response.status, await response.clone().text()).toBe(200);
    const { occurred_at } = JSON.parse(body) as { occurred_at: string };
    await vi.waitFor(() => expect(handledLines(occurred_at)).toHaveLength(1));
  });

  it('forged: signed with another secret, or tampered after signing → 401, and no handler ran', async () => {
    const body = atelioBody('transactions');
    const marker = (JSON.parse(body) as { occurred_at: string }).occurred_at;
    const forged = await post('/webhooks/atelio', signAtelio(body, 'whsec_notTheSecret0123456789abcdef'), body);
    const tampered = await post('/webhooks/atelio', signAtelio(body), body.replace('{', '{ '));
    const atomic = atomicBody();
    const forgedAtomic = await post('/webhooks/atomic', signAtomic(atomic, 'not-the-secret'), atomic);
    for (const response of [forged, tampered, forgedAtomic]) {
      expect(response.status).toBe(401);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('invalid_signature');
    }
    expect(output).not.toContain(marker);
    expect(output).not.toContain((JSON.parse(atomic) as { eventTime: string }).eventTime);
  });

  it('a redelivery → 200 { duplicate: true }, and the handler ran once', async () => {
    const body = atelioBody('transactions');
    const headers = signAtelio(body);
    const first = await post('/webhooks/atelio', headers, body);
    const second = await post('/webhooks/atelio', headers, body);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(await second.json()).toEqual({ received: true, duplicate: true });
    const marker = (JSON.parse(body) as { occurred_at: string }).occurred_at;
    await vi.waitFor(() => expect(handledLines(marker)).toHaveLength(1));
  });

  it('a wrong content type → 415; GET → 405 with Allow: POST', async () => {
    const body = atelioBody('transactions');
    const response = await post('/webhooks/atelio', { ...signAtelio(body), 'content-type': 'text/plain' }, body);
    expect(response.status).toBe(415);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('unsupported_media_type');
    const get = await fetch(`${url}/webhooks/atelio`);
    expect([get.status, get.headers.get('allow')]).toEqual([405, 'POST']);
  });

  it('a body over bodyLimit → 413: declared by Content-Length, or streamed chunked', async () => {
    const body = atelioBody('transactions', { padding: 'x'.repeat(BODY_LIMIT) });
    const declared = await post('/webhooks/atelio', signAtelio(body), body);
    expect(declared.status).toBe(413);
    expect(((await declared.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');

    const bytes = new TextEncoder().encode(body);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 1024) controller.enqueue(bytes.subarray(i, i + 1024));
        controller.close();
      },
    });
    const chunked = await post('/webhooks/atelio', signAtelio(body), stream);
    expect(chunked.status).toBe(413);
    const marker = (JSON.parse(body) as { occurred_at: string }).occurred_at;
    expect(output).not.toContain(marker);
  });
});
