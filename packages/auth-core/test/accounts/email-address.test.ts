import { describe, expect, it } from 'vitest';
import { checkEmailAddress } from '../../src/index.js';

describe('checkEmailAddress', () => {
  it('accepts ordinary addresses, trimmed, and normalizes them to lower case', () => {
    expect(checkEmailAddress(' Alice.Smith+news@Example.COM ')).toEqual({ ok: true, address: 'Alice.Smith+news@Example.COM', normalized: 'alice.smith+news@example.com' });
    expect(checkEmailAddress('jörg@bücher.example')).toMatchObject({ ok: true, normalized: 'jörg@bücher.example' });
    expect(checkEmailAddress('a@sub.domain.example.org')).toMatchObject({ ok: true });
  });

  it.each([
    ['CR/LF (a header injection)', 'a@b.example\r\nBcc: victim@c.example'],
    ['a line feed alone', 'a@b.example\nx'],
    ['a space', 'a b@c.example'],
    ['no @', 'alice.example.com'],
    ['two @', 'a@b@c.example'],
    ['no top-level domain', 'alice@localhost'],
    ['an angle-bracketed name', 'Alice <alice@example.com>'],
    ['a trailing dot', 'alice@example.com.'],
    ['a 65-character local part', `${'a'.repeat(65)}@example.com`],
    ['more than 254 characters', `a@${'b'.repeat(250)}.com`],
    ['an empty string', ''],
    ['a number', 42],
    ['a zero-width space', 'ali\u200bce@example.com'],
  ])('refuses %s without throwing', (_, raw) => {
    expect(checkEmailAddress(raw)).toMatchObject({ ok: false, reason: expect.any(String) as string });
  });
});
