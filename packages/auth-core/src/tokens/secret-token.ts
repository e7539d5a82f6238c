import { createHash, randomBytes } from 'node:crypto';

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * A token for a mailed link: 32 bytes (256 bits) from the CSPRNG in base64url, and its SHA-256
 * (hex), which is all the database keeps: a leaked table holds no usable link.
 *
 * @example
 * const { token, digest } = createSecretToken();
 * await save(digest);
 * mail(`${origin}/password/reset/${token}`);
 */
export function createSecretToken(): { token: string; digest: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, digest: createHash('sha256').update(token).digest('hex') };
}

/**
 * The digest of a token from a URL, or `undefined` unless it has exactly the shape
 * {@link createSecretToken} makes (so junk never reaches a query). Never throws.
 *
 * @example
 * const digest = digestToken(ctx.params.token);
 * if (digest === undefined) return invalidLink(ctx);
 */
export function digestToken(token: unknown): string | undefined {
  if (typeof token !== 'string' || !TOKEN.test(token)) return undefined;
  return createHash('sha256').update(token).digest('hex');
}
