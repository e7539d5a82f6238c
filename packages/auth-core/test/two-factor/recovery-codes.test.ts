import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateRecoveryCodes, RECOVERY_CODE_COUNT, recoveryCodeDigest } from '../../src/two-factor/index.js';

describe('recovery codes', () => {
  it('part of SEC-MFA-06: makes 10 distinct 125-bit codes in groups of five, stored only as SHA-256', () => {
    const { codes, digests } = generateRecoveryCodes();
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    for (const [i, code] of codes.entries()) {
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){4}$/);
      expect(digests[i]).toBe(createHash('sha256').update(code.replace(/-/g, '')).digest('hex'));
      expect(digests[i]).not.toContain(code.replace(/-/g, '').toLowerCase());
    }
    // 25 symbols of a 32-letter alphabet: 125 bits, above ASVS 6.5.2's 112.
    expect(25 * Math.log2(32)).toBeGreaterThanOrEqual(112);
  });

  it('reads a code as people type it: any case, spaces or dashes, I/L for 1 and O for 0', () => {
    const { codes, digests } = generateRecoveryCodes();
    const code = codes[0] ?? '';
    const plain = code.replace(/-/g, '');
    expect(recoveryCodeDigest(code)).toBe(digests[0]);
    expect(recoveryCodeDigest(` ${plain.toLowerCase()} `)).toBe(digests[0]);
    expect(recoveryCodeDigest(plain.match(/.{5}/g)?.join(' ') ?? '')).toBe(digests[0]);
    const withOnes = plain.replace(/1/g, 'l').replace(/0/g, 'O');
    expect(recoveryCodeDigest(withOnes)).toBe(digests[0]);
  });

  it('gives no digest for what cannot be a code, without throwing', () => {
    for (const bad of ['', 'ABCDE', 'U'.repeat(25), '*'.repeat(25), 'A'.repeat(26), 'A'.repeat(100), 42, null, undefined]) {
      expect(recoveryCodeDigest(bad)).toBeUndefined();
    }
  });
});
