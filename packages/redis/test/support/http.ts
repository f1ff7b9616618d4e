import { listenOnLoopback, type RunningServer } from '@finhooks/adapter-conformance';
import type { AnyProvider, Webhooks } from '@finhooks/core';
import { fromNodeRequest, handleRequest, writeNodeResponse } from '@finhooks/core/adapter';

/** A real `node:http` server running core's pipeline for `webhooks`, on a free loopback port. */
export async function serve<P extends AnyProvider>(webhooks: Webhooks<P>): Promise<RunningServer> {
  const { url, close } = await listenOnLoopback((req, res) => {
    void handleRequest(webhooks, fromNodeRequest(req)).then((response) => writeNodeResponse(res, response));
  });
  return { url: `${url}/webhooks`, close };
}
