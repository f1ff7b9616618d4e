import { describeApp, type Framework, FRAMEWORKS, type FrameworkName, type Provider } from './catalog.js';
import type { Paint } from './colors.js';
import type { Inbox } from './inbox.js';
import type { PackageManager } from './package-manager.js';

export interface Created {
  /** As the user should type it after `cd`: relative to where they are when possible. */
  readonly directory: string;
  readonly framework: FrameworkName;
  readonly providers: readonly Provider[];
  /** The app's script that starts a development server (`dev`, else `start`). */
  readonly devScript: string;
  readonly tarballs?: string;
  /** The app stores events in this inbox; its tests and dev script need the database. */
  readonly inbox?: Inbox;
}

const PORT = 3000;

/** A catalogue event per provider whose sample the CLI sends and the templates handle. */
const SAMPLE_EVENT: Record<Provider, string> = {
  atelio: 'transactions',
  atomic: 'task-status-updated',
  moneyhub: 'newTransactions',
};

/** The message printed once the app is written: what it is, then the commands to run it and send it an event. */
export function nextSteps(created: Created, pm: PackageManager, paint: Paint): string {
  const command = (text: string, comment?: string) =>
    `  ${paint('cyan', text)}${comment ? `  ${paint('dim', `# ${comment}`)}` : ''}`;
  const framework: Framework = FRAMEWORKS[created.framework];
  const base = `http://127.0.0.1:${PORT}`;
  // Moneyhub's keys come from its identity server, which the CLI can play: only shown when it is the sole provider.
  const provider = (['atelio', 'atomic', 'moneyhub'] as const).find((p) => created.providers.includes(p))!;
  const jwksPort = 4455;
  const send = `${pm.exec('finhooks')} send ${provider} ${SAMPLE_EVENT[provider]} --url ${base}${framework.route(provider)} --dev`;
  const jwks = provider === 'moneyhub' ? ` --serve-jwks ${jwksPort}` : '';
  const dev =
    provider === 'moneyhub'
      ? `MONEYHUB_ISSUER=http://127.0.0.1:${jwksPort} ${pm.run(created.devScript)}`
      : pm.run(created.devScript);

  return [
    `${paint('green', '✔')} Created ${paint('bold', created.directory)}: ${article(created.framework)} ${describeApp(created.framework, created.providers)}.`,
    ...(created.tarballs ? [`  finhooks is installed from the tarballs in ${created.tarballs}.`] : []),
    ...(created.inbox === 'postgres'
      ? [
          `  Events go to a PostgreSQL inbox; a worker applies them to your tables exactly once.`,
          `  It needs PostgreSQL at ${paint('bold', 'DATABASE_URL')} (default postgres://postgres@127.0.0.1:5432/test); ${pm.run(created.devScript)} starts the web process and the worker.`,
        ]
      : []),
    '',
    paint('bold', 'Next steps:'),
    ...(created.directory === '.' ? [] : [command(`cd ${quoteIfNeeded(created.directory)}`)]),
    command(pm.install),
    command(
      framework.testsNeedBuild ? `${pm.run('build')} && ${pm.run('test')}` : pm.run('test'),
      created.inbox
        ? 'real signed deliveries, good and bad, over HTTP; the worker’s effects in PostgreSQL'
        : 'real signed deliveries, good and bad, over HTTP',
    ),
    command(dev, `${base}`),
    '',
    paint('bold', 'Then send it a signed sample event from another terminal:'),
    command(`${send}${jwks}`),
    command(`${send}${jwks} --tamper`, 'refused: 401'),
    '',
    `Secrets and routes: see ${paint('bold', 'README.md')} in the app.`,
    '',
  ].join('\n');
}

function article(framework: FrameworkName): string {
  return framework === 'express' ? 'an' : 'a';
}

function quoteIfNeeded(path: string): string {
  return /^[\w./~-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}
