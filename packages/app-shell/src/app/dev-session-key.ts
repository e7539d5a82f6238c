import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sessionKeyProblem } from '@acme/auth-core';

/** The development key's file name, under the app's data folder (git-ignored with it). */
export const DEV_SESSION_KEY_FILE = 'dev-session-key';

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
  const file = path.join(dataDir, DEV_SESSION_KEY_FILE);
  try {
    const key = readFileSync(file, 'utf8').trim();
    if (sessionKeyProblem(key, 1) === undefined) return key;
  } catch {
    // No key yet (or unreadable): make one below.
  }
  const key = randomBytes(32).toString('base64');
  mkdirSync(dataDir, { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${key}\n`, { mode: 0o600 });
  renameSync(temporary, file);
  return key;
}
