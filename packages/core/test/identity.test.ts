import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { entityEventId, type IdentityComponent } from '../src/identity.js';

/**
 * Entity ids are stored (de-duplication keys in Redis, Postgres): the text hashed must stay exactly
 * `JSON.stringify([type, ids, occurredAt])`, or a redelivery after an upgrade would not match the
 * delivery stored before it. Checked against node:crypto over JSON.stringify's own output.
 */
const expected = (type: string, ids: readonly IdentityComponent[], at: string) =>
  `entity-sha256:${createHash('sha256')
    .update(JSON.stringify([type, ids, at]))
    .digest('hex')}`;

describe('entityEventId', () => {
  it('hashes exactly the JSON text of [type, ids, occurredAt] (a stored id pinned)', () => {
    const ids = ['3fa85f64-5717-4562-b3fc-2c963f66afa6'];
    expect(entityEventId('transactions', ids, '2024-06-01T12:00:00.000Z')).toBe(
      `entity-sha256:${createHash('sha256').update('["transactions",["3fa85f64-5717-4562-b3fc-2c963f66afa6"],"2024-06-01T12:00:00.000Z"]').digest('hex')}`,
    );
  });

  it('property: equals the hash of JSON.stringify for any components (quotes, escapes, surrogates, numbers)', () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 20 }),
      fc.string({
        unit: fc.constantFrom('a', '"', '\\', '\n', '\u0000', '\u001f', '\u007f', 'é', '\ud83d', '\ude00', '€'),
        maxLength: 12,
      }),
      fc.string({ unit: 'grapheme', maxLength: 8 }),
    );
    const component: fc.Arbitrary<IdentityComponent> = fc.oneof(
      text,
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
    );
    fc.assert(
      fc.property(text, fc.array(component, { maxLength: 5 }), text, (type, ids, at) => {
        expect(entityEventId(type, ids, at)).toBe(expected(type, ids, at));
      }),
      { numRuns: 3000 },
    );
  });
});
