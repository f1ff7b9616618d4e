import type { Catalog } from '../../provider.js';

/** Placeholder: replaced by the full Atelio catalogue. */
export const atelioCatalog = {} as const satisfies Catalog;
