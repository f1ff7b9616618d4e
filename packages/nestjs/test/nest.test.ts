import { send, sendDeclaredOversize } from '@finhooks/adapter-conformance';
import { atelio, createWebhooks, type WebhookEvent } from '@finhooks/core';
import {
  Body,
  type CanActivate,
  Controller,
  type DynamicModule,
  ForbiddenException,
  Inject,
  Injectable,
  Module,
  Post,
  Scope,
} from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { APP_GUARD, NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { EXPRESS_HOW_TO_FIX } from '../src/express.js';
import { FinhooksModule, FinhooksRegistry, OnWebhookEvent, type WebhookEventOf } from '../src/index.js';
import {
  adapterFor,
  appOptions,
  ATELIO_TEST_SECRET,
  atelioDelivery,
  signAtelio,
  listen,
  PLATFORMS,
  type RunningApp,
  startNest,
} from './support/app.js';

/** What the decorated handlers saw, shared by the providers below. */
const seen: Array<{ handler: string; type: string; event: WebhookEvent }> = [];
const failures = { remaining: 0 };

@Injectable()
class CardsService {
  @OnWebhookEvent('atelio', 'card.*')
  async onCard(event: WebhookEventOf<'atelio', 'card.*'>) {
    await Promise.resolve();
    seen.push({ handler: 'card.*', type: event.type, event: event as WebhookEvent });
  }

  @OnWebhookEvent('atelio', 'card.created')
  onCreated(event: WebhookEventOf<'atelio', 'card.created'>) {
    seen.push({ handler: 'card.created', type: event.type, event: event as WebhookEvent });
  }
}

@Injectable()
class TransactionsService {
  @OnWebhookEvent('atelio', 'transactions')
  onTransaction(event: WebhookEventOf<'atelio', 'transactions'>) {
    if (failures.remaining > 0) {
      failures.remaining -= 1;
      throw new Error('ledger unavailable');
    }
    seen.push({ handler: 'transactions', type: event.type, event: event as WebhookEvent });
  }
}

/** A host route of the app, parsed by Nest's own JSON body parser. */
@Controller('api')
class EchoController {
  @Post('echo')
  echo(@Body() body: unknown) {
    return { echoed: body };
  }
}

/** An app-wide guard refusing every Nest route: the webhook routes are not Nest routes and answer anyway. */
class DenyAll implements CanActivate {
  canActivate(): boolean {
    throw new ForbiddenException('no');
  }
}

function atelioModule(options: { onError?: () => void } = {}): DynamicModule {
  return FinhooksModule.forRoot({
    endpoints: [
      {
        path: '/webhooks/atelio',
        provider: atelio({ secret: ATELIO_TEST_SECRET }),
        onError: options.onError ?? (() => undefined),
      },
    ],
  });
}

let running: RunningApp | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
  seen.length = 0;
  failures.remaining = 0;
});

