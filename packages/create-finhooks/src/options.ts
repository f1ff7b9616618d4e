import {
  frameworkNamed,
  FRAMEWORK_NAMES,
  type FrameworkName,
  isProvider,
  PROVIDERS,
  type Provider,
} from './catalog.js';
import { UsageError } from './errors.js';
import { INBOX_FRAMEWORKS, type Inbox, parseInbox, templateName } from './inbox.js';

export interface Flags {
  readonly framework?: string;
  /** Each `--provider` given, each a name or a comma-separated list. */
  readonly provider?: readonly string[];
  readonly yes?: boolean;
  /** `--inbox postgres`: the app with a PostgreSQL inbox and a worker. */
  readonly inbox?: string;
}

export const DEFAULTS = { directory: 'finhooks-app', framework: 'express', providers: [...PROVIDERS] } as const;

export function parseFramework(value: string): FrameworkName {
  const framework = frameworkNamed(value);
  if (!framework) throw new UsageError(`--framework: unknown "${value}"; choose one of ${FRAMEWORK_NAMES.join(', ')}.`);
  return framework;
}

/** `--provider atomic,atelio --provider moneyhub` → the providers in catalogue order, each once. */
export function parseProviders(values: readonly string[]): Provider[] {
  const names = values
    .flatMap((value) => value.split(','))
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  const unknown = names.filter((name) => !isProvider(name));
  if (unknown.length > 0) {
    throw new UsageError(
      `--provider: unknown ${unknown.map((n) => `"${n}"`).join(', ')}; choose from ${PROVIDERS.join(', ')}.`,
    );
  }
  if (names.length === 0) throw new UsageError(`--provider: name at least one of ${PROVIDERS.join(', ')}.`);
  return PROVIDERS.filter((provider) => names.includes(provider));
}

/** What the flags and the positional argument settle; the rest is asked, defaulted (--yes) or refused. */
export function givenChoices(directory: string | undefined, flags: Flags) {
  const inbox: Inbox | undefined = flags.inbox === undefined ? undefined : parseInbox(flags.inbox);
  // --inbox implies the framework when only one has an inbox template; another one is refused now, before any prompt.
  const framework =
    flags.framework === undefined
      ? inbox && INBOX_FRAMEWORKS.length === 1
        ? INBOX_FRAMEWORKS[0]
        : undefined
      : parseFramework(flags.framework);
  if (inbox && framework) templateName(framework, inbox);
  return {
    directory: directory?.trim() || undefined,
    framework,
    providers: flags.provider === undefined ? undefined : parseProviders(flags.provider),
    inbox,
  };
}

/** Without a terminal to ask on: every choice must be given, or --yes fills in the defaults. */
export function nonInteractiveChoices(given: ReturnType<typeof givenChoices>, yes: boolean) {
  if (yes) {
    return {
      directory: given.directory ?? DEFAULTS.directory,
      framework: given.framework ?? DEFAULTS.framework,
      providers: given.providers ?? [...DEFAULTS.providers],
      inbox: given.inbox,
    };
  }
  const missing = [
    given.directory === undefined && 'the target folder (first argument)',
    given.framework === undefined && `--framework (${FRAMEWORK_NAMES.join('|')})`,
    given.providers === undefined && `--provider (${PROVIDERS.join(',')})`,
  ].filter((item): item is string => Boolean(item));
  if (missing.length > 0) {
    throw new UsageError(
      `Missing ${missing.join(', ')}: standard input is not a terminal, so nothing can be asked. Pass them, or --yes to take the defaults (${DEFAULTS.directory}, ${DEFAULTS.framework}, every provider).`,
    );
  }
  return { directory: given.directory!, framework: given.framework!, providers: given.providers!, inbox: given.inbox };
}
