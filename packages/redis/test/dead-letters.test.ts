import { atelio, createWebhooks, type ErrorContext, HandlerError, memoryStore } from '@finhooks/core';
import { createTestRequest } from '@finhooks/core/testing';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { countDeadLetters, createWorker, listDeadLetters, redisQueue, replayDeadLetters } from '../src/index.js';
import { connectRedis, deleteQueue, REDIS_URL, uniqueName, waitFor } from './support/redis.js';

const SECRET = 'whsec_poison_secret';
const provider = atelio({ secret: SECRET });
const queueName = uniqueName('poison');
const SSN = '123-45-6789';
let redis: Redis;

beforeAll(async () => {
  redis = await connectRedis();
});

afterAll(async () => {
  await deleteQueue(redis, queueName);
  redis.disconnect();
});

it('dead-letters a poison event after its attempts, lists it without the payload, and replays it once fixed', async () => {
  const queue = redisQueue({
    connection: REDIS_URL,
    queueName,
    attempts: 3,
    backoff: { type: 'exponential', delay: 20 },
  });
  const errors: Array<{ error: Error; context: ErrorContext }> = [];
  const webhooks = createWebhooks({
    provider,
    store: memoryStore(),
    queue,
    onError: (error, context) => void errors.push({ error, context }),
  });
  let fixed = false;
  const handled: string[] = [];
  webhooks.onEvent('kyc.verification.*', (event) => {
    // A handler bug whose message quotes the payload, as real ones do.
    if (!fixed) throw new Error(`cannot file customer with ssn ${SSN} (${JSON.stringify(event.payload)})`);
    handled.push(event.id);
  });
  const worker = createWorker(webhooks, { connection: REDIS_URL, queueName, onError: () => undefined });

  try {
    const request = await createTestRequest(provider, 'kyc.verification.success', {
      ssn: SSN,
      occurred_at: new Date().toISOString(),
    });
    const response = await webhooks.handle(request);
    expect(response.status).toBe(200);
    const eventId = provider.identify(JSON.parse(request.body) as Record<string, unknown>, request).id;

    const options = { connection: REDIS_URL, queueName };
    await waitFor(async () => (await countDeadLetters(options)) === 1, 'the event to be dead-lettered', 15_000);
    const [letter, ...others] = await listDeadLetters(options);
    expect(others).toEqual([]);
    expect(letter).toMatchObject({ provider: 'atelio', eventId, type: 'kyc.verification.success', attempts: 3 });
    expect(letter?.failedAt).toBeInstanceOf(Date);
    expect(letter?.failedReason).toMatch(/handler failed for "kyc.verification.success" \(attempt 3 of 3\)/);
    expect(JSON.stringify(letter)).not.toContain(SSN);
    expect(Object.keys(letter!).sort()).toEqual([
      'attempts',
      'eventId',
      'failedAt',
      'failedReason',
      'jobId',
      'provider',
      'type',
    ]);
    // Nothing personal was stored as the failure either (BullMQ keeps the message and the stack).
    const job = await queue.queue.getJob(letter!.jobId);
    expect(JSON.stringify(job?.stacktrace)).not.toContain(SSN);
    expect(job?.failedReason).not.toContain(SSN);
    // Every failed attempt reached onError, with the handler's own error for the application to log.
    const workerErrors = errors.filter((e) => e.context.code === 'handler_failed');
    expect(workerErrors).toHaveLength(3);
    expect(workerErrors[0]?.context).toEqual({
      provider: 'atelio',
      instance: 'atelio',
      status: 500,
      code: 'handler_failed',
      eventId,
      eventType: 'kyc.verification.success',
    });
    expect(workerErrors[0]?.error).toBeInstanceOf(HandlerError);
    expect(handled).toEqual([]);

    fixed = true;
    const result = await replayDeadLetters({ ...options, jobIds: [letter!.jobId, 'atelio/no-such-event'] });
    expect(result.replayed).toEqual([letter!.jobId]);
    expect(result.skipped).toEqual([{ jobId: 'atelio/no-such-event', reason: 'no such job' }]);
    await waitFor(() => handled.length === 1, 'the replayed event to be processed');
    expect(handled).toEqual([eventId]);
    await waitFor(
      async () => (await queue.queue.getJobState(letter!.jobId)) === 'completed',
      'the replayed job to complete',
    );
    expect(await listDeadLetters(options)).toEqual([]);
    expect(await replayDeadLetters(options)).toEqual({ replayed: [], skipped: [] });
    // A job that is not dead-lettered is not replayed.
    expect((await replayDeadLetters({ ...options, jobIds: [letter!.jobId] })).skipped).toEqual([
      { jobId: letter!.jobId, reason: 'not in the dead-letter list (it is completed)' },
    ]);
  } finally {
    await worker.close();
    await queue.close();
  }
});

it('replays every dead letter when no ids are given, each with a fresh set of attempts', async () => {
  const name = `${queueName}-all`;
  const queue = redisQueue({ connection: REDIS_URL, queueName: name, attempts: 2, backoff: 10 });
  const webhooks = createWebhooks({ provider, store: memoryStore(), queue, onError: () => undefined });
  let fixed = false;
  const attemptsSeen: string[] = [];
  webhooks.onAny((event) => {
    attemptsSeen.push(event.id);
    if (!fixed) throw new Error('downstream is down');
  });
  const worker = createWorker(webhooks, { connection: REDIS_URL, queueName: name, onError: () => undefined });
  const options = { connection: REDIS_URL, queueName: name };
  try {
    for (const second of [1, 2, 3]) {
      const request = await createTestRequest(provider, 'card.created', {
        occurred_at: `2024-05-01T10:00:0${second}Z`,
      });
      expect((await webhooks.handle(request)).status).toBe(200);
    }
    await waitFor(async () => (await countDeadLetters(options)) === 3, 'three dead letters', 15_000);
    expect(attemptsSeen).toHaveLength(6);
    const listed = await listDeadLetters({ ...options, limit: 2 });
    expect(listed).toHaveLength(2);

    const all = (await listDeadLetters(options)).map((letter) => letter.jobId);
    expect(all).toHaveLength(3);

    // Still broken: the replayed jobs run their 2 attempts again and come back.
    const first = await replayDeadLetters(options);
    expect(first.replayed.sort()).toEqual(all.sort());
    await waitFor(
      async () => attemptsSeen.length === 12 && (await countDeadLetters(options)) === 3,
      'the replayed jobs to fail again',
      15_000,
    );

    fixed = true;
    expect((await replayDeadLetters(options)).replayed).toHaveLength(3);
    await waitFor(async () => (await queue.queue.getCompletedCount()) === 3, 'the replayed jobs to complete');
    expect(await countDeadLetters(options)).toBe(0);
  } finally {
    await worker.close();
    await queue.close();
    await deleteQueue(redis, name);
  }
});
