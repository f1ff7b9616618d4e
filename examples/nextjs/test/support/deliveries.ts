/**
 * What the provider tests share: a test `next start` with every route's test configuration, real
 * HTTP deliveries, and the file the handlers record to (`FINHOOKS_RECEIVED_LOG`), which is how a
 * test knows a handler ran, and how often.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReceivedRecord } from '../../lib/received';
import { assertBuilt, type NextServer, startNext } from './next-server';

export const TEST_SECRETS = {
  atomic: 'e2e-atomic-secret', // @provider atomic
  atelio: 'whsec_e2eAtelioSecret0123456789', // @provider atelio
};

/** The API client id the app checks the tokens' `aud` against (required under `next start`, a production server). */
export const TEST_MONEYHUB_CLIENT_ID = 'finhooks-e2e-client'; // @provider moneyhub

export interface Delivery {
  readonly method?: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

export interface TestApp {
  readonly server: NextServer;
  /** Records of the events handled with this id, in the order handled. */
  receivedWithId(id: string): Promise<ReceivedRecord[]>;
  /** Everything recorded so far, as written. */
  receivedText(): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Builds first (`assertBuilt`), then `next start` with the test secrets and `env` added, recording
 * to a fresh file in a temporary directory.
 */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  assertBuilt();
  const dir = await mkdtemp(join(tmpdir(), 'finhooks-next-test-'));
  const log = join(dir, 'received.jsonl');
  const server = await startNext({
    ATOMIC_API_SECRET: TEST_SECRETS.atomic, // @provider atomic
    ATELIO_WEBHOOK_SECRET: TEST_SECRETS.atelio, // @provider atelio
    MONEYHUB_CLIENT_ID: TEST_MONEYHUB_CLIENT_ID, // @provider moneyhub
    FINHOOKS_RECEIVED_LOG: log,
    ...env,
  });
  const receivedText = () => readFile(log, 'utf8').catch(() => '');
  return {
    server,
    receivedText,
    async receivedWithId(id) {
      return (await receivedText())
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as ReceivedRecord)
        .filter((record) => record.id === id);
    },
    async stop() {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export async function send(url: string, req: Delivery) {
  const response = await fetch(url, { method: req.method ?? 'POST', headers: req.headers, body: req.body });
  const text = await response.text();
  let json: Record<string, any> | undefined;
  try {
    json = text ? (JSON.parse(text) as Record<string, any>) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, allow: response.headers.get('allow'), text, json };
}

/** The delivery with its body changed after signing. */
export const tamper = <D extends Delivery>(req: D): D => ({ ...req, body: req.body!.replace(/}$/, ',"tampered":true}') });