for (const platform of PLATFORMS) {
  describe(`nestjs on ${platform}: decorated handlers over real HTTP`, () => {
    const start = async (metadata: Parameters<typeof startNest>[1] = {}, rawBody?: boolean) => {
      running = await startNest(
        platform,
        {
          imports: [atelioModule(), ...(metadata.imports ?? [])],
          providers: [CardsService, TransactionsService, ...(metadata.providers ?? [])],
          controllers: metadata.controllers ?? [],
        },
        { rawBody },
      );
      return running.url;
    };

    it('a signed event reaches the decorated methods with its validated payload: 200', async () => {
      const url = await start();
      const req = atelioDelivery('card.created');
      const response = await send(`${url}/webhooks/atelio`, req);
      expect(response.status, response.body).toBe(200);
      expect(JSON.parse(response.body)).toEqual({ received: true });
      expect(seen.map((s) => s.handler).sort()).toEqual(['card.*', 'card.created']);
      const { event } = seen.find((s) => s.handler === 'card.created')!;
      expect(event).toMatchObject({ provider: 'atelio', type: 'card.created', known: true });
      expect(event.payload).toEqual(JSON.parse(req.body));
    });

    it('routes by wildcard: card.status.active reaches card.* only, transactions reaches its own method only', async () => {
      const url = await start();
      expect((await send(`${url}/webhooks/atelio`, atelioDelivery('card.status.active'))).status).toBe(200);
      expect((await send(`${url}/webhooks/atelio`, atelioDelivery('transactions'))).status).toBe(200);
      expect(seen.map((s) => `${s.handler}:${s.type}`)).toEqual([
        'card.*:card.status.active',
        'transactions:transactions',
      ]);
      expect((seen[1]!.event.payload as { transaction: { amount: string } }).transaction.amount).toBe('10.01');
    });

    it('forged signature → 401, handlers not run', async () => {
      const url = await start();
      const forged = atelioDelivery('card.created', {}, 'whsec_notTheSecret0123456789');
      const response = await send(`${url}/webhooks/atelio`, forged);
      expect(response.status).toBe(401);
      expect(JSON.parse(response.body).error.code).toEqual(expect.any(String));
      expect(seen).toEqual([]);
    });

    it('wrong content type → 415; declared body over bodyLimit → 413', async () => {
      const url = await start();
      const req = atelioDelivery('card.created');
      const wrongType = await send(`${url}/webhooks/atelio`, {
        ...req,
        headers: { ...req.headers, 'content-type': 'text/plain' },
      });
      expect(wrongType.status).toBe(415);
      expect(JSON.parse(wrongType.body).error.code).toEqual(expect.any(String));
      expect(await sendDeclaredOversize(`${url}/webhooks/atelio`, req.headers, 8 * 1024 * 1024)).toBe(413);
      expect(seen).toEqual([]);
    });

    it('duplicate delivery → 200 { duplicate: true }, the methods ran once', async () => {
      const url = await start();
      const req = atelioDelivery('card.created');
      expect((await send(`${url}/webhooks/atelio`, req)).status).toBe(200);
      const second = await send(`${url}/webhooks/atelio`, req);
      expect(second.status).toBe(200);
      expect(JSON.parse(second.body)).toEqual({ received: true, duplicate: true });
      expect(seen).toHaveLength(2); // card.* and card.created, once each
    });

    it('a decorated method throwing → 500, then the retry reaches it again → 200', async () => {
      const url = await start();
      failures.remaining = 1;
      const req = atelioDelivery('transactions');
      const first = await send(`${url}/webhooks/atelio`, req);
      expect(first.status).toBe(500);
      expect(JSON.parse(first.body).error.code).toBe('handler_failed');
      expect(seen).toEqual([]);
      expect((await send(`${url}/webhooks/atelio`, req)).status).toBe(200);
      expect(seen.map((s) => s.handler)).toEqual(['transactions']);
    });

    it("Nest's guards and body parser are untouched: a global guard refuses Nest routes while webhooks answer; host JSON routes still parse", async () => {
      const url = await start({
        providers: [{ provide: APP_GUARD, useClass: DenyAll }],
        controllers: [EchoController],
      });
      const echo = await send(`${url}/api/echo`, { headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
      expect(echo.status).toBe(403);
      expect((await send(`${url}/webhooks/atelio`, atelioDelivery('card.created'))).status).toBe(200);
      // A 401 stays the pipeline's 401 (no exception filter rewrites it).
      const forged = await send(
        `${url}/webhooks/atelio`,
        atelioDelivery('card.created', {}, 'whsec_forged000000000000'),
      );
      expect(forged.status).toBe(401);
      expect(JSON.parse(forged.body)).toMatchObject({ error: { code: expect.any(String) } });
    });

    it.each([false, true])(
      'host JSON routes keep Nest’s body parser (rawBody: %s), and the webhook route still sees raw bytes',
      async (rawBody) => {
        const url = await start({ controllers: [EchoController] }, rawBody);
        const echo = await send(`${url}/api/echo`, {
          headers: { 'content-type': 'application/json' },
          body: '{"a":1}',
        });
        expect(echo.status, echo.body).toBe(201);
        expect(JSON.parse(echo.body)).toEqual({ echoed: { a: 1 } });
        // Whitespace a re-serialised body would lose: only the raw bytes verify.
        const req = atelioDelivery('card.created');
        const spaced = signAtelio(req.body.replace('{', '{ '));
        expect((await send(`${url}/webhooks/atelio`, spaced)).status).toBe(200);
      },
    );

    it('forRootAsync builds the endpoints from ConfigService (useFactory + inject)', async () => {
      const module = FinhooksModule.forRootAsync({
        imports: [
          ConfigModule.forRoot({ ignoreEnvFile: true, load: [() => ({ ATELIO_WEBHOOK_SECRET: ATELIO_TEST_SECRET })] }),
        ],
        inject: [ConfigService],
        useFactory: (config: ConfigService) => ({
          endpoints: [
            { path: '/hooks/atelio', provider: atelio({ secret: config.getOrThrow<string>('ATELIO_WEBHOOK_SECRET') }) },
          ],
        }),
      });
      running = await startNest(platform, { imports: [module], providers: [CardsService] });
      expect((await send(`${running.url}/hooks/atelio`, atelioDelivery('card.created'))).status).toBe(200);
      expect(seen.map((s) => s.handler).sort()).toEqual(['card.*', 'card.created']);
      expect(
        (await send(`${running.url}/hooks/atelio`, atelioDelivery('card.created', {}, 'whsec_other0000000000000')))
          .status,
      ).toBe(401);
    });

    it('works in an app from @nestjs/testing (Test.createTestingModule → createNestApplication)', async () => {
      const moduleRef = await Test.createTestingModule({
        imports: [atelioModule()],
        providers: [CardsService],
      }).compile();
      running = await listen(moduleRef.createNestApplication(adapterFor(platform), appOptions()));
      expect((await send(`${running.url}/webhooks/atelio`, atelioDelivery('card.created'))).status).toBe(200);
      expect(seen).toHaveLength(2);
    });

    it('serves an existing createWebhooks() instance, injectable as FinhooksRegistry, and leaves it without the app’s handlers once closed', async () => {
      const hooks = createWebhooks({
        provider: atelio({ secret: ATELIO_TEST_SECRET }),
        name: 'atelio',
        onError: () => undefined,
      });
      @Injectable()
      class Observer {
        constructor(@Inject(FinhooksRegistry) readonly registry: FinhooksRegistry) {}
      }
      running = await startNest(platform, {
        imports: [FinhooksModule.forRoot({ endpoints: [{ path: '/webhooks/atelio', webhooks: hooks }] })],
        providers: [CardsService, Observer],
      });
      expect(running.app.get(Observer).registry.get('atelio')).toBe(hooks);
      expect((await send(`${running.url}/webhooks/atelio/`, atelioDelivery('card.created'))).status).toBe(200);
      expect(seen).toHaveLength(2);
      await running.close();
      running = undefined;
      await hooks.receive({ ...seen[0]!.event, id: 'after-close' });
      expect(seen).toHaveLength(2);
    });

    it('the path is absolute: a global prefix does not move it', async () => {
      running = await startNest(
        platform,
        { imports: [atelioModule()], providers: [CardsService] },
        { setup: (app) => app.setGlobalPrefix('api') },
      );
      expect((await send(`${running.url}/webhooks/atelio`, atelioDelivery('card.created'))).status).toBe(200);
      expect((await send(`${running.url}/api/webhooks/atelio`, atelioDelivery('card.created'))).status).toBe(404);
    });
  });
}

describe('nestjs on express: an Express app handed to ExpressAdapter with its body parser already installed', () => {
  const start = async (rawBody: boolean) => {
    const adapter = new ExpressAdapter();
    adapter.registerParserMiddleware(undefined, rawBody); // ahead of finhooks' middleware, as in a host app
    @Module({ imports: [atelioModule()], providers: [CardsService] })
    class HostModule {}
    running = await listen(await NestFactory.create(HostModule, adapter, appOptions()));
    return running.url;
  };

  it('without the raw bytes kept: 500 saying how to fix it, never a verification of re-serialised JSON', async () => {
    const url = await start(false);
    const response = await send(`${url}/webhooks/atelio`, atelioDelivery('card.created'));
    expect(response.status).toBe(500);
    expect(JSON.parse(response.body).error.message).toContain(EXPRESS_HOW_TO_FIX);
    expect(seen).toEqual([]);
  });

  it('with the raw bytes kept (rawBody): 200', async () => {
    const url = await start(true);
    expect((await send(`${url}/webhooks/atelio`, atelioDelivery('card.created'))).status).toBe(200);
    expect(seen).toHaveLength(2);
  });
});

describe('nestjs: startup errors say what to fix', () => {
  const create = (metadata: Parameters<typeof startNest>[1]) => startNest('express', metadata);

  it('a handler for an instance no endpoint has', async () => {
    @Injectable()
    class Misnamed {
      @OnWebhookEvent('atomic', 'task-status-updated')
      on() {}
    }
    await expect(create({ imports: [atelioModule()], providers: [Misnamed] })).rejects.toThrow(
      'no endpoint is named "atomic" (endpoints: atelio)',
    );
  });

  it('a handler on a request-scoped provider', async () => {
    @Injectable({ scope: Scope.REQUEST })
    class PerRequest {
      @OnWebhookEvent('atelio', 'card.*')
      on() {}
    }
    await expect(create({ imports: [atelioModule()], providers: [PerRequest] })).rejects.toThrow(
      /PerRequest\.on handles webhooks but PerRequest is request-scoped/,
    );
  });

  it('two endpoints of one name, two endpoints on one path, a path without "/"', async () => {
    const provider = atelio({ secret: ATELIO_TEST_SECRET });
    await expect(
      create({
        imports: [
          FinhooksModule.forRoot({
            endpoints: [
              { path: '/a', provider },
              { path: '/b', provider },
            ],
          }),
        ],
      }),
    ).rejects.toThrow('two endpoints are named "atelio"');
    await expect(
      create({
        imports: [
          FinhooksModule.forRoot({
            endpoints: [
              { path: '/a', provider },
              { path: '/a/', provider, name: 'atelio-2' },
            ],
          }),
        ],
      }),
    ).rejects.toThrow('two endpoints share the path "/a/"');
    await expect(
      create({ imports: [FinhooksModule.forRoot({ endpoints: [{ path: 'hooks', provider }] })] }),
    ).rejects.toThrow('starting with "/"');
  });

  it('a pattern no catalogue type matches', async () => {
    @Injectable()
    class Typo {
      // @ts-expect-error: 'card.creatd' is not an Atelio event type
      @OnWebhookEvent('atelio', 'card.creatd')
      on() {}
    }
    await expect(create({ imports: [atelioModule()], providers: [Typo] })).rejects.toThrow(TypeError);
  });
});

describe('nestjs: without an HTTP adapter (createApplicationContext)', () => {
  it('binds the handlers, so a worker can dispatch verified events to them', async () => {
    const hooks = createWebhooks({ provider: atelio({ secret: ATELIO_TEST_SECRET }) });
    @Module({
      imports: [FinhooksModule.forRoot({ endpoints: [{ path: '/webhooks/atelio', webhooks: hooks }] })],
      providers: [CardsService],
    })
    class WorkerModule {}
    const context = await NestFactory.createApplicationContext(WorkerModule, { logger: false, abortOnError: false });
    try {
      const { body } = atelioDelivery('card.status.active');
      await hooks.receive({
        provider: 'atelio',
        id: 'w1',
        type: 'card.status.active',
        receivedAt: new Date(),
        payload: JSON.parse(body),
        known: true,
      } as WebhookEvent);
      expect(seen.map((s) => `${s.handler}:${s.type}`)).toEqual(['card.*:card.status.active']);
    } finally {
      await context.close();
      seen.length = 0;
    }
  });
});
