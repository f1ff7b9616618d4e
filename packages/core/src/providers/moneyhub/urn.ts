/**
 * Moneyhub's JWT format names the event with a URN, `urn:com:moneyhub:events:<kebab-name>`, which is
 * not always the kebab case of the JSON `eventType`: `payment-rejected` is `paymentError`. Known
 * exceptions are mapped, everything else is kebab → camel. A URN outside the namespace is kept whole,
 * so it routes as an unknown type instead of colliding with a catalogue name.
 */
export const MONEYHUB_URN_PREFIX = 'urn:com:moneyhub:events:';

const EXCEPTIONS: Readonly<Record<string, string>> = {
  'payment-completed': 'paymentCompleted',
  'payment-rejected': 'paymentError',
};
const REVERSE_EXCEPTIONS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(EXCEPTIONS).map(([urn, type]) => [type, urn]),
);

export function eventTypeFromUrn(urn: string): string {
  if (!urn.startsWith(MONEYHUB_URN_PREFIX)) return urn;
  const name = urn.slice(MONEYHUB_URN_PREFIX.length);
  return Object.hasOwn(EXCEPTIONS, name)
    ? EXCEPTIONS[name]!
    : name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

export function urnFromEventType(type: string): string {
  const name = Object.hasOwn(REVERSE_EXCEPTIONS, type)
    ? REVERSE_EXCEPTIONS[type]!
    : type.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  return `${MONEYHUB_URN_PREFIX}${name}`;
}
