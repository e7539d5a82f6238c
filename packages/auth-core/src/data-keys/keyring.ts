import { createHash, randomBytes } from 'node:crypto';

/** One AES-256 key and the short id a sealed value names it by. */
export interface DataKey {
  /** 8 base64url characters of the key's SHA-256: names the key without revealing it. */
  id: string;
  /** The 32 key bytes. */
  key: Buffer;
}

/** The keys of DATA_KEYS, newest first: the first seals, every one opens. */
export interface DataKeyring {
  /** Newest first; never empty. */
  readonly keys: readonly DataKey[];
}

/** Thrown by {@link parseDataKeys} on a DATA_KEYS value it cannot use; the message says what to set, never the key. */
export class DataKeysError extends Error {
  /** Always `DataKeysError`. */
  override name = 'DataKeysError';
}

const KEY_TEXT = /^[A-Za-z0-9_-]{43}$/;

/**
 * A new random key for DATA_KEYS: 32 bytes from the CSPRNG, base64url (43 characters).
 *
 * @example
 * process.env.DATA_KEYS = `${generateDataKey()},${process.env.DATA_KEYS}`; // rotate: new key first
 */
export function generateDataKey(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Reads DATA_KEYS: comma-separated keys, newest first, each 32 bytes in base64url (what
 * {@link generateDataKey} prints). To rotate, put a new key first and keep the old ones after it
 * until nothing sealed with them remains. Throws {@link DataKeysError} on an empty list, a key of
 * the wrong form, or a key listed twice.
 *
 * @example
 * const keyring = parseDataKeys(process.env.DATA_KEYS ?? '');
 */
export function parseDataKeys(value: string): DataKeyring {
  const texts = value.split(',').map((k) => k.trim()).filter((k) => k !== '');
  if (texts.length === 0) throw new DataKeysError('DATA_KEYS is empty: set it to one or more keys, newest first, comma-separated (make one with `node -e "console.log(require(\'crypto\').randomBytes(32).toString(\'base64url\'))"`).');
  const keys = texts.map((text, index) => {
    if (!KEY_TEXT.test(text)) throw new DataKeysError(`DATA_KEYS key #${index + 1} is not 32 bytes in base64url (43 characters of A-Z, a-z, 0-9, - and _).`);
    const key = Buffer.from(text, 'base64url');
    return { id: createHash('sha256').update(key).digest('base64url').slice(0, 8), key };
  });
  if (new Set(keys.map((k) => k.id)).size !== keys.length) throw new DataKeysError('DATA_KEYS lists the same key twice.');
  return { keys };
}
