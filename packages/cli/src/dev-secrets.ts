/**
 * Development secrets shared by the examples and `finhooks send --dev`, so both sides agree out of
 * the box. They are public: never configure a production receiver with them.
 */
export const DEV_ATOMIC_SECRET = 'dev-atomic-secret';
export const DEV_ATELIO_SECRET = 'whsec_dev_atelio_secret';

export const DEV_SECRETS = Object.freeze({
  atomic: DEV_ATOMIC_SECRET,
  atelio: DEV_ATELIO_SECRET,
});
