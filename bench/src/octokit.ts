/**
 * The @octokit/webhooks side of the peer comparison that the HTTP servers need too: its instance and
 * its deliveries. Apart from peers.ts so a server process loads octokit only, not every peer.
 */
import { randomUUID } from 'node:crypto';
import { Webhooks as OctokitWebhooks } from '@octokit/webhooks';
import type { Delivery } from './payloads.js';

export const OCTOKIT_SECRET = 'finhooks-bench-octokit-secret';

/** The GitHub event name octokit routes the bench's bodies to (any name; octokit does not look inside). */
export const OCTOKIT_EVENT = 'push';

export function octokitInstance(onEvent: () => void = () => undefined): OctokitWebhooks {
  const webhooks = new OctokitWebhooks({ secret: OCTOKIT_SECRET });
  webhooks.on(OCTOKIT_EVENT, onEvent);
  return webhooks;
}

/** The octokit delivery of `body` (what GitHub sends): the headers its node middleware requires. */
export async function octokitDelivery(webhooks: OctokitWebhooks, body: Buffer): Promise<Delivery> {
  return {
    headers: {
      'content-type': 'application/json',
      'x-github-event': OCTOKIT_EVENT,
      'x-github-delivery': randomUUID(),
      'x-hub-signature-256': await webhooks.sign(body.toString('utf8')),
    },
    body,
  };
}
