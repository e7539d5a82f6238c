import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSecretToken, digestToken } from '../../src/tokens/secret-token.js';

describe('createSecretToken / digestToken', () => {
  it('part of SEC-RESET-02: makes 256-bit base64url tokens whose SHA-256 is the stored digest', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const { token, digest } = createSecretToken();
      expect(token).toMatch(/^[\w-]{43}$/);
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
      expect(digest).toBe(createHash('sha256').update(token).digest('hex'));
      expect(digestToken(token)).toBe(digest);
      seen.add(token);
    }
    expect(seen.size).toBe(200);
  });

  it('gives no digest for anything of another shape, without throwing', () => {
    const { token } = createSecretToken();
    for (const bad of ['', token.slice(1), `${token}A`, `${token.slice(1)}=`, `${token.slice(1)}/`, '../../etc/passwd', undefined, 42, null, [token]]) {
      expect(digestToken(bad)).toBeUndefined();
    }
  });
});
