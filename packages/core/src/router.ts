import { BoundedCache } from './bounded-cache.js';
import { HandlerError } from './errors.js';
import type { WebhookEvent } from './event.js';
import { assertPatternSyntax, compilePattern, isWildcard } from './pattern.js';

export type Handler<E = WebhookEvent> = (event: E) => unknown;

interface PatternRoute {
  readonly matches: (type: string) => boolean;
  readonly handler: Handler;
}

/** How many unknown types keep their resolved handlers (a provider's new types repeat; a flood of random ones must not grow memory). */
export const UNKNOWN_TYPE_CACHE_SIZE = 256;

/**
 * The handler registry. Exact types live in a map; wildcard patterns are compiled once at
 * registration to linear-time matchers; the handlers for a type are resolved once and cached until
 * the registry changes: catalogue types in a map (a finite set), other types in a small LRU, so a
 * repeated type never scans the patterns and random types cannot grow memory.
 */
export class Router {
  readonly #exact = new Map<string, Handler[]>();
  readonly #patterns: PatternRoute[] = [];
  readonly #any: Handler[] = [];
  readonly #resolved = new Map<string, readonly Handler[]>();
  readonly #resolvedUnknown = new BoundedCache<string, readonly Handler[]>(UNKNOWN_TYPE_CACHE_SIZE);
  readonly #isKnown: (type: string) => boolean;

  /** @param isKnown whether a type is in the catalogue (its resolution is cached without bound). */
  constructor(isKnown: (type: string) => boolean) {
    this.#isKnown = isKnown;
  }

  /**
   * Registers a handler for an exact type or a wildcard pattern; returns its unsubscribe function.
   * Throws a `TypeError` for an empty or over-long pattern (the catalogue check is `createWebhooks`').
   */
  on(pattern: string, handler: Handler): () => void {
    assertPatternSyntax(pattern);
    assertHandler(handler, pattern);
    if (pattern === '*') return this.onAny(handler);
    if (isWildcard(pattern)) {
      const route: PatternRoute = { matches: compilePattern(pattern), handler };
      this.#patterns.push(route);
      return this.#changed(() => remove(this.#patterns, route));
    }
    let list = this.#exact.get(pattern);
    if (!list) this.#exact.set(pattern, (list = []));
    list.push(handler);
    const registered = list;
    return this.#changed(() => remove(registered, handler));
  }

  /** Registers a handler for every event. */
  onAny(handler: Handler): () => void {
    assertHandler(handler, '*');
    this.#any.push(handler);
    return this.#changed(() => remove(this.#any, handler));
  }

  /** The handlers an event of `type` runs: exact, then wildcard matches, then catch-all. */
  handlersFor(type: string): readonly Handler[] {
    const known = this.#isKnown(type);
    const cache = known ? this.#resolved : this.#resolvedUnknown;
    const cached = cache.get(type);
    if (cached) return cached;
    const handlers = [
      ...(this.#exact.get(type) ?? []),
      ...this.#patterns.filter((route) => route.matches(type)).map((route) => route.handler),
      ...this.#any,
    ];
    cache.set(type, handlers);
    return handlers;
  }

  /**
   * Runs every matching handler concurrently. One that throws does not stop the others; when any
   * failed, a `HandlerError` carrying all their errors is thrown after all have settled.
   */
  async dispatch(event: WebhookEvent): Promise<void> {
    const handlers = this.handlersFor(event.type);
    if (handlers.length === 0) return;
    if (handlers.length === 1) {
      try {
        await handlers[0]!(event);
      } catch (error) {
        throw new HandlerError([error], event.type);
      }
      return;
    }
    const results = await Promise.allSettled(handlers.map(async (handler) => handler(event)));
    const errors = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason);
    if (errors.length > 0) throw new HandlerError(errors, event.type);
  }

  #changed(undo: () => void): () => void {
    this.#forget();
    let done = false;
    return () => {
      if (done) return;
      done = true;
      undo();
      this.#forget();
    };
  }

  #forget(): void {
    this.#resolved.clear();
    this.#resolvedUnknown.clear();
  }
}

function assertHandler(handler: unknown, pattern: string): void {
  if (typeof handler !== 'function') {
    throw new TypeError(
      `The handler registered for "${pattern}" must be a function, got ${handler === null ? 'null' : typeof handler}.`,
    );
  }
}

function remove<T>(list: T[], item: T): void {
  const index = list.indexOf(item);
  if (index !== -1) list.splice(index, 1);
}
