import { createPasswordHasher, testOnlyScryptParams, type PasswordHasher } from '../../src/index.js';

/** Fast params for tests, through the explicit test-only override. */
export const FAST = testOnlyScryptParams({ logN: 10 });

/** A hasher with fast test params. */
export function fastHasher(options: { maxConcurrent?: number; maxQueue?: number } = {}): PasswordHasher {
  return createPasswordHasher({ params: FAST, ...options });
}
