import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { isObservable, type Subscription } from 'rxjs';
import { type ExpressLikeApp, mountOnExpress } from './express.js';
import { type FastifyLikeInstance, mountOnFastify } from './fastify.js';
import { FinhooksRegistry } from './registry.js';

/**
 * Serves the endpoints on the HTTP platform itself, not through a Nest controller: the pipeline's
 * answer is the response (no guard, interceptor, pipe or exception filter rewrites a 401), and the
 * route reads the raw body whatever Nest's `bodyParser`/`rawBody` options.
 *
 * `HttpAdapterHost.init$` fires as soon as Nest sets the adapter: during `NestFactory.create` (before
 * this provider exists: replayed) or in `createNestApplication()` of `@nestjs/testing`; either way
 * before `app.init()` installs Nest's body parsers, so the Express middleware comes first. Without
 * an HTTP adapter (`createApplicationContext`, a worker) nothing is mounted; handlers still bind.
 */
@Injectable()
export class FinhooksHttpMount implements OnModuleInit {
  #failure: unknown;
  readonly #subscription: Subscription;

  constructor(@Inject(HttpAdapterHost) host: HttpAdapterHost, @Inject(FinhooksRegistry) registry: FinhooksRegistry) {
    if (!isObservable(host.init$)) {
      throw new Error(
        '@finhooks/nestjs needs @nestjs/core 11.1.4 or later (HttpAdapterHost.init$); update @nestjs/core.',
      );
    }
    this.#subscription = host.init$.subscribe(() => {
      // Thrown here, the error would surface as an unhandled rxjs error; onModuleInit rethrows it at startup.
      try {
        mount(host, registry);
      } catch (error) {
        this.#failure = error;
      }
    });
  }

  onModuleInit(): void {
    this.#subscription.unsubscribe();
    if (this.#failure !== undefined) throw this.#failure;
  }
}

function mount({ httpAdapter }: HttpAdapterHost, registry: FinhooksRegistry): void {
  if (!httpAdapter) return; // createApplicationContext sets none: no HTTP, handlers only
  const type = httpAdapter.getType();
  if (type === 'express') mountOnExpress(httpAdapter.getInstance<ExpressLikeApp>(), registry.endpoints);
  else if (type === 'fastify') mountOnFastify(httpAdapter.getInstance<FastifyLikeInstance>(), registry.endpoints);
  else {
    throw new Error(
      `FinhooksModule: the "${type}" HTTP platform is not supported; use @nestjs/platform-express or @nestjs/platform-fastify.`,
    );
  }
}
