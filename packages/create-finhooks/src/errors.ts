/** A mistake in how create-finhooks was called or where it was pointed: printed without a stack, exit code 1. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
