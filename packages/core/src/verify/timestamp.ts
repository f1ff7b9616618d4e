import { SignatureVerificationError } from '../errors.js';

/** Rejects a signed timestamp (unix seconds) outside `now ± toleranceSeconds`: replays and clock abuse. */
export function assertFreshTimestamp(
  provider: string,
  timestamp: number,
  toleranceSeconds: number,
  now = Date.now(),
): void {
  const skew = Math.floor(now / 1000) - timestamp;
  if (!Number.isFinite(timestamp) || Math.abs(skew) > toleranceSeconds) {
    const direction = skew > 0 ? 'older' : 'further in the future';
    throw new SignatureVerificationError(
      'timestamp_out_of_range',
      `The ${provider} signature timestamp is ${direction} than the tolerance of ${toleranceSeconds} s (possible replay, or a clock out of sync).`,
    );
  }
}
