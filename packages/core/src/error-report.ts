/**
 * What finhooks prints (on stderr, via `console.error`) for a failed delivery when no `onError` is
 * registered: enough to debug a throwing handler with no setup, and no payload value by default.
 */
import { HandlerError, WebhookError } from './errors.js';
import type { ErrorContext } from './instance.js';

/** Stack frames printed per error: Node's default `Error.stackTraceLimit`. */
const MAX_FRAMES = 10;
/** `cause` links followed below each underlying error. */
const MAX_CAUSES = 3;

export interface ErrorReportOptions {
  /**
   * Print the messages of the errors finhooks did not write (your handler's, a store's…). They may
   * quote payload data (`new Error(\`no account ${event.payload.account}\`)`), so the default is
   * `process.env.NODE_ENV !== 'production'`.
   */
  readonly messages?: boolean;
}

/**
 * The default report of a failed delivery, several lines:
 *
 * ```text
 * [finhooks] atelio "card.created": 500 handler_failed: 1 handler failed for "card.created"; …
 *   TypeError: Cannot read properties of undefined (reading 'id')
 *       at chargeCard (/app/src/handlers.ts:12:20)
 *       …
 * ```
 *
 * The first line is finhooks' own message (never a payload value). Below it, each error a handler
 * threw (or the error behind a 5xx, e.g. the store's): its class and stack frames, and its message
 * only when `messages` is on (outside production).
 */
export function formatErrorReport(error: Error, context: ErrorContext, options: ErrorReportOptions = {}): string {
  // `process` is absent on some runtimes (Cloudflare Workers without nodejs_compat).
  const messages = options.messages ?? globalThis.process?.env?.NODE_ENV !== 'production';
  const type = context.eventType === undefined ? '' : ` "${context.eventType}"`;
  // The instance's name (several instances of one provider); a context built by hand may lack it.
  const source = context.instance ?? context.provider;
  const lines = [`[finhooks] ${source}${type}: ${context.status} ${context.code}: ${ownMessage(error, messages)}`];
  for (const underlying of underlyingErrors(error)) describe(underlying, '  ', messages, lines, MAX_CAUSES);
  if (!messages && lines.length > 1) {
    lines.push(
      "  (messages hidden because NODE_ENV is 'production': they may contain payload data; register onError to log them)",
    );
  }
  return lines.join('\n');
}

/** finhooks' own errors say nothing personal; anything else is someone else's message. */
function ownMessage(error: Error, messages: boolean): string {
  if (error instanceof WebhookError || messages) return error.message;
  return className(error);
}

/** The errors behind a finhooks error: what the handlers threw, or the cause of a 5xx. */
function underlyingErrors(error: Error): readonly unknown[] {
  if (error instanceof HandlerError) return error.errors;
  if (error instanceof WebhookError) return error.cause === undefined ? [] : [error.cause];
  return [error];
}

function describe(value: unknown, indent: string, messages: boolean, lines: string[], causes: number): void {
  if (!(value instanceof Error)) {
    // `throw 'text'` or `throw { … }`: no class, no stack.
    lines.push(
      `${indent}a thrown ${value === null ? 'null' : typeof value} (not an Error: no stack)${messages ? `: ${String(value)}` : ''}`,
    );
    return;
  }
  lines.push(`${indent}${className(value)}${messages ? `: ${value.message}` : ''}`);
  for (const frame of stackFrames(value)) lines.push(`${indent}    ${frame}`);
  if (value.cause !== undefined && causes > 0) {
    lines.push(`${indent}  caused by:`);
    describe(value.cause, `${indent}  `, messages, lines, causes - 1);
  }
}

/** `TypeError`, or `Error [ERR_CODE]` for Node's errors with a code. */
function className(error: Error): string {
  const name = typeof error.name === 'string' && error.name !== '' ? error.name : error.constructor?.name || 'Error';
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^[A-Z0-9_]{1,64}$/.test(code) ? `${name} [${code}]` : name;
}

/**
 * The `at …` lines of the stack, without its header: V8 starts the stack with `name: message`, and
 * a message may span lines, so the text after the message is searched, never the message itself.
 */
function stackFrames(error: Error): string[] {
  const stack = typeof error.stack === 'string' ? error.stack : '';
  const message = typeof error.message === 'string' ? error.message : '';
  const start = message === '' ? 0 : stack.indexOf(message);
  const frames = (start === -1 ? stack : stack.slice(start + message.length))
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('at '));
  return frames.slice(0, MAX_FRAMES);
}
