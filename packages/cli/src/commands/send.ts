import { devMoneyhubKeyFile } from '../dev-key.js';
import { Command, Option } from 'commander';
import { resolveProvider } from '../catalogs.js';
import { buildDelivery, checkOptionsApply, type Delivery, type MoneyhubFormat } from '../delivery.js';
import { paint } from '../color.js';
import { CliError, UsageError } from '../errors.js';
import { readJsonObject } from '../files.js';
import type { CliIo } from '../io.js';
import { parsePort } from '../jwks-server.js';
import { loadMoneyhubKey } from '../moneyhub-keys.js';
import { SECRET_ENV } from '../secrets.js';
import {
  DEFAULT_TIMEOUT_MS,
  displayUrl,
  parseUrl,
  postDelivery,
  type SendResult,
  serveJwksIssuer,
  withJwksServer,
} from '../send.js';

interface SendFlags {
  url: string;
  secret?: string;
  dev?: boolean;
  payload?: string;
  header?: string[];
  repeat: string;
  allowUnknown?: boolean;
  tamper?: boolean;
  key?: string;
  serveJwks?: string;
  issuer?: string;
  audience?: string;
  format?: MoneyhubFormat;
  timeout: string;
  printBody?: boolean;
  verbose?: boolean;
  id?: string;
  keepIds?: boolean;
  json?: boolean;
}

/** Header values never echoed, even with --verbose. */
const REDACTED_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'x-api-key', 'x-api-secret']);

export function sendCommand(io: CliIo): Command {
  return new Command('send')
    .description('Post a correctly signed sample event to a receiver, the way the provider sends it')
    .argument('<provider>', 'atomic, moneyhub or atelio')
    .argument('<event>', 'event type, e.g. card.created (`finhooks events <provider>` lists them)')
    .requiredOption('--url <url>', "the receiver's URL")
    .option('--secret <secret>', 'Atomic/Atelio signing secret (default: $ATOMIC_API_SECRET / $ATELIO_WEBHOOK_SECRET)')
    .option(
      '--dev',
      "with no secret or key given, sign with the examples' development secret (Moneyhub: development key)",
    )
    .option('--payload <file.json>', 'the whole body to send instead of the documented sample (sent as is)')
    .option(
      '--id <id>',
      'Moneyhub: the event id (JWT jti), the same on every send. Default: each send is a new event (a new id; Atomic: eventTime; Atelio: occurred_at)',
    )
    .option('--keep-ids', "send the sample's documented ids and times: a second send is a duplicate of the first")
    .option(
      '-H, --header <name:value>',
      'extra request header (repeatable)',
      (value: string, all: string[] | undefined) => [...(all ?? []), value],
    )
    .addOption(
      new Option('--repeat <n>', 'deliver the same signed request n times, as a provider retry would').default(
        '1',
        '1',
      ),
    )
    .option('--allow-unknown', 'allow an event type that is not in the catalogue')
    .option('--tamper', 'change one byte of the body after signing (the receiver must refuse it)')
    .option('--key <file>', 'Moneyhub: private JWK to sign with (create one with `finhooks keys moneyhub <file>`)')
    .option(
      '--serve-jwks <port>',
      'Moneyhub: serve OIDC discovery + JWKS on 127.0.0.1:<port> and sign with that issuer',
    )
    .option('--issuer <url>', 'Moneyhub: JWT "iss" (default https://identity.moneyhub.co.uk)')
    .option('--audience <aud>', 'Moneyhub: JWT "aud" (your API client id)')
    .addOption(
      new Option('--format <format>', 'Moneyhub: jwt (signed, default) or json (unsigned)').choices(['jwt', 'json']),
    )
    .addOption(
      new Option('--timeout <ms>', 'give up waiting for the answer after this many ms').default(
        String(DEFAULT_TIMEOUT_MS),
        String(DEFAULT_TIMEOUT_MS),
      ),
    )
    .option('--print-body', 'print the request body (samples hold fake personal data)')
    .option('--verbose', 'print the request headers and body')
    .option('--json', 'print one JSON document on stdout instead of text (shape in the README)')
    .addHelpText(
      'after',
      `
Examples:
  $ finhooks send atelio card.created --url http://localhost:3000/webhooks/atelio --dev
  $ ATOMIC_API_SECRET=… finhooks send atomic task-status-updated --url https://example.com/webhooks/atomic
  $ finhooks send moneyhub newTransactions --url http://localhost:3000/webhooks/moneyhub --serve-jwks 4000
  $ finhooks send atelio card.created --url http://localhost:3000/webhooks/atelio --dev --tamper
  $ finhooks send moneyhub paymentCompleted --url http://localhost:3000/webhooks/moneyhub --dev --id evt-1 --json

Exit codes: 0 every delivery answered 2xx; 1 refused (non-2xx) or unreachable; 2 bad input.`,
    )
    .action(async (provider: string, event: string, flags: SendFlags) => {
      await runSend(io, provider, event, flags);
    });
}

