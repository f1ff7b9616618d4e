import { describe, expect, it } from 'vitest';
import { atelio, atomic, moneyhub, type WebhookEvent } from '../../src/index.js';
import { ATELIO_ENTITY_KEYS } from '../../src/providers/atelio/entity-key.js';
import { ATOMIC_ENTITY_KEYS } from '../../src/providers/atomic/entity-key.js';
import { atelioDocSamples, atomicDocSamples } from '../../src/testing.js';
import { validateEvent } from '../../src/validate.js';
import type { AnyProvider } from '../../src/provider.js';

/** The stale-event guard's entity rules, on every documented sample: the table in the README, as code. */
function eventOf(provider: AnyProvider, type: string, body: unknown): WebhookEvent {
  return validateEvent(provider, { type, id: 'x' }, body, new Date());
}

/** An event as the rule sees it, without validation (hand-made payloads). */
const raw = (type: string, payload: unknown): WebhookEvent => ({ provider: 'test', id: 'x', type, receivedAt: new Date(), payload, known: false });

const atelioProvider = atelio({ secret: 'whsec_entity_keys_0123456789' });
const atomicProvider = atomic({ secret: 'atomic_entity_keys_0123456789' });

const covered = (type: string) =>
  ATELIO_ENTITY_KEYS.some(([prefix]) => (prefix.endsWith('.') ? type.startsWith(prefix) : type === prefix));

describe('Atelio entity keys', () => {
  it.each(atelioDocSamples.map((sample) => [sample.type, sample] as const))('%s', (type, sample) => {
    const key = atelioProvider.entityKey!(eventOf(atelioProvider, type, sample.body));
    if (covered(type)) {
      expect(key, 'a family of the table reads its entity from the documented sample').toBeDefined();
      expect(JSON.parse(key!)[0]).toBe(ATELIO_ENTITY_KEYS.find(([prefix]) => (prefix.endsWith('.') ? type.startsWith(prefix) : type === prefix))![1]);
    } else {
      expect(key).toBeUndefined();
    }
  });

  it('keys a card by its id, its status and wallet apart, and other cards apart', () => {
    const card = (type: string, id: string) => atelioProvider.entityKey!(raw(type, { event: type, card: { card_id: id } }));
    expect(card('card.status.active', 'a')).toBe(JSON.stringify(['card', 'a']));
    expect(card('card.status.closed', 'a')).toBe(card('card.created', 'a'));
    expect(card('card.wallet.add', 'a')).toBe(JSON.stringify(['card.wallet', 'a']));
    expect(card('card.status.active', 'b')).not.toBe(card('card.status.active', 'a'));
  });

  it('has no entity when the ids are absent, or for types outside the families', () => {
    expect(atelioProvider.entityKey!(raw('card.status.lost', { event: 'card.status.lost' }))).toBeUndefined();
    expect(atelioProvider.entityKey!(raw('card.reissued.someday', { card: { card_id: 'a' } }))).toBeUndefined();
  });
});

describe('Atomic entity keys', () => {
  it.each(atomicDocSamples.map((sample) => [sample.type, sample] as const))('%s', (type, sample) => {
    const key = atomicProvider.entityKey!(eventOf(atomicProvider, type, sample.body));
    if (Object.hasOwn(ATOMIC_ENTITY_KEYS, type)) {
      expect(key).toBeDefined();
      expect(JSON.parse(key!)[0]).toBe(ATOMIC_ENTITY_KEYS[type]![0]);
    } else {
      expect(key).toBeUndefined();
    }
  });

  it('keys synced data per user and linked account, and per kind', () => {
    const body = (eventType: string, user: string, linkedAccount: string) => ({ eventType, user: { _id: user }, data: { linkedAccount } });
    const key = (type: string, user: string, la: string) => atomicProvider.entityKey!(raw(type, body(type, user, la)));
    expect(key('income-updated', 'u', 'l')).toBe(JSON.stringify(['income', 'u', 'l']));
    expect(key('income-synced', 'u', 'l')).toBe(key('income-updated', 'u', 'l'));
    expect(key('employment-updated', 'u', 'l')).not.toBe(key('income-updated', 'u', 'l'));
    expect(key('income-updated', 'u', 'other')).not.toBe(key('income-updated', 'u', 'l'));
    expect(key('statements-added', 'u', 'l')).toBeUndefined();
  });
});

it('Moneyhub has no entity rule', () => {
  expect(moneyhub({ format: 'json', allowUnsigned: true }).entityKey).toBeUndefined();
});
