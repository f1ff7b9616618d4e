import type { Webhooks } from '../instance.js';
import type { WebhookResponse } from '../request.js';
import type { HealthOptions, HealthReport, HealthStatus } from './health.js';

const RANK: Record<HealthStatus, number> = { ok: 0, degraded: 1, down: 2 };

/**
 * A readiness probe's answer for one or several instances: 200 when every instance is `ok` or
 * `degraded`, 503 when one is `down` (or closing), with the reports as JSON
 * (`{ status, instances: { <name>: HealthReport } }`), `cache-control: no-store`. Serve it from
 * any route with the adapter's way of writing a `WebhookResponse`, or `toWebResponse`.
 */
export async function healthResponse(
  webhooks: Webhooks | readonly Webhooks[],
  options?: HealthOptions,
): Promise<WebhookResponse> {
  const list: readonly Webhooks[] = Array.isArray(webhooks) ? webhooks : [webhooks as Webhooks];
  const reports = await Promise.all(list.map(async (w) => [w.name, await w.health(options)] as const));
  const status = reports.reduce<HealthStatus>(
    (worst, [, r]) => (RANK[r.status] > RANK[worst] ? r.status : worst),
    'ok',
  );
  const instances: Record<string, HealthReport> = Object.fromEntries(reports);
  return {
    status: status === 'down' ? 503 : 200,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    body: JSON.stringify({ status, instances }),
  };
}

