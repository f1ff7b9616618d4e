import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { reportFailure } from '../src/adapter.js';
import { atelio, createWebhooks, handleRequest, HandlerError, type WebhookLogger } from '../src/index.js';
import { createTestRequest } from '../src/testing.js';

/** The `logger` option with a real pino logger writing JSON lines to a stream we read. */
const SECRET = 'whsec_logger_test_secret';
const provider = atelio({ secret: SECRET });

function pinoLines() {
  const lines: Record<string, any>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

const env = process.env.NODE_ENV;
afterEach(() => {
  process.env.NODE_ENV = env;
  vi.restoreAllMocks();
});

describe('logger option (pino)', () => {
  it('logs a handler failure at error level with structured fields, and prints nothing on stderr', async () => {
    process.env.NODE_ENV = 'production';
    const printed = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { logger, lines } = pinoLines();
    const hooks = createWebhooks({
      provider,
      logger,
      on: {
        'card.created': (event) => {
          throw new Error(`no account for ${event.payload.card.customer_id}`);
        },
      },
    });
    const request = await createTestRequest(provider, 'card.created');
    const customerId = JSON.parse(request.body).card.customer_id as string;
    expect((await handleRequest(hooks, request)).status).toBe(500);
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 50,
      provider: 'atelio',
      instance: 'atelio',
      status: 500,
      code: 'handler_failed',
      eventType: 'card.created',
      errorName: 'HandlerError',
    });
    expect(lines[0]!.eventId).toEqual(expect.any(String));
    expect(lines[0]!.msg).toContain('500 handler_failed');
    // Production: the handler's message (payload data) is in no field and not in the message.
    expect(JSON.stringify(lines[0])).not.toContain(customerId);
    expect(printed).not.toHaveBeenCalled();
  });

  it('logs a refusal at warn level, without any header value', async () => {
    const { logger, lines } = pinoLines();
    const hooks = createWebhooks({ provider, logger });
    const request = await createTestRequest(provider, 'card.created');
    const forged = { ...request, headers: { ...request.headers, 'bond-signature': 'forged-signature-value' } };
    expect((await handleRequest(hooks, forged)).status).toBe(401);
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines).toMatchObject([{ level: 40, status: 401, code: expect.any(String), provider: 'atelio' }]);
    expect(JSON.stringify(lines)).not.toContain('forged-signature-value');
  });

  it('logs alongside onError, and reports worker failures (reportFailure) the same way', async () => {
    const { logger, lines } = pinoLines();
    const onError = vi.fn();
    const hooks = createWebhooks({ provider, logger, onError });
    reportFailure(hooks, new HandlerError([new Error('boom')], 'card.created'), {
      provider: 'atelio',
      instance: 'atelio',
      status: 500,
      code: 'handler_failed',
      eventId: 'e1',
      eventType: 'card.created',
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(onError).toHaveBeenCalledOnce();
    expect(lines).toMatchObject([{ level: 50, code: 'handler_failed', eventId: 'e1' }]);
  });

  it('skips 4xx for a logger without warn, survives a throwing logger, and refuses a logger without error()', async () => {
    const entries: unknown[] = [];
    const errorOnly: WebhookLogger = { error: (fields) => void entries.push(fields) };
    const hooks = createWebhooks({ provider, logger: errorOnly });
    const request = await createTestRequest(provider, 'card.created');
    expect((await handleRequest(hooks, { ...request, method: 'PUT' })).status).toBe(405);
    expect(entries).toHaveLength(0);
    const throwing = createWebhooks({
      provider,
      logger: {
        error: () => {
          throw new Error('log sink down');
        },
      },
      on: {
        '*': () => {
          throw new Error('x');
        },
      },
    });
    expect((await handleRequest(throwing, request)).status).toBe(500);
    expect(() => createWebhooks({ provider, logger: {} as never })).toThrow(/logger/);
  });
});
