import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';

// Nothing finhooks-specific here: the webhook routes read the raw body whatever the body parser options.
const app = await NestFactory.create(AppModule, { logger: ['error', 'warn'] });
app.enableShutdownHooks();
const port = Number(app.get(ConfigService).get<string>('PORT') ?? 3000);

try {
  await app.listen(port, '127.0.0.1');
} catch (error) {
  // Say what is wrong instead of a stack trace.
  const code = (error as NodeJS.ErrnoException).code;
  console.error(code === 'EADDRINUSE' ? `Port ${port} is already in use: stop what runs there or set PORT (PORT=0 picks a free port).` : `Cannot listen on port ${port}: ${(error as Error).message}`);
  process.exit(1);
}
const { port: listening } = app.getHttpServer().address() as AddressInfo;
console.log(`finhooks nestjs example listening on http://127.0.0.1:${listening}`);
