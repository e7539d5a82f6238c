// Sessions that were ended (revoked, logged out, or ended by a password change) stay ended, on the
// shipped routes and the two stores an app runs on: a SQLite file and Redis.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { accountMigrations } from '../../src/accounts/index.js';
import { type AppConfig, createWebApp, readAppConfig, requireAccounts, type WebApp } from '../../src/app/index.js';
import { accountRoutes, authRoutes } from '../../src/pages/index.js';
import type { PasswordHasher } from '@acme/auth-core';
import { digestSessionId } from '@acme/auth-core';
import { client, freshSqliteDatabase, logIn, register, TEST_ORIGIN, TEST_PASSWORD, type TestAgent, testAppConfig, tokenFrom } from '../../src/testing/index.js';
import { type FakeClock, requireRedis, testRedisUrl } from '@acme/auth-core/testing';

/** A promise the test resolves when it chooses. */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/**
 * Holds the next password verification after it has run, until the test releases it: the
 * deterministic stand-in for a slow scrypt. `entered` resolves once a request is held.
 */
class VerifyGate {
  readonly entered = deferred();
  readonly release = deferred();
  #armed = false;

  arm(): void {
    this.#armed = true;
  }

  wrap(hasher: PasswordHasher): PasswordHasher {
    return {
      ...hasher,
      verify: async (stored, password) => {
        const result = await hasher.verify(stored, password);
        if (this.#armed) {
          this.#armed = false;
          this.entered.resolve();
          await this.release.promise;
        }
        return result;
      },
    };
  }
}

type Where = 'a SQLite file' | 'Redis';
const STORES: Where[] = ['a SQLite file', 'Redis'];

let appRoot: string;
const redisPrefixes: string[] = [];
beforeAll(async () => {
  await requireRedis();
  appRoot = await mkdtemp(path.join(tmpdir(), 'ended-sessions-'));
});
afterAll(async () => {
  await rm(appRoot, { recursive: true, force: true });
  const admin = new Redis(testRedisUrl);
  for (const prefix of redisPrefixes) {
    const keys = await admin.keys(`${prefix}*`);
    if (keys.length > 0) await admin.del(...keys);
  }
  await admin.quit();
});

/** The config for one test: sessions on a fresh SQLite file, or in Redis under a fresh prefix. */
async function storeConfig(where: Where): Promise<Partial<AppConfig>> {
  if (where === 'Redis') {
    const redisPrefix = `test:ended:${process.pid}:${Date.now()}:${redisPrefixes.length}:`;
    redisPrefixes.push(redisPrefix);
    return { redisUrl: testRedisUrl, redisPrefix, sessionStore: 'redis' };
  }
  const db = await freshSqliteDatabase();
  onTestFinished(() => db.drop());
  return { databaseUrl: db.url, sessionStore: 'sqlite' };
}

/** The shipped sign-in and account routes on createWebApp, with the password change's verify behind `gate`. */
async function app(where: Where, gate: VerifyGate): Promise<{ web: WebApp; clock: FakeClock }> {
  const base = readAppConfig({}, { appRoot, appName: 'ended' });
  const { config, clock } = testAppConfig(base, await storeConfig(where));
  const web = await createWebApp({
    config,
    migrations: accountMigrations,
    routes: (router, services) => {
      const accounts = requireAccounts(services);
      authRoutes(router, { ...accounts, appName: config.appName });
      accountRoutes(router, { ...accounts, hasher: gate.wrap(accounts.hasher), appName: config.appName });
    },
  });
  onTestFinished(() => web.close());
  return { web, clock };
}

/** The session a response started (`sid` and `sid.sig` as a Cookie header) and the id's store key. */
function sessionFrom(res: { headers: Record<string, unknown> }): { cookie: string; key: string } {
  const header = res.headers['set-cookie'];
  const cookies = Array.isArray(header) ? header.filter((c): c is string => typeof c === 'string') : [];
  const value = (name: string) => cookies.find((c) => c.startsWith(`${name}=`))?.split(';')[0]?.slice(name.length + 1);
  const sid = value('sid');
  const sig = value('sid.sig');
  if (!sid || !sig) throw new Error('the response started no session');
  return { cookie: `sid=${sid}; sid.sig=${sig}`, key: digestSessionId(sid) };
}

/** Whether a response tells the browser to drop its session cookie (empty value, expired). */
function droppedCookie(res: { headers: Record<string, unknown> }): boolean {
  const header = res.headers['set-cookie'];
  const cookies = Array.isArray(header) ? header.filter((c): c is string => typeof c === 'string') : [];
  return cookies.some((c) => c.startsWith('sid=;') && /expires=Thu, 01 Jan 1970/i.test(c));
}

/**
 * Sends a wrong current password on /account/password and waits until the gate holds it. The
 * response comes back inside an object: an async function returning the promise itself would wait for it.
 */
