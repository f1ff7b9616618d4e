import { randomUUID } from 'node:crypto';
import { type AtelioProvider, atelio, createWebhooks, memoryStore, type Webhooks } from '@finhooks/core';
import { createTestRequest } from '@finhooks/core/testing';
import {
  countDeadLetters,
  createWorker,
  type DeadLetter,
  listDeadLetters,
  redisQueue,
  type RedisQueue,
  type WebhookWorker,
} from '@finhooks/redis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bufferIo } from '../src/io.js';
import { runCli } from '../src/program.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const queueName = `finhooks-cli-dlq-${process.pid}-${randomUUID().slice(0, 8)}`;
const SSN = '987-65-4321';
const provider = atelio({ secret: 'whsec_cli_dlq_secret' });

/** `finhooks …args` in process, as bin.js runs it: exit code and both streams. */
async function finhooks(...args: string[]) {
  const io = bufferIo();
  const code = await runCli(args, io);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

async function waitFor(check: () => Promise<boolean> | boolean, what: string, timeout = 15_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

let queue: RedisQueue;
let worker: WebhookWorker;
let webhooks: Webhooks<AtelioProvider>;
let fixed = false;
const handled: string[] = [];
let jobId: string;
let eventId: string;

describe('finhooks dlq', { timeout: 30_000 }, () => {
  beforeAll(async () => {
    await countDeadLetters({ connection: REDIS_URL, queueName, connectTimeout: 3000 }).catch((error: Error) => {
      throw new Error(
        `Redis is not reachable (${error.message}). These tests need a real Redis: start redis-server or set REDIS_URL.`,
      );
    });
    // A poison event: its handler fails (quoting the payload) until "fixed", so it is dead-lettered after 2 attempts.
    queue = redisQueue({ connection: REDIS_URL, queueName, attempts: 2, backoff: 10 });
    webhooks = createWebhooks({ provider, store: memoryStore(), queue, onError: () => undefined });
    webhooks.onAny((event) => {
      if (!fixed) throw new Error(`rejected ssn ${SSN}`);
      handled.push(event.id);
    });
    worker = createWorker(webhooks, { connection: REDIS_URL, queueName, onError: () => undefined });
    const request = await createTestRequest(provider, 'kyc.verification.success', {
      ssn: SSN,
      occurred_at: new Date().toISOString(),
    });
    expect((await webhooks.handle(request)).status).toBe(200);
    eventId = provider.identify(JSON.parse(request.body) as Record<string, unknown>, request).id;
    await waitFor(
      async () => (await countDeadLetters({ connection: REDIS_URL, queueName })) === 1,
      'the poison event to be dead-lettered',
    );
  });

  afterAll(async () => {
    await worker?.close();
    await queue?.queue.obliterate({ force: true });
    await queue?.close();
  });

  it('list prints the dead letters without their payload', async () => {
    const run = await finhooks('dlq', 'list', '--redis-url', REDIS_URL, '--queue', queueName);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain(`1 dead-lettered event in queue "${queueName}":`);
    expect(run.stdout).toMatch(/JOB ID\s+PROVIDER\s+TYPE\s+ATTEMPTS\s+FAILED AT/);
    expect(run.stdout).toMatch(
      /atelio\/\S+\s+atelio\s+kyc\.verification\.success\s+2\s+\d{4}-\d\d-\d\dT/,
    );
    expect(run.stdout).toContain(`event id: ${eventId}`);
    expect(run.stdout).toContain('handler failed for "kyc.verification.success" (attempt 2 of 2)');
    expect(run.stdout).not.toContain(SSN);
  });

  it('list --json prints the fields, and --redis-url defaults to $REDIS_URL', async () => {
    vi.stubEnv('REDIS_URL', REDIS_URL);
    try {
      const run = await finhooks('dlq', 'list', '--queue', queueName, '--json');
      expect(run.code).toBe(0);
      const letters = JSON.parse(run.stdout) as Array<Omit<DeadLetter, 'failedAt'> & { failedAt: string }>;
      expect(letters).toHaveLength(1);
      expect(letters[0]).toMatchObject({ provider: 'atelio', eventId, type: 'kyc.verification.success', attempts: 2 });
      expect(new Date(letters[0]!.failedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
      jobId = letters[0]!.jobId;
      expect(run.stdout).not.toContain(SSN);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('replay refuses unclear requests and reports ids it could not replay (exit 1)', async () => {
    expect(await finhooks('dlq', 'replay', '--redis-url', REDIS_URL, '--queue', queueName)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('Give the job ids to replay'),
    });
    expect(await finhooks('dlq', 'replay', 'x', '--all', '--redis-url', REDIS_URL, '--queue', queueName)).toMatchObject(
      {
        code: 2,
        stderr: expect.stringContaining('not both'),
      },
    );
    const run = await finhooks('dlq', 'replay', 'atelio/unknown', '--redis-url', REDIS_URL, '--queue', queueName);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('atelio/unknown: no such job');
    expect(await countDeadLetters({ connection: REDIS_URL, queueName })).toBe(1);
  });

  it('replay --all reprocesses the fixed event to completion', async () => {
    fixed = true;
    const run = await finhooks('dlq', 'replay', '--all', '--redis-url', REDIS_URL, '--queue', queueName);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toBe(`Replayed 1 event:\n  ${jobId}\n`);
    await waitFor(() => handled.length === 1, 'the replayed event to be processed');
    expect(handled).toEqual([eventId]);
    await waitFor(async () => (await queue.queue.getJobState(jobId)) === 'completed', 'the job to complete');

    expect((await finhooks('dlq', 'list', '--redis-url', REDIS_URL, '--queue', queueName)).stdout).toBe(
      `No dead-lettered events in queue "${queueName}".\n`,
    );
    expect((await finhooks('dlq', 'replay', '--all', '--redis-url', REDIS_URL, '--queue', queueName)).code).toBe(0);
  });

  it('purge refuses without --yes when there is no terminal to ask on, and deletes the dead letters with it', async () => {
    // A second poison event, dead-lettered (the handler is broken again).
    fixed = false;
    const request = await createTestRequest(provider, 'kyc.verification.success', {
      ssn: SSN,
      occurred_at: new Date(Date.now() + 1000).toISOString(),
    });
    expect((await webhooks.handle(request)).status).toBe(200);
    await waitFor(async () => (await countDeadLetters({ connection: REDIS_URL, queueName })) === 1, 'a dead letter');
    const args = ['--redis-url', REDIS_URL, '--queue', queueName];

    expect(await finhooks('dlq', 'purge', ...args)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('Give the job ids to purge'),
    });
    const unconfirmed = await finhooks('dlq', 'purge', '--all', ...args);
    expect(unconfirmed).toMatchObject({ code: 2, stdout: '' });
    expect(unconfirmed.stderr).toContain('pass --yes to confirm');
    expect(await countDeadLetters({ connection: REDIS_URL, queueName })).toBe(1);

    const [letter] = await listDeadLetters({ connection: REDIS_URL, queueName });
    const unknown = await finhooks('dlq', 'purge', 'atelio/unknown', '--yes', ...args);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('atelio/unknown: no such job');

    const run = await finhooks('dlq', 'purge', '--all', '--yes', ...args);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toBe(`Purged 1 event:\n  ${letter!.jobId}\n`);
    expect(await countDeadLetters({ connection: REDIS_URL, queueName })).toBe(0);
    expect(await queue.queue.getJob(letter!.jobId)).toBeUndefined();
    expect((await finhooks('dlq', 'purge', '--all', '-y', ...args)).stdout).toBe(
      `No dead-lettered events in queue "${queueName}".\n`,
    );
  });

  it('fails with exit 1 and a clear message, without the password, when Redis is unreachable', async () => {
    const run = await finhooks('dlq', 'list', '--redis-url', 'redis://admin:hunter2@127.0.0.1:1', '--queue', queueName);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Could not connect to Redis');
    expect(run.stderr).toContain('redis://***@127.0.0.1:1');
    expect(run.stderr).not.toContain('hunter2');
  });
});
