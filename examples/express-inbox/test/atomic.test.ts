/**
 * Atomic deliveries to the running web process, applied by the running worker to the payroll tasks:
 * real HTTP, signed with the app's secret as Atomic signs, the real PostgreSQL.
 */
import { randomUUID } from 'node:crypto';
import { atomic } from '@finhooks/core';
import { createTestRequest, eventIdOf } from '@finhooks/core/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type RunningProcess, startApp, startWorker, TEST_SECRETS } from './support/app.js';
import { testDatabase, type TestDatabase } from './support/db.js';
import { send, tamper } from './support/http.js';

const signer = atomic({ secret: TEST_SECRETS.atomic });

/** A task-status-updated event of a new task (an Atomic event is identified by its signed body). */
async function taskUpdate(status = 'completed') {
  const task = randomUUID().replace(/-/g, '').slice(0, 24);
  const sample = JSON.parse((await createTestRequest(signer, 'task-status-updated')).body) as { data: Record<string, unknown> };
  const req = await createTestRequest(signer, 'task-status-updated', { task, data: { ...sample.data, previousStatus: 'processing', status } });
  return { req, task, eventId: await eventIdOf(signer, req) };
}

let db: TestDatabase;
let app: RunningProcess;
let worker: RunningProcess;
let url: string;
beforeAll(async () => {
  db = await testDatabase();
  app = await startApp(db.env);
  worker = await startWorker(db.env);
  url = `${app.url}/webhooks/atomic`;
});
afterAll(async () => {
  await worker?.stop();
  await app?.stop();
  await db?.drop();
});

const history = (task: string) => db.rows('SELECT previous_status, status FROM payroll_task_history WHERE task_id = $1', [task]);
const settle = () => new Promise((resolve) => setTimeout(resolve, 1_500));

describe('POST /webhooks/atomic → inbox → worker → payroll_tasks', () => {
  it('a signed task-status-updated → 200; the worker records the status and one history row', async () => {
    const { req, task, eventId } = await taskUpdate();
    const answer = await send(url, req);
    expect(answer.status, answer.text).toBe(200);
    await vi.waitFor(async () => expect((await db.inbox(eventId))[0]?.status).toBe('done'), { timeout: 15_000 });
    expect(await db.rows('SELECT status, distribution_type FROM payroll_tasks WHERE task_id = $1', [task])).toEqual([{ status: 'completed', distribution_type: 'fixed' }]);
    expect(await history(task)).toEqual([{ previous_status: 'processing', status: 'completed' }]);
  });

  it('a redelivery → 200 duplicate, one history row', async () => {
    const { req, task, eventId } = await taskUpdate('failed');
    expect((await send(url, req)).json).toEqual({ received: true });
    expect((await send(url, req)).json).toEqual({ received: true, duplicate: true });
    await vi.waitFor(async () => expect((await db.inbox(eventId))[0]?.status).toBe('done'), { timeout: 15_000 });
    expect((await send(url, req)).json).toEqual({ received: true, duplicate: true });
    await settle();
    expect(await history(task)).toHaveLength(1);
  });

  it('tampered, unsigned or signed with another secret → 401; nothing stored, nothing applied', async () => {
    const { req, task } = await taskUpdate();
    const other = await createTestRequest(atomic({ secret: 'not-the-secret-at-all' }), 'task-status-updated', JSON.parse(req.body) as Record<string, unknown>);
    const before = await db.inboxSize();
    for (const delivery of [tamper(req), { headers: { 'content-type': 'application/json' }, body: req.body }, other]) {
      const answer = await send(url, delivery);
      expect(answer.status, answer.text).toBe(401);
    }
    await settle();
    expect(await db.inboxSize()).toBe(before);
    expect(await history(task)).toEqual([]);
  });
});
