import { atelioCatalog, atomicCatalog, type Catalog, eventJsonSchema, moneyhubCatalog } from '@finhooks/core';
import { UsageError } from './errors.js';
import { didYouMean, suggestionText } from './suggest.js';

export const PROVIDER_NAMES = ['atomic', 'moneyhub', 'atelio'] as const;
export type ProviderName = (typeof PROVIDER_NAMES)[number];

const CATALOGS: Readonly<Record<ProviderName, Catalog>> = {
  atomic: atomicCatalog,
  moneyhub: moneyhubCatalog,
  atelio: atelioCatalog,
};

/** The body field that names the event type (in Moneyhub's normalised JSON envelope for Moneyhub). */
export const TYPE_FIELD: Readonly<Record<ProviderName, string>> = {
  atomic: 'eventType',
  moneyhub: 'eventType',
  atelio: 'event',
};

export function isProviderName(name: string): name is ProviderName {
  return (PROVIDER_NAMES as readonly string[]).includes(name);
}

/** The provider called `name`, or a usage error naming the ones that exist. */
export function resolveProvider(name: string): ProviderName {
  if (isProviderName(name)) return name;
  throw new UsageError(
    `Unknown provider "${name}".${suggestionText(didYouMean(name, PROVIDER_NAMES))} Providers: ${PROVIDER_NAMES.join(', ')}.`,
  );
}

/** The catalogue's event types, sorted. */
export function eventTypes(provider: ProviderName): string[] {
  return Object.keys(CATALOGS[provider]).sort();
}

export function isKnownType(provider: ProviderName, type: string): boolean {
  return Object.hasOwn(CATALOGS[provider], type);
}

export interface ResolveTypeOptions {
  /** Accept a type outside the catalogue (providers add types before the catalogue knows them). */
  readonly allowUnknown?: boolean;
  /** Appended to the error: what else the user can do (e.g. `--allow-unknown`). */
  readonly hint?: string;
}

/** Checks `type` against the catalogue: known, allowed unknown, or a usage error listing the types. */
export function resolveEventType(
  provider: ProviderName,
  type: string,
  options: ResolveTypeOptions = {},
): { type: string; known: boolean } {
  if (isKnownType(provider, type)) return { type, known: true };
  if (options.allowUnknown && type.trim() !== '') return { type, known: false };
  const types = eventTypes(provider);
  throw new UsageError(
    [
      `"${type}" is not in the ${provider} catalogue.${suggestionText(didYouMean(type, types))}`,
      `${provider} event types (${types.length}):\n${wrap(types, 100)}`,
      ...(options.hint ? [options.hint] : []),
    ].join('\n'),
  );
}

/** The zod schema of a catalogue type. */
export function eventSchema(provider: ProviderName, type: string) {
  const schema = CATALOGS[provider][resolveEventType(provider, type).type];
  if (!schema) throw new UsageError(`"${type}" is not in the ${provider} catalogue.`);
  return schema;
}

/** The JSON Schema of a catalogue type's body. */
export function eventTypeJsonSchema(provider: ProviderName, type: string): Record<string, unknown> {
  const known = resolveEventType(provider, type).type;
  return eventJsonSchema({ catalog: CATALOGS[provider] }, known)!;
}

/** `a, b, c` wrapped at `width` columns, indented: a list that stays readable in a terminal. */
function wrap(items: readonly string[], width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const item of items) {
    const next = line === '' ? `  ${item}` : `${line}, ${item}`;
    if (next.length > width && line !== '') {
      lines.push(`${line},`);
      line = `  ${item}`;
    } else line = next;
  }
  if (line !== '') lines.push(line);
  return lines.join('\n');
}
