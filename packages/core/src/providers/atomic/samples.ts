import type { DocSample } from '../../doc-sample.js';

/** Placeholder: replaced by every sample of the Atomic documentation. */
export const atomicDocSamples: readonly DocSample[] = [];
/** One sample body per catalogue type. */
export const atomicSamples: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {};
