import { describe, expect, it } from 'vitest';
import { generateTotpSecret, otpauthUri, qrSvg, totpCode, verifyTotp } from '../../src/two-factor/index.js';

/** RFC 6238's seed for SHA-1, the ASCII "12345678901234567890", in base32. */
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe('TOTP (RFC 6238)', () => {
  it.each([
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ])('part of SEC-MFA-01: the SHA-1 row of Appendix B at T=%i gives %s (8 digits)', (seconds, expected) => {
    expect(totpCode(RFC_SECRET, new Date(seconds * 1000), 8)).toBe(expected);
    expect(verifyTotp(RFC_SECRET, expected, { now: new Date(seconds * 1000), digits: 8 })).toEqual({ ok: true, step: Math.floor(seconds / 30) });
  });

  it('part of SEC-MFA-01: makes 160-bit base32 secrets, 6-digit codes, and accepts one step of drift either way, not two', () => {
    const secret = generateTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(generateTotpSecret()).not.toBe(secret);
    const now = new Date(Date.UTC(2026, 0, 1, 12, 0, 10));
    const code = totpCode(secret, now);
    expect(code).toMatch(/^\d{6}$/);
    for (const offset of [-30_000, 0, 30_000]) expect(verifyTotp(secret, code, { now: new Date(now.getTime() + offset) }).ok).toBe(true);
    for (const offset of [-60_000, 60_000]) expect(verifyTotp(secret, code, { now: new Date(now.getTime() + offset) }).ok).toBe(false);
    expect(verifyTotp(secret, `${code.slice(0, 3)} ${code.slice(3)}`, { now }).ok).toBe(true);
  });

  it('part of SEC-MFA-03: accepts only a step after the last accepted one (a code works once; an older one never after a newer one)', () => {
    const secret = generateTotpSecret();
    const now = new Date(Date.UTC(2026, 0, 1, 12, 0, 10));
    const first = verifyTotp(secret, totpCode(secret, now), { now });
    if (!first.ok) throw new Error('the current code is accepted');
    expect(verifyTotp(secret, totpCode(secret, now), { now, afterStep: first.step })).toEqual({ ok: false });
    const previous = totpCode(secret, new Date(now.getTime() - 30_000));
    expect(verifyTotp(secret, previous, { now, afterStep: first.step })).toEqual({ ok: false });
    const next = totpCode(secret, new Date(now.getTime() + 30_000));
    expect(verifyTotp(secret, next, { now, afterStep: first.step })).toEqual({ ok: true, step: first.step + 1 });
  });

  it('refuses malformed codes and secrets without throwing', () => {
    const now = new Date();
    for (const bad of ['', '12345', '1234567', 'abcdef', '12345a', '１２３４５６', 123456, null, undefined, ['123456']]) {
      expect(verifyTotp(RFC_SECRET, bad, { now })).toEqual({ ok: false });
    }
    expect(verifyTotp('not base32 !!', '123456', { now })).toEqual({ ok: false });
  });

  it('builds the otpauth:// URI authenticator apps scan, with issuer and account encoded', () => {
    const uri = new URL(otpauthUri({ secret: RFC_SECRET, issuer: 'Demo Shop', account: 'alice@example.com' }));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/Demo Shop:alice@example.com');
    expect(Object.fromEntries(uri.searchParams)).toEqual({ issuer: 'Demo Shop', secret: RFC_SECRET, algorithm: 'SHA1', digits: '6', period: '30' });
  });
});

describe('qrSvg', () => {
  it('draws the otpauth URI as an inline SVG with no external reference', async () => {
    const svg = await qrSvg(otpauthUri({ secret: RFC_SECRET, issuer: 'Demo', account: 'alice' }));
    expect(svg).toMatch(/^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg).toContain('<path');
    expect(svg).not.toMatch(/href=|<script|https?:\/\/(?!www\.w3\.org)/);
    expect(await qrSvg('other')).not.toBe(svg);
  });
});
