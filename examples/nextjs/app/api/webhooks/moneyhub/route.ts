import { webhooks } from '@finhooks/next';
import { moneyhubFromEnv } from '@/lib/moneyhub';
import { recordReceived } from '@/lib/received';

export const runtime = 'nodejs';

// Moneyhub (open banking): the body is an RS256 JWT (`application/jwt`) verified against Moneyhub's keys.
// Moneyhub delivers once and waits 5 s: keep handlers fast (or use queue mode, see @finhooks/redis).
export const { POST, GET, PUT, PATCH, DELETE, OPTIONS } = webhooks({
  provider: moneyhubFromEnv(),
  on: {
    newTransactions: (event) =>
      recordReceived('app/moneyhub', event, {
        transactions: event.payload.payload.accounts.reduce((count, account) => count + account.transactions.length, 0),
      }),
    'payment*': (event) => recordReceived('app/moneyhub', event),
  },
});