async function runSend(io: CliIo, providerName: string, event: string, flags: SendFlags): Promise<void> {
  const json = flags.json === true;
  const { green, yellow, red, dim } = paint(!json && (io.color?.out ?? false));
  const errPaint = paint(io.color?.err ?? false);
  // With --json, stdout holds the JSON document only.
  const out = (text = '') => {
    if (!json) io.out(`${text}\n`);
  };
  const note = (text: string) => io.err(`${text}\n`);

  // Input checks first, before any file is read or port opened.
  checkOptionsApply(resolveProvider(providerName), flags);
  const url = parseUrl(flags.url);
  const repeat = positiveInteger(flags.repeat, '--repeat');
  const timeout = positiveInteger(flags.timeout, '--timeout');
  const serveJwks = flags.serveJwks === undefined ? undefined : parsePort(flags.serveJwks);
  const options = {
    provider: providerName,
    event,
    format: flags.format,
    issuer: flags.issuer,
    audience: flags.audience,
    serveJwks,
  };
  const delivery = await buildDelivery({
    ...options,
    issuer: serveJwksIssuer(options),
    headers: parseHeaders(flags.header ?? []),
    payload: flags.payload === undefined ? undefined : await readJsonObject(flags.payload, 'payload file'),
    id: flags.id,
    keepIds: flags.keepIds,
    allowUnknown: flags.allowUnknown,
    tamper: flags.tamper,
    secret: flags.secret,
    env: io.env,
    dev: flags.dev,
    key: flags.key === undefined ? undefined : await loadMoneyhubKey(flags.key),
  });

  for (const warning of delivery.warnings) note(`${errPaint.yellow('warning:')} ${warning}`);
  describeSigning(delivery, serveJwks, note);
  describeIdentity(delivery, note);

  out(
    `POST ${displayUrl(url)}  ${delivery.provider} ${delivery.type}${delivery.known ? '' : ' (not in the catalogue)'}, ${Buffer.byteLength(delivery.body)} bytes${delivery.tampered ? ', tampered after signing' : ''}`,
  );
  if (flags.verbose) {
    for (const [name, value] of Object.entries(redactedHeaders(delivery))) out(`  ${name}: ${value}`);
  }
  if (flags.verbose || flags.printBody) out(delivery.body);

  const results: SendResult[] = [];
  let failure: CliError | undefined;
  try {
    await withJwksServer(
      serveJwks,
      delivery,
      async () => {
        for (let i = 1; i <= repeat; i++) {
          const result = await postDelivery(url, delivery, timeout);
          results.push(result);
          const prefix = repeat > 1 ? `[${i}/${repeat}] ` : '';
          const status = statusLine(result);
          const painted = result.duplicate ? yellow(status) : result.ok ? green(status) : red(status);
          const duplicate = result.duplicate ? ` ${yellow('duplicate')}: the receiver had already processed this event` : '';
          out(`${prefix}${painted} in ${result.ms} ms${duplicate}`);
          out(result.body === '' ? dim('(empty body)') : result.body);
        }
      },
      (what, fetched) =>
        note(`The receiver fetched the ${what === 'discovery' ? 'discovery document' : 'JWKS'} (${fetched}).`),
    );
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    failure = error;
  }

  const refused = results.filter((result) => !result.ok);
  if (!failure && refused.length > 0) {
    const last = refused[refused.length - 1]!;
    const hint = refusalHint(delivery, last.status, serveJwks !== undefined);
    if (hint) note(hint);
    failure = new CliError(
      repeat === 1
        ? `The receiver refused the delivery (${statusLine(last)}).`
        : `${refused.length} of ${repeat} deliveries were refused (last: ${statusLine(last)}).`,
    );
  }
  if (!failure && results[0]?.duplicate) note(duplicateHint(delivery));
  if (json) io.out(`${JSON.stringify(sendReport(url, delivery, results, failure, flags), null, 2)}\n`);
  if (failure) throw failure;
}

