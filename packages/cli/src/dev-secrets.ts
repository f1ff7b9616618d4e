import type { PublicJwks } from './moneyhub-keys.js';

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

/** Key id of the development Moneyhub signing key. */
export const DEV_MONEYHUB_KID = 'finhooks-dev';

/**
 * A development RS256 key standing in for Moneyhub's: `finhooks send moneyhub … --dev` signs with
 * it, so the same `kid` is used on every run (receivers cache key sets). Published on purpose —
 * trust it only in development, through `DEV_MONEYHUB_JWKS`.
 */
export const DEV_MONEYHUB_PRIVATE_JWK = Object.freeze({
  kty: 'RSA',
  n: 'vC55JBRB16WY6edGbN29ZND8_MXOJ4LOdmAzPatsrMA7GOUSWGDR6XZhoCwXPgBsBCi5kR86lb6v6T1MzeXGZ4lp7vzwqkTHWbXfRCWiAhTtobEGBCXobKw0FLR88AJ24N4kzL8gZjzolAr61GL5En9aNDunu-Kfc9aZwrZnDGH3rhsS3ZtM_7IKiYsDCCjde3SN0a8AqVzePxgebq47-cukFLZZpRgHYAwuCw1FHe9eWDDXc2qSKDLiFmgc34q68GbKVsmGavCDaSEh3fyGoZ-mUUzn_0hEmPlFP52MDJr789h-hBhpA--pYK3uCoRE2V791tF6XQXNlFf3-oXzqQ',
  e: 'AQAB',
  d: 'I8akEkdloyVg9msZOP5JEP8ocbf7cwiLzvaIF1vdW9RqB9gZDkNN9RgkBEsNmiSDZKEHcn8g6LIpiGq2jNh3yVxXDu_4oy5TRgttKGwNKl8nNFvO3IAGeY6dkigkLo8RYbvp_CED_FvtDaQuvq0YVDtw_0guIeq6TNAKSHncCn7MFm_aH-0xTR_F-pQ5pKqb1SgI27t7IwGvrYO6Z4_HqtRcLM8UEhYmdnqUqdhljm_wtULrTXBgsJSpoKiQRAePQz1vqu7szb4QYF3EMUYLaHSpEVMzGA3IJihBrJ7f6MWly5n1-xArALg3udQTBsJMZdbNHM7Kdu-RxFb_B0qXhw',
  p: '4ZWqDa8Ph1fpM4UndFpA4GDLerIR7-LNhG-w_n1ZyLj35zIco4U6DRgQuwuEgO1ONVpTd1VcwxWrAoUCuZN7JkDtKOSit_up51jxcWjI237lqFL1EGd5vkic1BpqUya53XtFxPSevfKeD9kanKn6piGv3pavc8R5O9S16OF4y-8',
  q: '1Y3LYf7HagLdrqqtqgyxUHTFKVwTO0bGMjPYv7zZo36MZmlUUV74qqka30z5GLOQCBUJ5ghXwNriJpH_jORIofPPFfKYuNOWPuVvq4vevuwHuCfxx1sioLzw_0S6ULqeDbsOfEUATFxMhp2THYqhfewgBsb-CGjcHHh5kHvmAec',
  dp: 'OWrnus3pLPDSWZu1vCbQxou8nwE-EYnv95qaOVxcgvuZlc4qffCGIxkSARngYxSDyI6yGfivQLR-L4j9dZC1UrpJ4xO22w-CYnFAGzapkTzOZbafy8oasbU3vcDveTStMFOVIZmF4iEj3DLNVDzroGeIpSZDiDrlBLaSirEBFx8',
  dq: 'qVbG7-4YMvgS0W6GR1HJSQNPVHyuw1Jb13NFbMVTz1GKA6uCMQQeKzXtGSTwYaYBkGceckorS8JFklAzVIWxErtCeyTj9avSeA13f5BqEPsZI-6Iyox56PvqHoFhPKK-siSiV-hfVC3cgOJyxfooFLIoszcYOZLs96aQvwGAYgE',
  qi: 't55vHDgo_n_10MKiXqoU8QFF1k2UJ2z47Nz5_dCF6V-qG89GmffQ5WtnVMm2ivt9X3y6oTYY_EZHJGmcaxqH4VwPkbBGPuKXwPgR0oNasvPOG55DY5kRiQK5ObnDBmzzLKpjg_2AaHchLXpt9Udcd0Nc5eljMKYVrQs1SY7Zcuc',
  kid: DEV_MONEYHUB_KID,
  alg: 'RS256',
  use: 'sig',
});

/** The public half: `moneyhub({ jwks: DEV_MONEYHUB_JWKS })` accepts what `finhooks send moneyhub --dev` signs. */
export const DEV_MONEYHUB_JWKS: PublicJwks = Object.freeze({
  keys: [
    Object.freeze({
      kty: 'RSA',
      n: DEV_MONEYHUB_PRIVATE_JWK.n,
      e: DEV_MONEYHUB_PRIVATE_JWK.e,
      kid: DEV_MONEYHUB_KID,
      alg: 'RS256',
      use: 'sig',
    }),
  ],
});
