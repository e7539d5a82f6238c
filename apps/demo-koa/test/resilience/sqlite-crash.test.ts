import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, registerOverHttp, startChildServer, type ChildServer } from './child-server.js';
import { sparePort } from './servers.js';

/** Opens `file` read-only and returns its integrity check and (for the users file) the usernames. */
function inspect(file: string, query?: string): { integrity: string; names: string[] } {
  const db = new Database(file, { readonly: true });
  try {
    const integrity = (db.pragma('integrity_check', { simple: true }) as string) ?? '';
    const names = query ? db.prepare<[], { username: string }>(query).all().map((r) => r.username) : [];
    return { integrity, names };
  } finally {
    db.close();
  }
}

/**
 * SQLite mode, crash-tested: the real server in a child process takes a burst of registrations
 * (production-strength hashing) and is killed with SIGKILL in the middle of it.
 */
describe('SQLite mode survives kill -9 during a registration burst', () => {
  let dir: string;
  let server: ChildServer | undefined;

  beforeAll(async () => {
    await ensureBuilt();
    dir = mkdtempSync(path.join(tmpdir(), 'demo-crash-'));
  }, 120_000);

  afterAll(() => {
    server?.process.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('loses no registration that got a 302 and corrupts nothing', async () => {
    const port = await sparePort();
    const env = { DATABASE_URL: path.join(dir, 'users.db') };
    server = await startChildServer(port, env);
    const { origin } = server;
    const committed: string[] = [];
    let killed = false;
    let attempts = 0;

    // Six clients register continuously; after the 6th success the process is killed (SIGKILL: no cleanup at all).
    const worker = async (id: number) => {
      for (let n = 0; !killed; n++) {
        const name = `burst${id}x${n}`;
        attempts++;
        const status = await registerOverHttp(origin, name, `10.9.${id}.${n % 250}`).catch(() => 0);
        if (status === 302) committed.push(name);
        if (committed.length >= 6 && !killed) {
          killed = true;
          server?.process.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: 6 }, (_, id) => worker(id)));
    expect(await server.exited).toBe('SIGKILL');
    expect(attempts).toBeGreaterThan(committed.length); // some were cut off mid-flight

    // Restart on the same files: it opens them (WAL recovery) and serves again.
    server = await startChildServer(port, env);
    expect(await registerOverHttp(server.origin, 'after-restart', '10.8.0.1')).toBe(302);
    server.process.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    server = undefined;

    const users = inspect(path.join(dir, 'users.db'), 'SELECT username FROM users');
    expect(users.integrity).toBe('ok');
    expect(users.names).toEqual(expect.arrayContaining([...committed, 'after-restart']));
    expect(new Set(users.names).size).toBe(users.names.length);
    expect(inspect(path.join(dir, 'sessions.db')).integrity).toBe('ok');
  }, 90_000);
});
