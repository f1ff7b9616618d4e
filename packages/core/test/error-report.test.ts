import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  atelio,
  createWebhooks,
  type ErrorContext,
  formatErrorReport,
  handleRequest,
  HandlerError,
  memoryStore,
  WebhookError,
} from '../src/index.js';
import { sampleBody } from '../src/testing.js';
import { rawPost } from './support/request.js';
import { atelioSignatureHeader } from './support/sign.js';

const SECRET = 'whsec_error_report_secret_0123456789';
const PERSONAL = 'ssn 123-45-6789';
const context: ErrorContext = { provider: 'atelio', instance: 'atelio', status: 500, code: 'handler_failed', eventType: 'card.created' };

function chargeCard(): never {
  throw new TypeError(`card declined for ${PERSONAL}`);
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('did not throw');
}

describe('formatErrorReport', () => {
  it("names finhooks' message, then the handler error's class, message and stack frames", () => {
    const report = formatErrorReport(new HandlerError([thrown(chargeCard)], 'card.created'), context, { messages: true });
    const lines = report.split('\n');
    expect(lines[0]).toBe(
      `[finhooks] atelio "card.created": 500 handler_failed: 1 handler failed for "card.created"; the delivery was not marked as processed, so the provider's retry will run the handlers again.`,
    );
    expect(lines[1]).toBe(`  TypeError: card declined for ${PERSONAL}`);
    expect(lines[2]).toMatch(/^ {6}at chargeCard \(.*error-report\.test\.ts:\d+:\d+\)$/);
  });

  it('without messages: the class and frames only, and says why', () => {
    const report = formatErrorReport(new HandlerError([thrown(chargeCard)], 'card.created'), context, { messages: false });
    expect(report).not.toContain('123-45-6789');
    expect(report).toMatch(/\n {2}TypeError\n {6}at chargeCard \(/);
    expect(report).toContain("messages hidden because NODE_ENV is 'production'");
  });

  it('never prints a multi-line message as frames, even one that looks like a frame', () => {
    const error = new Error(`line one\n    at ${PERSONAL} (secret.js:1:1)`);
    const report = formatErrorReport(new HandlerError([error], 'card.created'), context, { messages: false });
    expect(report).not.toContain('123-45-6789');
    expect(report).toMatch(/ {6}at /);
  });

  it('lists every failing handler, follows causes, and describes thrown non-errors', () => {
    const withCause = new Error('outer', { cause: Object.assign(new Error('inner'), { code: 'ECONNREFUSED' }) });
    const report = formatErrorReport(new HandlerError([withCause, 'a string'], 'card.created'), context, { messages: true });
    expect(report).toContain('  Error: outer');
    expect(report).toContain('    caused by:\n    Error [ECONNREFUSED]: inner');
    expect(report).toContain('  a thrown string (not an Error: no stack): a string');
    expect(formatErrorReport(new HandlerError(['a string'], 'x'), context, { messages: false })).not.toContain(': a string');
  });

  it('names the cause of a 5xx that is not a handler failure (e.g. the store)', () => {
    const cause = new RangeError('connection lost');
    const report = formatErrorReport(
      new WebhookError(503, 'store_unavailable', 'The idempotency store is unavailable; retry later.', { cause }),
      { provider: 'atomic', instance: 'atomic', status: 503, code: 'store_unavailable' },
      { messages: false },
    );
    expect(report.split('\n')[0]).toBe('[finhooks] atomic: 503 store_unavailable: The idempotency store is unavailable; retry later.');
    expect(report).toContain('\n  RangeError\n');
  });
});

describe('the default report without onError', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  async function failOnce(): Promise<string[]> {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const hooks = createWebhooks({ provider: atelio({ secret: SECRET }), store: memoryStore() });
    hooks.onEvent('card.created', () => chargeCard());
    const body = JSON.stringify({ ...sampleBody('atelio', 'card.created'), occurred_at: new Date().toISOString() });
    const response = await handleRequest(hooks, rawPost(body, { 'bond-signature': atelioSignatureHeader(body, SECRET) }));
    expect(response.status).toBe(500);
    expect(log).toHaveBeenCalledOnce();
    return String(log.mock.calls[0]![0]).split('\n');
  }

  it('outside production: the message and the frames', async () => {
    vi.stubEnv('NODE_ENV', 'development');
    const lines = await failOnce();
    expect(lines[1]).toBe(`  TypeError: card declined for ${PERSONAL}`);
    expect(lines[2]).toMatch(/at chargeCard \(/);
  });

  it('in production: the class and the frames, no message', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    const lines = await failOnce();
    expect(lines.join('\n')).not.toContain('123-45-6789');
    expect(lines[1]).toBe('  TypeError');
    expect(lines[2]).toMatch(/at chargeCard \(/);
  });
});
