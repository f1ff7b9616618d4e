import { createServer } from 'node:http';
import { type AnyProvider, fromNodeRequest, handleRequest, type Webhooks, writeNodeResponse } from '@finhooks/core';

/** A real `node:http` server running core's pipeline for `webhooks`, on a free loopback port. */
export async function serve<P extends AnyProvider>(
  webhooks: Webhooks<P>,
): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    void handleRequest(webhooks, fromNodeRequest(req)).then((response) => writeNodeResponse(res, response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/webhooks`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
