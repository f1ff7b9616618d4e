import 'reflect-metadata';
import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { INestApplication, ModuleMetadata, Type } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { type AbstractHttpAdapter, NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { sampleBody } from '@finhooks/core/testing';

export const PLATFORMS = ['express', 'fastify'] as const;
export type Platform = (typeof PLATFORMS)[number];

export interface RunningApp {
  readonly url: string;
  readonly app: INestApplication;
  close(): Promise<void>;
}

export function adapterFor(platform: Platform): AbstractHttpAdapter {
  return platform === 'express' ? new ExpressAdapter() : new FastifyAdapter();
}

/** A real Nest app of `metadata` on `platform`, listening on a free loopback port. */
export async function startNest(
  platform: Platform,
  metadata: ModuleMetadata,
  options: { rawBody?: boolean; setup?: (app: INestApplication) => void } = {},
): Promise<RunningApp> {
  @Module(metadata)
  class AppModule {}
  return listen(
    await NestFactory.create(AppModule as Type, adapterFor(platform), appOptions(options.rawBody)),
    options.setup,
  );
}

export function appOptions(rawBody?: boolean) {
  return {
    logger: false as const,
    abortOnError: false,
    forceCloseConnections: true,
    ...(rawBody !== undefined && { rawBody }),
  };
}

export async function listen(app: INestApplication, setup?: (app: INestApplication) => void): Promise<RunningApp> {
  setup?.(app);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, app, close: () => app.close() };
}

export const ATELIO_TEST_SECRET = 'whsec_nestAtelioSecret0123456789';

let sequence = 0;

/**
 * An Atelio delivery signed here with node:crypto, independently of finhooks' own signer:
 * `bond-signature: t=<unix seconds>,v2=<hex HMAC-SHA256 of "<t>.<body>">`.
 */
export function atelioDelivery(
  type: string,
  overrides: Record<string, unknown> = {},
  secret = ATELIO_TEST_SECRET,
): { headers: Record<string, string>; body: string } {
  const body = JSON.stringify({
    ...sampleBody('atelio', type),
    occurred_at: `${new Date().toISOString()}#${sequence++}`,
    ...overrides,
  });
  return signAtelio(body, secret);
}

/** Signs `body` as Atelio does, with node:crypto. */
export function signAtelio(
  body: string,
  secret = ATELIO_TEST_SECRET,
): { headers: Record<string, string>; body: string } {
  const t = Math.floor(Date.now() / 1000);
  const v2 = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return { headers: { 'content-type': 'application/json', 'bond-signature': `t=${t},v2=${v2}` }, body };
}
