import { HandlerError } from './errors.js';
import type { WebhookEvent } from './event.js';
import { compilePattern, isWildcard } from './pattern.js';

export type Handler<E = WebhookEvent> = (event: E) => unknown;

interface PatternRoute {
  readonly matches: (type: string) => boolean;
  readonly handler: Handler;
}

/**
 * The handler registry. Exact types live in a map; wildcard patterns are compiled once at
 * registration; the handlers for each type the router has seen are resolved once and cached until
 * the registry changes, so dispatching a catalogue type never scans the patterns.
 */
export class Router {
  readonly #exact = new Map<string, Handler[]>();
  readonly #patterns: PatternRoute[] = [];
  readonly #any: Handler[] = [];
  readonly #resolved = new Map<string, readonly Handler[]>();
  readonly #cacheable: (type: string) => boolean;

  /** @param cacheable which types to cache resolutions for (the catalogue; unknown types are not cached, so they cannot grow memory). */
  constructor(cacheable: (type: string) => boolean) {
    this.#cacheable = cacheable;
  }

  /** Registers a handler for an exact type or a wildcard pattern; returns its unsubscribe function. */
  on(pattern: string, handler: Handler): () => void {
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
    this.#any.push(handler);
    return this.#changed(() => remove(this.#any, handler));
  }

  /** The handlers an event of `type` runs: exact, then wildcard matches, then catch-all. */
  handlersFor(type: string): readonly Handler[] {
    const cached = this.#resolved.get(type);
    if (cached) return cached;
    const handlers = [
      ...(this.#exact.get(type) ?? []),
      ...this.#patterns.filter((route) => route.matches(type)).map((route) => route.handler),
      ...this.#any,
    ];
    if (this.#cacheable(type)) this.#resolved.set(type, handlers);
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
    this.#resolved.clear();
    let done = false;
    return () => {
      if (done) return;
      done = true;
      undo();
      this.#resolved.clear();
    };
  }
}

function remove<T>(list: T[], item: T): void {
  const index = list.indexOf(item);
  if (index !== -1) list.splice(index, 1);
}
