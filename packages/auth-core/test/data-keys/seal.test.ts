import { describe, expect, it } from 'vitest';
import { DataKeysError, generateDataKey, parseDataKeys } from '../../src/data-keys/keyring.js';
import { openData, sealData } from '../../src/data-keys/seal.js';

const oldKey = generateDataKey();
const newKey = generateDataKey();

describe('sealData / openData (AES-256-GCM under DATA_KEYS)', () => {
  it('round-trips, with a fresh IV each time and no plaintext in the output', () => {
    const ring = parseDataKeys(newKey);
    const a = sealData(ring, 'JBSWY3DPEHPK3PXP', 'totp:u1');
    const b = sealData(ring, 'JBSWY3DPEHPK3PXP', 'totp:u1');
    expect(a).not.toBe(b);
    expect(a).not.toContain('JBSWY3DPEHPK3PXP');
    expect(a).toMatch(/^v1\.[\w-]{8}\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(openData(ring, a, 'totp:u1')).toBe('JBSWY3DPEHPK3PXP');
    expect(openData(ring, sealData(ring, '', 'x'), 'x')).toBe('');
  });

  it('refuses a value bound to another aad (a ciphertext copied to another user)', () => {
    const ring = parseDataKeys(newKey);
    expect(openData(ring, sealData(ring, 'secret', 'totp:u1'), 'totp:u2')).toBeUndefined();
  });

  it('opens with an older key kept second, seals with the newest, and refuses once the old key is gone', () => {
    const before = parseDataKeys(oldKey);
    const sealedBefore = sealData(before, 'secret', 'row:1');
    const rotated = parseDataKeys(`${newKey}, ${oldKey}`);
    expect(openData(rotated, sealedBefore, 'row:1')).toBe('secret');
    const sealedAfter = sealData(rotated, 'secret', 'row:1');
    expect(openData(parseDataKeys(newKey), sealedAfter, 'row:1')).toBe('secret');
    expect(openData(parseDataKeys(newKey), sealedBefore, 'row:1')).toBeUndefined();
  });

  it('returns undefined, never throws, on tampered or malformed values', () => {
    const ring = parseDataKeys(newKey);
    const sealed = sealData(ring, 'secret', 'a');
    const parts = sealed.split('.');
    const flip = (s: string) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
    for (const i of [2, 3, 4]) expect(openData(ring, parts.map((p, j) => (j === i ? flip(p) : p)).join('.'), 'a')).toBeUndefined();
    for (const bad of ['', 'v1', 'v2.' + parts.slice(1).join('.'), sealed + '.x', sealed.replace(/\.[^.]*$/, '.'), 'v1.a.b.c.d', 'v1.!.b.c.d']) {
      expect(openData(ring, bad, 'a')).toBeUndefined();
    }
    expect(openData(ring, 42 as unknown as string, 'a')).toBeUndefined();
  });
});

describe('parseDataKeys', () => {
  it('reads keys newest first and names each by a short id', () => {
    const ring = parseDataKeys(` ${newKey} ,${oldKey},`);
    expect(ring.keys).toHaveLength(2);
    expect(ring.keys[0]?.key).toEqual(Buffer.from(newKey, 'base64url'));
    expect(ring.keys[0]?.id).toMatch(/^[\w-]{8}$/);
    expect(generateDataKey()).toMatch(/^[\w-]{43}$/);
  });

  it.each([
    ['', /DATA_KEYS is empty/],
    [' , ', /DATA_KEYS is empty/],
    ['too-short', /key #1 is not 32 bytes/],
    [`${newKey},${'x'.repeat(44)}`, /key #2 is not 32 bytes/],
    [`${newKey},${newKey}`, /same key twice/],
  ])('refuses %j with a message naming DATA_KEYS', (value, message) => {
    expect(() => parseDataKeys(value)).toThrow(DataKeysError);
    expect(() => parseDataKeys(value)).toThrow(message);
  });

  it('never puts a key in its message', () => {
    const bad = `${newKey.slice(0, 42)}!`;
    try {
      parseDataKeys(bad);
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).not.toContain(bad.slice(0, 20));
    }
  });
});
