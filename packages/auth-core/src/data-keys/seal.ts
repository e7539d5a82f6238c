import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { DataKeyring } from './keyring.js';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const PART = /^[A-Za-z0-9_-]*$/;

/**
 * Encrypts `plaintext` with AES-256-GCM under the keyring's NEWEST key, with a fresh random
 * 96-bit IV and `aad` as additional authenticated data: bind a value to where it belongs (a row
 * id, a user id), so a ciphertext copied elsewhere does not open. The result is text:
 * `v1.<keyId>.<iv>.<ciphertext>.<tag>` (base64url parts).
 *
 * @example
 * const sealed = sealData(keyring, totpSecret, `totp:${user.id}`);
 */
export function sealData(keyring: DataKeyring, plaintext: string, aad: string): string {
  const newest = keyring.keys[0];
  if (!newest) throw new TypeError('sealData: the keyring is empty');
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', newest.key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, newest.id, iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
}

/**
 * Decrypts what {@link sealData} made, with whichever key of the ring sealed it (older keys still
 * open). `undefined` for anything malformed, a key no longer in the ring, another `aad`, or a
 * value that was tampered with: never throws on stored data.
 *
 * @example
 * const secret = openData(keyring, row.totp_secret, `totp:${user.id}`);
 * if (secret === undefined) return refuse();
 */
export function openData(keyring: DataKeyring, sealed: string, aad: string): string | undefined {
  if (typeof sealed !== 'string') return undefined;
  const parts = sealed.split('.');
  if (parts.length !== 5 || parts[0] !== VERSION || !parts.every((p) => PART.test(p))) return undefined;
  const [, keyId, ivText, bodyText, tagText] = parts as [string, string, string, string, string];
  const key = keyring.keys.find((k) => k.id === keyId);
  const iv = Buffer.from(ivText, 'base64url');
  const tag = Buffer.from(tagText, 'base64url');
  if (!key || iv.length !== IV_BYTES || tag.length !== TAG_BYTES) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(Buffer.from(bodyText, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    // GCM refused the tag: another key, another aad, or changed bytes.
    return undefined;
  }
}