async function holdWrongPasswordChange(agent: TestAgent, gate: VerifyGate, clock: FakeClock): Promise<{ response: Promise<request.Response> }> {
  const _csrf = await tokenFrom(agent, '/account/password');
  // Over a minute later the request refreshes lastSeenAt, so it has a change to save when it ends.
  clock.advance(61_000);
  gate.arm();
  const held = agent
    .post('/account/password')
    .set('Origin', TEST_ORIGIN)
    .type('form')
    .send({ current: 'not the current password', new: 'copper meadow lantern tide', _csrf })
    .then((res) => res);
  // A request that answers without reaching verify (a 403, a 429) fails the test instead of hanging it.
  const answered = held.then((res) => Promise.reject(new Error(`the request was not held: ${res.status}`)));
  await Promise.race([gate.entered.promise, answered]);
  answered.catch(() => undefined);
  return { response: held };
}

describe('an ended session is never written back by a request in flight', () => {
  it.each(STORES)('SEC-SESS-12 revoked from "your sessions" while a slow request runs, it stays revoked (%s)', async (where) => {
    const gate = new VerifyGate();
    const { web, clock } = await app(where, gate);
    const a = client(web);
    const b = client(web);
    const victim = sessionFrom(await register(a));
    await logIn(b);
    const held = await holdWrongPasswordChange(a, gate, clock);
    const _csrf = await tokenFrom(b, '/account/sessions');
    const revoke = await b.post('/account/sessions/revoke').set('Origin', TEST_ORIGIN).type('form').send({ digest: victim.key, _csrf });
    expect(revoke.status).toBe(302);
    expect(await web.services.sessions.get(victim.key)).toBeUndefined();

    gate.release.resolve();
    const answer = await held.response;
    expect(answer.status).toBe(400);
    expect(droppedCookie(answer)).toBe(true);
    expect(await web.services.sessions.get(victim.key)).toBeUndefined();
    const listed = await web.services.sessions.listByUser((await requireAccounts(web.services).users.findByUsername('alice'))?.id ?? '');
    expect(listed.map((s) => s.digest)).not.toContain(victim.key);
    const replay = await request(web.app.callback()).get('/account/sessions').set('Cookie', victim.cookie);
    expect(replay.status).toBe(302);
    expect(replay.headers.location).toMatch(/^\/login/);
  });

  it.each(STORES)('SEC-SESS-05 logged out while a slow request of the same session runs, it stays logged out (%s)', async (where) => {
    const gate = new VerifyGate();
    const { web, clock } = await app(where, gate);
    const a = client(web);
    const victim = sessionFrom(await register(a));
    const logoutToken = await tokenFrom(a, '/account/password');
    const held = await holdWrongPasswordChange(a, gate, clock);

    const logout = await request(web.app.callback())
      .post('/logout')
      .set({ Origin: TEST_ORIGIN, Cookie: victim.cookie })
      .type('form')
      .send({ _csrf: logoutToken });
    expect(logout.status).toBe(302);
    expect(await web.services.sessions.get(victim.key)).toBeUndefined();

    gate.release.resolve();
    const answer = await held.response;
    expect(answer.status).toBe(400);
    expect(droppedCookie(answer)).toBe(true);
    expect(await web.services.sessions.get(victim.key)).toBeUndefined();
    const replay = await request(web.app.callback()).get('/account/sessions').set('Cookie', victim.cookie);
    expect(replay.status).toBe(302);
    expect(replay.headers.location).toMatch(/^\/login/);
  });
});

describe('a password change ends the other sessions in the store at once', () => {
  it.each(STORES)('SEC-SESS-08 "your sessions" lists only this one, and the other record is gone (%s)', async (where) => {
    const gate = new VerifyGate();
    const { web } = await app(where, gate);
    const a = client(web);
    const b = client(web);
    const before = sessionFrom(await register(a));
    const other = sessionFrom(await logIn(b));
    const _csrf = await tokenFrom(a, '/account/password');
    const res = await a.post('/account/password').set('Origin', TEST_ORIGIN).type('form').send({ current: TEST_PASSWORD, new: 'copper meadow lantern tide', _csrf });
    expect(res.status).toBe(302);

    const after = sessionFrom(res);
    expect(after.key).not.toBe(before.key);
    expect(await web.services.sessions.get(other.key)).toBeUndefined();
    expect(await web.services.sessions.get(before.key)).toBeUndefined();
    const userId = (await requireAccounts(web.services).users.findByUsername('alice'))?.id ?? '';
    expect((await web.services.sessions.listByUser(userId)).map((s) => s.digest)).toEqual([after.key]);
    const page = await a.get('/account/sessions');
    expect(page.status).toBe(200);
    expect(page.text.match(/name="digest"/g) ?? []).toHaveLength(1);
  });
});
