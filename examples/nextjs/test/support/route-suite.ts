/**
 * The checks every App Router webhook route gets, whatever its provider: a signed delivery reaches
 * its typed handler once; a forged one, a wrong content type, another method or a redelivery is
 * answered as documented and reaches no handler (again).
 */
import { expect, it } from 'vitest';
import { type Delivery, send, type TestApp } from './deliveries';

export interface RouteUnderTest {
  readonly provider: string;
  /** The route path, e.g. `/api/webhooks/<provider>`. */
  readonly path: string;
  /** A catalogue event type its typed handler records, and the detail it reads from the typed payload. */
  readonly type: string;
  readonly detail?: Record<string, string | number | boolean>;
  /** The route name the handler records (`app/<provider>`). */
  readonly route: string;
  /** A fresh signed delivery (a new id, so de-duplication never hides a test's event) and the id recorded. */
  signed(): Promise<Delivery & { id: string }>;
  /** A delivery that fails verification: tampered, or signed with the wrong key. */
  forged(): Promise<Delivery & { id: string }>;
}

export function itBehavesAsAWebhookRoute(app: () => TestApp, route: RouteUnderTest): void {
  const url = () => `${app().server.url}${route.path}`;

  it('a signed delivery → 200, and the typed handler ran once', async () => {
    const req = await route.signed();
    const response = await send(url(), req);
    expect(response.status, response.text).toBe(200);
    expect(response.json).toEqual({ received: true });
    expect(await app().receivedWithId(req.id)).toEqual([
      { route: route.route, provider: route.provider, id: req.id, type: route.type, known: true, ...(route.detail && { detail: route.detail }) },
    ]);
  });

  it('a forged delivery → 401, no handler ran', async () => {
    const req = await route.forged();
    const response = await send(url(), req);
    expect(response.status, response.text).toBe(401);
    expect(response.json?.error.code).toBe('invalid_signature');
    expect(await app().receivedWithId(req.id)).toEqual([]);
  });

  it('a wrong content type → 415, no handler ran', async () => {
    const req = await route.signed();
    const response = await send(url(), { ...req, headers: { ...req.headers, 'content-type': 'text/plain' } });
    expect(response.status).toBe(415);
    expect(response.json?.error.code).toBe('unsupported_media_type');
    expect(await app().receivedWithId(req.id)).toEqual([]);
  });

  it('GET, HEAD, PUT, PATCH, DELETE and OPTIONS → 405 with Allow: POST', async () => {
    for (const method of ['GET', 'HEAD', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']) {
      const response = await send(url(), { method, headers: {} });
      expect([method, response.status, response.allow]).toEqual([method, 405, 'POST']);
      if (method !== 'HEAD') expect(response.json?.error.code).toBe('method_not_allowed');
    }
  });

  it('a redelivery → 200 { duplicate: true }, and the handler ran once', async () => {
    const req = await route.signed();
    const first = await send(url(), req);
    const second = await send(url(), req);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.json).toEqual({ received: true, duplicate: true });
    expect(await app().receivedWithId(req.id)).toHaveLength(1);
  });
}
