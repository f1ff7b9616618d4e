import { cancel, intro, isCancel, multiselect, select, text } from '@clack/prompts';
import {
  FRAMEWORK_NAMES,
  FRAMEWORKS,
  type FrameworkName,
  PROVIDER_LABELS,
  PROVIDERS,
  type Provider,
} from './catalog.js';
import type { Io } from './io.js';

/** Thrown when the person leaves a prompt (Ctrl+C, Escape). */
export class Cancelled extends Error {
  override readonly name = 'Cancelled';
}

function answered<T>(value: T | symbol, io: Io): T {
  if (isCancel(value)) {
    cancel('Nothing was written.', { output: io.stdout });
    throw new Cancelled('cancelled');
  }
  return value as T;
}

/** Asks a person (on a terminal) for what the flags did not give. Clack draws on `io.stdout`, reads `io.stdin`. */
export async function ask(
  io: Io,
  given: { directory?: string; framework?: FrameworkName; providers?: Provider[] },
): Promise<{ directory: string; framework: FrameworkName; providers: Provider[] }> {
  const common = { input: io.stdin, output: io.stdout };
  intro('create-finhooks', { output: io.stdout });
  const directory =
    given.directory ??
    (answered<string>(
      await text({
        ...common,
        message: 'Where should the app be written?',
        placeholder: 'finhooks-app',
        defaultValue: 'finhooks-app',
        validate: (value) => (value && value.trim() === '' ? 'A folder name, please.' : undefined),
      }),
      io,
    ).trim() ||
      'finhooks-app');
  const framework =
    given.framework ??
    answered<FrameworkName>(
      await select<FrameworkName>({
        ...common,
        message: 'Which framework?',
        options: FRAMEWORK_NAMES.map((name) => ({ value: name, label: FRAMEWORKS[name].label })),
        initialValue: 'express',
      }),
      io,
    );
  const providers =
    given.providers ??
    answered<Provider[]>(
      await multiselect<Provider>({
        ...common,
        message: 'Which providers? (space to toggle)',
        options: PROVIDERS.map((name) => ({ value: name, label: PROVIDER_LABELS[name] })),
        initialValues: [...PROVIDERS],
        required: true,
      }),
      io,
    );
  return { directory, framework, providers: PROVIDERS.filter((p) => providers.includes(p)) };
}
