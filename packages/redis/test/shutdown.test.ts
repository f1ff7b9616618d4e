import { atelio, createWebhooks } from '@finhooks/core';
import { expect, it } from 'vitest';
import { createWorker, jobIdFor, redisQueue } from '../src/index.js';
import { cardCreatedEvent } from './support/events.js';
import { useFixtureScope } from './support/fixture-scope.js';
import { startFixture } from './support/processes.js';
import { REDIS_URL, uniqueName, waitFor } from './support/redis.js';

const name = uniqueName('shutdown');
const scope = useFixtureScope(name, [name, `${name}-sigterm`, `${name}-deadline`]);

it('worker.close() lets the running job finish and leaves no job active', async () => {
  const queue = redisQueue({ connection: REDIS_URL, queueName: name });
  const webhooks = createWebhooks({ provider: atelio({ secret: 'unused-secret-0123' }) });
  const log: string[] = [];
  webhooks.onAny(async (e) => {
    log.push(`start ${e.id}`);
    await new Promise((resolve) => setTimeout(resolve, 700));
    log.push(`end ${e.id}`);
  });
  const worker = createWorker(webhooks, { connection: REDIS_URL, queueName: name });
  try {
    await queue.enqueue(cardCreatedEvent('slow-1'));
    await waitFor(() => log.includes('start slow-1'), 'the handler to start');
    await worker.close();
    log.push('closed');
    expect(log).toEqual(['start slow-1', 'end slow-1', 'closed']);
    expect(await queue.queue.getJobState(jobIdFor(cardCreatedEvent('slow-1')))).toBe('completed');
    expect(await queue.queue.getActiveCount()).toBe(0);

    // A closed worker takes no more jobs: they wait for the next one.
    await queue.enqueue(cardCreatedEvent('after-close'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await queue.queue.getJobState(jobIdFor(cardCreatedEvent('after-close')))).toBe('waiting');
  } finally {
    await worker.close();
    await queue.close();
  }
});

it('closeOnSignals: a worker process sent SIGTERM mid-job finishes the job, then exits 0', async () => {
  const queueName = `${name}-sigterm`;
  const keys = { STARTED_KEY: `${name}:started`, COUNT_KEY: `${name}:count`, IDS_KEY: `${name}:ids` };
  const queue = redisQueue({ connection: REDIS_URL, queueName });
  try {
    const worker = await startFixture('worker', { REDIS_URL, QUEUE_NAME: queueName, HANDLER_MS: '1000', ...keys });
    await queue.enqueue(cardCreatedEvent('term-1'));
    await waitFor(async () => (await scope.redis.llen(keys.STARTED_KEY)) === 1, 'the handler to start');
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
    expect(await scope.redis.get(keys.COUNT_KEY)).toBe('1');
    expect(await queue.queue.getJobState(jobIdFor(cardCreatedEvent('term-1')))).toBe('completed');
    expect(await queue.queue.getActiveCount()).toBe(0);
  } finally {
    await queue.close();
  }
});

it('closeOnSignals past its timeout: the unfinished job goes back to the queue (not completed), the process exits 1 within the deadline, and another worker runs it at once', async () => {
  const queueName = `${name}-deadline`;
  const keys = { STARTED_KEY: `${name}:d:started`, COUNT_KEY: `${name}:d:count`, IDS_KEY: `${name}:d:ids` };
  const queue = redisQueue({ connection: REDIS_URL, queueName });
  try {
    // The lock (30 s) outlives the test: only the release can hand the job over this fast.
    const slow = await startFixture('worker', { REDIS_URL, QUEUE_NAME: queueName, HANDLER_MS: '20000', CLOSE_TIMEOUT_MS: '500', ...keys });
    await queue.enqueue(cardCreatedEvent('deadline-1'));
    await waitFor(async () => (await scope.redis.llen(keys.STARTED_KEY)) === 1, 'the handler to start');
    const signalled = Date.now();
    slow.child.kill('SIGTERM');
    expect(await slow.exited).toBe(1);
    expect(Date.now() - signalled).toBeLessThan(5000);
    expect(await scope.redis.get(keys.COUNT_KEY)).toBeNull();
    expect(await queue.queue.getJobState(jobIdFor(cardCreatedEvent('deadline-1')))).toBe('waiting');

    const next = await startFixture('worker', { REDIS_URL, QUEUE_NAME: queueName, HANDLER_MS: '0', ...keys });
    await waitFor(async () => (await scope.redis.get(keys.COUNT_KEY)) === '1', 'the other worker to run it');
    expect(await queue.queue.getJobState(jobIdFor(cardCreatedEvent('deadline-1')))).toBe('completed');
    expect(await scope.redis.smembers(keys.IDS_KEY)).toEqual(['deadline-1']);
    next.child.kill('SIGTERM');
    expect(await next.exited).toBe(0);
  } finally {
    await queue.close();
  }
});
