import type { DocSample } from '../../doc-sample.js';

/** Placeholder: replaced by every sample of the Atelio documentation. */
export const atelioDocSamples: readonly DocSample[] = [];
/** One sample body per catalogue type. */
export const atelioSamples: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {};