/** The `--json` document: a stable shape, documented in the README ("finhooks send --json"). */
function sendReport(url: URL, delivery: Delivery, results: readonly SendResult[], failure: CliError | undefined, flags: SendFlags) {
  return {
    ok: failure === undefined,
    provider: delivery.provider,
    event: delivery.type,
    known: delivery.known,
    url: displayUrl(url),
    bytes: Buffer.byteLength(delivery.body),
    tampered: delivery.tampered,
    identity: delivery.identity,
    warnings: delivery.warnings,
    ...((flags.verbose || flags.printBody) && {
      request: { ...(flags.verbose && { headers: redactedHeaders(delivery) }), body: delivery.body },
    }),
    deliveries: results.map(({ status, statusText, ok, duplicate, ms, body }) => ({ status, statusText, ok, duplicate, ms, body })),
    ...(failure && { error: { message: failure.message, exitCode: failure.exitCode } }),
  };
}

function redactedHeaders(delivery: Delivery): Record<string, string> {
  return Object.fromEntries(
    Object.entries(delivery.headers).map(([name, value]) => [name, REDACTED_HEADERS.has(name) ? '[redacted]' : value]),
  );
}

/** Which identity the receiver will see, on stderr: the fresh or pinned fields (never payload values). */
function describeIdentity(delivery: Delivery, note: (text: string) => void): void {
  const { source, fields } = delivery.identity;
  const list = Object.entries(fields)
    .map(([name, value]) => `${name} ${value}`)
    .join(', ');
  if (source === 'fresh') note(`A new event: ${list} (--keep-ids sends the documented values).`);
  else if (source === 'pinned') note(`Event ${list} (--id): every send with this id is the same event.`);
  else if (source === 'sample') note("The documented sample's ids and times (--keep-ids): a second send is a duplicate.");
}

function duplicateHint(delivery: Delivery): string {
  const how =
    delivery.identity.source === 'pinned'
      ? 'drop --id, or give another'
      : delivery.identity.source === 'sample'
        ? 'drop --keep-ids'
        : delivery.identity.source === 'payload'
          ? `change the payload's ${delivery.provider === 'moneyhub' ? '"id"' : delivery.provider === 'atomic' ? '"eventTime"' : '"occurred_at"'}`
          : 'send again';
  return `The receiver answered "duplicate": it had already processed this event, so its handlers did not run again. For a new event, ${how}.`;
}

