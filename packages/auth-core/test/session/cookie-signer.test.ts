import { describe, expect, it } from 'vitest';
import { CookieSigner } from '../../src/session/cookie-signer.js';

const NEWEST = 'newest-key-'.padEnd(40, 'n');
const OLDER = 'older-key-'.padEnd(40, 'o');

// Signatures made by Keygrip 1.1 (what Koa's `cookies` used before) with the same keys: cookies
// signed before the switch must stay valid, and new ones must be what Keygrip would have made.
const KEYGRIP = [
  { data: 'sid=abc', newest: 'yaGySt5s06M4EWD5OUKp48vtZSU', older: '_aShepC3h7AzdwU9LtK3u4ynLf8' },
  { data: 'sid=Zz9_-Zz9_-Zz9_-Zz9_-Zz9_-Zz9_-Zz9_-Zz9_-abc', newest: 'aPSZmjXq25NXKBt8WEsQFxtkMMI', older: '7Hl4Patejg26a7jvDi1iHEIrAmo' },
  { data: '__Host-sid=x?y', newest: '1hLf0J61JFB1FQ12dqDSd2B704E', older: '_C0R3G6BKLO04IBdC6tLz37qjgQ' },
];

describe('CookieSigner', () => {
  const signer = new CookieSigner([NEWEST, OLDER]);

  it('signs exactly as Keygrip does (HMAC-SHA1, base64url, newest key)', () => {
    for (const { data, newest } of KEYGRIP) expect(signer.sign(data)).toBe(newest);
  });

  it('verifies under any key and tells which one (the older key makes cookies re-signed)', () => {
    for (const { data, newest, older } of KEYGRIP) {
      expect(signer.index(data, newest)).toBe(0);
      expect(signer.index(data, older)).toBe(1);
      expect(signer.verify(data, older)).toBe(true);
    }
  });

  it('refuses a wrong, truncated, padded or foreign signature', () => {
    const [{ data, newest }] = KEYGRIP as [(typeof KEYGRIP)[number]];
    expect(signer.index(data, `${newest.slice(0, -1)}A`)).toBe(-1);
    expect(signer.index(data, newest.slice(0, -1))).toBe(-1);
    expect(signer.index(data, `${newest}=`)).toBe(-1);
    expect(signer.index('sid=abd', newest)).toBe(-1);
    expect(signer.index(data, '')).toBe(-1);
    expect(new CookieSigner(['another key entirely, 32 bytes+']).verify(data, newest)).toBe(false);
  });

  it('needs a key', () => {
    expect(() => new CookieSigner([])).toThrow(TypeError);
  });
});
