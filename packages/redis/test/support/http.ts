import { listenOnLoopback, type RunningServer } from '@finhooks/adapter-suite';
import { type AnyProvider, fromNodeRequest, handleRequest, type Webhooks, writeNodeResponse } from '@finhooks/core';

/** A real `node:http` server running core's pipeline for `webhooks`, on a free loopback port. */
export async function serve<P extends AnyProvider>(webhooks: Webhooks<P>): Promise<RunningServer> {
  const { url, close } = await listenOnLoopback((req, res) => {
    void handleRequest(webhooks, fromNodeRequest(req)).then((response) => writeNodeResponse(res, response));
  });
  return { url: `${url}/webhooks`, close };
}
