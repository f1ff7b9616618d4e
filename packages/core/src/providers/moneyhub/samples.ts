import type { DocSample } from '../../doc-sample.js';

/** Placeholder: replaced by every sample of the Moneyhub documentation. */
export const moneyhubDocSamples: readonly DocSample[] = [];
/** One sample body per catalogue type. */
export const moneyhubSamples: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {};
