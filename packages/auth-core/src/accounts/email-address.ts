/** The result of {@link checkEmailAddress}. */
export type EmailAddressCheck = { ok: true; address: string; normalized: string } | { ok: false; reason: string };

/**
 * One `@`, a local part of 1 to 64 characters and a domain of dot-separated labels; no whitespace
 * or control characters anywhere (a CR or LF in an address is a mail header injection attempt).
 * Deliberately simpler than RFC 5322 (no quoted local parts, no comments, no IP literals): the
 * address only has to reach a mailbox, and the verification link proves that it does.
 */
const ADDRESS = /^[^\s@\p{Cc}\p{Cf}"(),:;<>[\\\]]{1,64}@(?=.{1,253}$)(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+[\p{L}]{2,63}$/u;

/**
 * Validates an email address typed into a form or a command and returns it as typed (trimmed, NFC)
 * and in the normalized form addresses are compared in: lower-cased whole, so `Alice@Example.com`
 * and `alice@example.com` are one address (providers treat the local part case-insensitively in
 * practice; comparing it case-sensitively would let two accounts claim one mailbox). Never
 * throws; refuses whitespace, control characters (CR/LF), more than 254 characters and anything
 * that is not `local@domain.tld`.
 *
 * @example
 * checkEmailAddress(' Alice@Example.COM '); // { ok: true, address: 'Alice@Example.COM', normalized: 'alice@example.com' }
 * checkEmailAddress('a@b.c\r\nBcc: x@y.z').ok; // false
 */
export function checkEmailAddress(raw: unknown): EmailAddressCheck {
  if (typeof raw !== 'string') return { ok: false, reason: 'Enter an email address.' };
  const address = raw.normalize('NFC').trim();
  if (address === '') return { ok: false, reason: 'Enter an email address.' };
  if (address.length > 254 || !ADDRESS.test(address)) return { ok: false, reason: 'Enter an email address such as name@example.com.' };
  return { ok: true, address, normalized: address.toLowerCase() };
}
