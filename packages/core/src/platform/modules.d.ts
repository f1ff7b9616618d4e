/**
 * `#crypto` and `#bytes` resolve through package.json `imports` (node:crypto or Web Crypto by the
 * runtime's conditions). For type-checking the sources (before `dist/` exists) they are declared
 * here by their contract. Not `paths` in tsconfig.json: esbuild applies those to every file under
 * this directory, dist/ included, and would bundle the node:crypto sources for Workers.
 */
declare module '#crypto' {
  export const crypto: import('./crypto-types.js').CryptoImplementation;
}
declare module '#bytes' {
  export const bytes: import('./crypto-types.js').BytesImplementation;
}