/** How the delivery was signed, and for Moneyhub how the receiver can trust the key: on stderr. */
function describeSigning(delivery: Delivery, serveJwks: number | undefined, note: (text: string) => void): void {
  const { secretSource, moneyhub } = delivery;
  if (secretSource === 'dev') note(`Signed with the development secret (--dev).`);
  else if (secretSource === 'env') note(`Signed with $${SECRET_ENV[delivery.provider as keyof typeof SECRET_ENV]}.`);
  if (!moneyhub) return;
  if (moneyhub.format === 'json') {
    note("Moneyhub JSON format: unsigned (the receiver needs moneyhub({ format: 'json', allowUnsigned: true })).");
    return;
  }
  const key =
    moneyhub.keySource === 'dev'
      ? `the development key "${moneyhub.kid}" (--dev)`
      : moneyhub.keySource === 'key'
        ? `key "${moneyhub.kid}"`
        : `a one-off RS256 key (kid "${moneyhub.kid}")`;
  // The receiver must name the audience (or opt out): the token's `aud` is --audience, when given.
  const audience =
    moneyhub.audience !== undefined ? `audience: ${JSON.stringify(moneyhub.audience)}` : 'allowAnyAudience: true';
  if (serveJwks !== undefined) {
    note(
      `Signed with ${key}. Serving discovery at ${moneyhub.issuer}/oidc/.well-known/openid-configuration while the request is in flight; the receiver needs moneyhub({ issuer: '${moneyhub.issuer}', ${audience} }).`,
    );
    if (moneyhub.keySource === 'ephemeral')
      note('Receivers cache key sets: pass --dev or --key <file> to keep the same kid across runs.');
    return;
  }
  if (moneyhub.keySource === 'key') {
    note(`Signed with ${key} (iss ${moneyhub.issuer}).`);
  } else if (moneyhub.keySource === 'dev') {
    note(
      [
        `Signed with ${key} (kept in ${devMoneyhubKeyFile()}), iss ${moneyhub.issuer}. A receiver trusts it with:`,
        `  moneyhub({ jwks: ${JSON.stringify(moneyhub.jwks)}, ${audience} })`,
      ].join('\n'),
    );
  } else {
    note(
      [
        `Signed with ${key}, iss ${moneyhub.issuer}. A receiver trusts it only with:`,
        `  moneyhub({ jwks: ${JSON.stringify(moneyhub.jwks)}, ${audience} })`,
        'To keep a key across runs: `finhooks keys moneyhub key.json`, then --key key.json (or --dev for the development key).',
        "Or let the receiver discover it: --serve-jwks <port>, with moneyhub({ issuer: 'http://127.0.0.1:<port>', " + audience + ' }).',
      ].join('\n'),
    );
  }
}

function statusLine(result: SendResult): string {
  return result.statusText ? `${result.status} ${result.statusText}` : String(result.status);
}

function refusalHint(delivery: Delivery, status: number, serving: boolean): string | undefined {
  if (status !== 401) return undefined;
  if (delivery.tampered) return 'Expected: --tamper changed the body after signing, and the receiver caught it.';
  if (delivery.moneyhub?.keySource === 'ephemeral') {
    return serving
      ? "A receiver that fetched an earlier run's keys keeps them cached: pass --dev or --key <file> so the kid stays the same, or restart it."
      : 'The receiver does not know the one-off key: see how to trust it above.';
  }
  if (delivery.secretSource) return "Check that the receiver's secret is the one this delivery was signed with.";
  return undefined;
}

function positiveInteger(value: string, flag: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < 1)
    throw new UsageError(`${flag} needs a positive whole number, not "${value}".`);
  return number;
}

/** `name:value` pairs; names lower-cased so they replace the provider's header of the same name. */
function parseHeaders(values: readonly string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const value of values) {
    const colon = value.indexOf(':');
    const name = colon === -1 ? '' : value.slice(0, colon).trim().toLowerCase();
    if (!/^[!#$%&'*+.^_`|~0-9a-z-]+$/.test(name)) {
      // The value is not echoed: it may be a credential typed without its colon.
      throw new UsageError('--header needs "name:value" with a valid header name, e.g. -H "x-request-id:42".');
    }
    headers[name] = value.slice(colon + 1).trim();
  }
  return headers;
}
