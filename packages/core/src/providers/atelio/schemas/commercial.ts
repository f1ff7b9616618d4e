/**
 * `commercial.credit_application.*`: the commercial secured charge card application lifecycle.
 * Sources: guyklages/docusaurus `docs/atelio/webhooks/webhook-events.md` and
 * `docs/atelio/cards/commercial-secured-charge-card.md`, which list the types but document no payload
 * (not even whether it mirrors `credit.application.*`), so only the envelope is typed.
 */
import { undocumentedFamily } from './common.js';

export const commercialCreditApplication = undocumentedFamily([
  'commercial.credit_application.created',
  'commercial.credit_application.submitted',
  'commercial.credit_application.under_review',
  'commercial.credit_application.approved',
  'commercial.credit_application.denied',
  'commercial.credit_application.resubmit_required',
  'commercial.credit_application.pending',
]);
