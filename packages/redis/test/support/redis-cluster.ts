import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Cluster, type ClusterOptions, Redis } from 'ioredis';
import { freePort } from './redis-server.js';
import { waitFor } from './redis.js';

const run = promisify(execFile);

/** A throwaway Redis Cluster of three masters on loopback, each in its own temp dir, no persistence. */
export interface RedisCluster {
  readonly nodes: ReadonlyArray<{ readonly host: string; readonly port: number }>;
  /** `host:port,…`, for child processes. */
  readonly nodeList: string;
  /** A new ioredis `Cluster` client of it (the caller closes it). */
  client(options?: ClusterOptions): Cluster;
  /** Kills the servers and deletes their directories. */
  stop(): Promise<void>;
}

/**
 * Starts `redis-server --cluster-enabled yes` three times on ports the OS reports free (data port
 * and cluster bus port each), joins them with `redis-cli --cluster create`, and waits until the
 * cluster answers `cluster_state:ok` on every node. Throws (the tests fail, never skip) if any step fails.
 */
export async function startRedisCluster(): Promise<RedisCluster> {
  const dir = await mkdtemp(join(tmpdir(), 'finhooks-cluster-'));
  const children: ChildProcess[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(
      children.map(async (child) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = once(child, 'exit');
        child.kill('SIGKILL');
        await exited;
      }),
    );
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const ports: number[] = [];
    while (ports.length < 6) {
      const port = await freePort();
      if (!ports.includes(port)) ports.push(port);
    }
    const nodes = [0, 1, 2].map((i) => ({ host: '127.0.0.1', port: ports[i]!, bus: ports[i + 3]! }));
    for (const node of nodes) {
      const child = spawn(
        'redis-server',
        [
          '--port',
          String(node.port),
          '--cluster-port',
          String(node.bus),
          '--bind',
          '127.0.0.1',
          '--cluster-enabled',
          'yes',
          '--cluster-config-file',
          `nodes-${node.port}.conf`,
          '--dir',
          dir,
          '--save',
          '',
          '--appendonly',
          'no',
        ],
        { stdio: 'ignore' },
      );
      child.on('error', () => undefined);
      children.push(child);
    }
    for (const [i, node] of nodes.entries()) {
      await waitFor(
        async () => {
          const child = children[i]!;
          if (child.exitCode !== null)
            throw new Error(
              `redis-server (cluster node ${node.port}) exited with code ${String(child.exitCode)}; is redis-server ≥ 7 on PATH?`,
            );
          const client = new Redis({ ...node, lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
          client.on('error', () => undefined);
          try {
            await client.connect();
            return (await client.ping()) === 'PONG';
          } catch {
            return false;
          } finally {
            client.disconnect();
          }
        },
        `cluster node on port ${node.port}`,
        15_000,
        50,
      );
    }
    await run('redis-cli', [
      '--cluster',
      'create',
      ...nodes.map((node) => `${node.host}:${node.port}`),
      '--cluster-replicas',
      '0',
      '--cluster-yes',
    ]).catch((error: Error & { stderr?: string; stdout?: string }) => {
      throw new Error(
        `redis-cli --cluster create failed: ${error.message} ${error.stdout ?? ''} ${error.stderr ?? ''}`,
      );
    });
    for (const node of nodes) {
      await waitFor(
        async () => {
          const client = new Redis({ host: node.host, port: node.port, maxRetriesPerRequest: 0 });
          client.on('error', () => undefined);
          try {
            return ((await client.cluster('INFO')) as string).includes('cluster_state:ok');
          } finally {
            client.disconnect();
          }
        },
        `cluster_state:ok on ${node.port}`,
        20_000,
        100,
      );
    }
    const startup = nodes.map(({ host, port }) => ({ host, port }));
    return {
      nodes: startup,
      nodeList: startup.map(({ host, port }) => `${host}:${port}`).join(','),
      client: (options) => new Cluster(startup, options),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
