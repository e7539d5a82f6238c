/**
 * Every signing key the documentation prints, so production refuses one copied from a page.
 * The one place they are listed: `test/session/session-keys.test.ts` scans the docs, the README,
 * SECURITY.md and the generators' templates, and fails when a key-like value there is not
 * refused, so this list cannot fall behind the pages.
 */
export const DOCUMENTED_EXAMPLE_KEYS: readonly string[] = [
  // docs/guide/deploy.md: what `openssl rand -base64 32` prints.
  'Q7iZlQ7RtEBpMnVfSDCXTszuAh1Bz5LlbG+t9Jn1JUA=',
];
