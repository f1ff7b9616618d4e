import type { Catalog } from '../../provider.js';

/** Placeholder: replaced by the full Atomic catalogue. */
export const atomicCatalog = {} as const satisfies Catalog;
