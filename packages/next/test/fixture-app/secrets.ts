/** The fixture app's signing secrets; the test signs its deliveries with the same. */
export const FIXTURE_ATOMIC_SECRET = 'next-fixture-atomic-secret';
export const FIXTURE_ATELIO_SECRET = 'whsec_nextFixtureAtelioSecret0123456789';
