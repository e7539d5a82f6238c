import { describe, expect, it } from 'vitest';
import { digestSessionId, generateSessionId, isSessionIdShape } from '../../src/session/ids.js';

describe('session ids', () => {
  it('are 43 base64url characters, all distinct, across many refills of the random pool', () => {
    const ids = Array.from({ length: 1000 }, () => generateSessionId());
    for (const id of ids) expect(isSessionIdShape(id)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    // 256 bits each: no byte value should be missing from 32,000 random bytes.
    const bytes = new Set(ids.flatMap((id) => [...Buffer.from(id, 'base64url')]));
    expect(bytes.size).toBe(256);
  });

  it('are stored only as their SHA-256 digest', () => {
    expect(digestSessionId('a'.repeat(43))).toMatch(/^[0-9a-f]{64}$/);
    expect(isSessionIdShape('attacker123')).toBe(false);
  });
});
