import { createInterface } from 'node:readline';
import type { ClaimResult, CompleteResult, ExtendResult, ReleaseResult } from '@finhooks/core';
import { startFixture } from './processes.js';

/** A `postgresStore` living in a child process (its own Node process and client), driven over stdio. */
export interface StoreProcess {
  readonly pid: number;
  claim(key: string): Promise<ClaimResult>;
  complete(key: string, token: string): Promise<CompleteResult>;
  release(key: string, token: string): Promise<ReleaseResult>;
  extend(key: string, token: string): Promise<ExtendResult>;
  /** Ends stdin: the process closes its store and exits. */
  close(): Promise<void>;
}

export async function startStoreProcess(env: Record<string, string>): Promise<StoreProcess> {
  // Generous: on a loaded machine a fresh Node process with pg takes a while to start.
  const { child, exited } = await startFixture('store', env, 45_000);
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let next = 0;
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (!line.startsWith('{')) return;
    const answer = JSON.parse(line) as { id: number; result?: unknown; error?: string };
    const waiting = pending.get(answer.id);
    pending.delete(answer.id);
    if (answer.error !== undefined) waiting?.reject(new Error(answer.error));
    else waiting?.resolve(answer.result);
  });
  const send = <T>(op: string, key: string, token?: string): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = next++;
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      child.stdin!.write(`${JSON.stringify({ id, op, key, token })}\n`);
    });
  return {
    pid: child.pid!,
    claim: (key) => send('claim', key),
    complete: (key, token) => send('complete', key, token),
    release: (key, token) => send('release', key, token),
    extend: (key, token) => send('extend', key, token),
    async close() {
      child.stdin!.end();
      await exited;
    },
  };
}
