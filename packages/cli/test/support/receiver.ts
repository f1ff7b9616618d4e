/** A real node:http receiver running core's pipeline for one provider, recording what it got. */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { listenOnLoopback } from '@finhooks/adapter-conformance';
import { type AnyProvider, createWebhooks, handleRequest, type WebhookEvent } from '@finhooks/core';
import { fromNodeRequest, writeNodeResponse } from '@finhooks/core/adapter';

export interface Receiver {
  readonly url: string;
  /** Events the handlers ran for. */
  readonly events: WebhookEvent[];
  /** Every request that arrived, whatever the answer. */
  readonly requests: { headers: IncomingHttpHeaders; status: number }[];
  close(): Promise<void>;
}

export interface ReceiverOptions {
  /** Make the handler throw (the pipeline answers 500). */
  readonly failHandler?: boolean;
}

const open = new Set<Receiver>();

/** Closes every receiver still open: `afterEach(closeReceivers)`, so a failed test leaks none. */
export async function closeReceivers(): Promise<void> {
  await Promise.all([...open].map((receiver) => receiver.close()));
}

export async function startReceiver(provider: AnyProvider, options: ReceiverOptions = {}): Promise<Receiver> {
  const events: WebhookEvent[] = [];
  const requests: Receiver['requests'] = [];
  const hooks = createWebhooks({ provider });
  hooks.onAny((event) => {
    if (options.failHandler) throw new Error('handler failed on purpose');
    events.push(event as WebhookEvent);
  });
  const server = await listenOnLoopback((req, res) => {
    void handleRequest(hooks, fromNodeRequest(req)).then((response) => {
      requests.push({ headers: req.headers, status: response.status });
      writeNodeResponse(res, response);
    });
  });
  const receiver: Receiver = {
    url: `${server.url}/webhooks/${provider.name}`,
    events,
    requests,
    close: () => {
      open.delete(receiver);
      return server.close();
    },
  };
  open.add(receiver);
  return receiver;
}

/** A loopback port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
