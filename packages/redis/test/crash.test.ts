import { atelio, createWebhooks } from '@finhooks/core';
import { expect, it } from 'vitest';
import { createWorker, jobIdFor, redisQueue } from '../src/index.js';
import { cardCreatedEvent } from './support/events.js';
import { useFixtureScope } from './support/fixture-scope.js';
import { startFixture } from './support/processes.js';
import { REDIS_URL, uniqueName, waitFor } from './support/redis.js';

const name = uniqueName('crash');
const keys = { STARTED_KEY: `${name}:started`, COUNT_KEY: `${name}:count`, IDS_KEY: `${name}:ids` };
const scope = useFixtureScope(name, [name]);

it('retries on another worker the job of a worker killed (SIGKILL) in the middle of its handler', async () => {
  const queue = redisQueue({ connection: REDIS_URL, queueName: name });
  const webhooks = createWebhooks({ provider: atelio({ secret: 'unused-secret-0123' }) });
  const survivorRuns: string[] = [];
  webhooks.onAny((e) => void survivorRuns.push(e.id));
  const timing = { LOCK_MS: '1000', STALLED_MS: '300' };
  let survivor: ReturnType<typeof createWorker> | undefined;
  try {
    // The doomed worker's handler would take a minute: it is killed long before.
    const doomed = await startFixture('worker', {
      REDIS_URL,
      QUEUE_NAME: name,
      HANDLER_MS: '60000',
      ...timing,
      ...keys,
    });
    await queue.enqueue(cardCreatedEvent('crash-1'));
    await waitFor(
      async () => (await scope.redis.lrange(keys.STARTED_KEY, 0, -1)).includes('crash-1'),
      'the doomed worker to start the handler',
    );
    doomed.child.kill('SIGKILL');
    expect(await doomed.exited).toBe('SIGKILL');
    expect(await queue.queue.getJobState(jobIdFor(cardCreatedEvent('crash-1')))).toBe('active');

    survivor = createWorker(webhooks, {
      connection: REDIS_URL,
      queueName: name,
      lockDuration: 1000,
      stalledInterval: 300,
    });
    await waitFor(() => survivorRuns.length > 0, 'another worker to retry the stalled job', 15_000);
    await waitFor(
      async () => (await queue.queue.getJobState(jobIdFor(cardCreatedEvent('crash-1')))) === 'completed',
      'the job to complete',
    );
    expect(survivorRuns).toEqual(['crash-1']);
    expect(await scope.redis.get(keys.COUNT_KEY)).toBeNull();
    expect(await queue.queue.getJobCounts('active', 'wait', 'failed', 'delayed')).toEqual({
      active: 0,
      wait: 0,
      failed: 0,
      delayed: 0,
    });
  } finally {
    await survivor?.close();
    await queue.close();
  }
});
