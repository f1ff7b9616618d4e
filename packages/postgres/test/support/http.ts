import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AnyProvider, Webhooks } from '@finhooks/core';
import { fromNodeRequest, handleRequest, writeNodeResponse } from '@finhooks/core/adapter';

export interface RunningServer {
  readonly url: string;
  close(): Promise<void>;
}

/** A real `node:http` server running core's pipeline for `webhooks`, on a free loopback port. */
export async function serve<P extends AnyProvider>(webhooks: Webhooks<P>): Promise<RunningServer> {
  const server = createServer((req, res) => {
    void handleRequest(webhooks, fromNodeRequest(req)).then((response) => writeNodeResponse(res, response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Polls `check` until it returns true (or fails after `timeout` ms). */
export async function waitFor(check: () => Promise<boolean>, timeout = 20_000, what = 'condition'): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeout) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
