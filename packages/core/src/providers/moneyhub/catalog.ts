import type { Catalog } from '../../provider.js';

/** Placeholder: replaced by the full Moneyhub catalogue. */
export const moneyhubCatalog = {} as const satisfies Catalog;
