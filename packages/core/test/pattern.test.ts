import { describe, expect, it } from 'vitest';
import { compilePattern, isWildcard } from '../src/pattern.js';

describe('compilePattern', () => {
  const cases: Array<[pattern: string, matches: string[], misses: string[]]> = [
    ['card.*', ['card.created', 'card.status.active', 'card.'], ['card', 'cards.created', 'xcard.created']],
    ['card*', ['card', 'card.created', 'card.status.no_withdrawals', 'cards'], ['xcard', 'car']],
    ['kyc.*.success', ['kyc.verification.success', 'kyc.a.b.success'], ['kyc.verification.failure', 'kyc.success', 'kyb.verification.success']],
    ['deposit-accounts-*', ['deposit-accounts-synced', 'deposit-accounts-added'], ['deposit-switch-removed', 'deposit-accounts']],
    ['*', ['transactions', '', 'anything.at.all'], []],
    ['*-synced', ['identity-synced', 'deposit-accounts-synced'], ['identity-updated']],
    ['transactions', ['transactions'], ['transactions.x', 'transaction']],
    // Regex metacharacters in a pattern are literals.
    ['a.b', ['a.b'], ['axb']],
    ['(x)+*', ['(x)+y'], ['xxy']],
    ['payment*', ['paymentCompleted', 'paymentError'], ['newTransactions']],
  ];

  for (const [pattern, matches, misses] of cases) {
    it(`"${pattern}" matches ${JSON.stringify(matches)} and not ${JSON.stringify(misses)}`, () => {
      const match = compilePattern(pattern);
      for (const type of matches) expect(match(type), type).toBe(true);
      for (const type of misses) expect(match(type), type).toBe(false);
    });
  }

  it('matches across new lines like any other character', () => {
    expect(compilePattern('a*b')('a\nb')).toBe(true);
  });

  it('tells wildcards from exact types', () => {
    expect(isWildcard('card.*')).toBe(true);
    expect(isWildcard('card.created')).toBe(false);
  });
});
