import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateDataKey, parseDataKeys, sessionKeyProblem } from '@acme/auth-core';

/** The development session key's file name, under the app's data folder (git-ignored with it). */
export const DEV_SESSION_KEY_FILE = 'dev-session-key';

/** The development DATA_KEYS key's file name, beside it. */
export const DEV_DATA_KEY_FILE = 'dev-data-key';

/**
 * Reads a secret kept in `<dataDir>/<file>`, or makes one with `make` and keeps it (mode 0600,
 * written atomically through a temporary file and a rename). A missing file, or one whose
 * content `usable` refuses, is replaced.
 */
function keptSecret(dataDir: string, file: string, make: () => string, usable: (value: string) => boolean): string {
  const target = path.join(dataDir, file);
  try {
    const value = readFileSync(target, 'utf8').trim();
    if (usable(value)) return value;
  } catch {
    // No secret yet (or unreadable): make one below.
  }
  const value = make();
  mkdirSync(dataDir, { recursive: true });
  const temporary = `${target}.${process.pid}.tmp`;
  writeFileSync(temporary, `${value}\n`, { mode: 0o600 });
  renameSync(temporary, target);
  return value;
}

/**
 * The session signing key for development without SESSION_KEYS: made once from the CSPRNG and
 * kept in `<dataDir>/dev-session-key` (mode 0600, written atomically), so a restart of
 * `pnpm dev` keeps everyone signed in. A missing or unusable file is replaced by a new key.
 * Only the development start path calls this: production refuses to start without SESSION_KEYS
 * and never reads the file.
 *
 * @example
 * const key = developmentSessionKey(path.join(APP_ROOT, 'data'));
 */
export function developmentSessionKey(dataDir: string): string {
  return keptSecret(dataDir, DEV_SESSION_KEY_FILE, () => randomBytes(32).toString('base64'), (key) => sessionKeyProblem(key, 1) === undefined);
}

/**
 * The DATA_KEYS key for development without DATA_KEYS, kept in `<dataDir>/dev-data-key` like
 * {@link developmentSessionKey}, so mail queued before a restart can still be read after it.
 * Production refuses to start without DATA_KEYS and never reads the file.
 *
 * @example
 * const keyring = parseDataKeys(developmentDataKey(path.join(APP_ROOT, 'data')));
 */
export function developmentDataKey(dataDir: string): string {
  return keptSecret(dataDir, DEV_DATA_KEY_FILE, generateDataKey, (key) => {
    try {
      return parseDataKeys(key).keys.length === 1;
    } catch {
      return false;
    }
  });
}
