import { createPasswordHasher, DEFAULT_SCRYPT_PARAMS, meetsOwaspFloor, testOnlyScryptParams } from '@acme/auth-core';
import { describe, expect, it } from 'vitest';
import type { AppConfig } from '../../src/app/index.js';
import { client, logIn, register, TEST_ORIGIN as ORIGIN, tokenFrom } from '../../src/testing/index.js';
import { type ShippedApp, shippedAppPerTest } from './shipped-app.js';

// The password and hashing rows through the shipped sign-up, sign-in and password pages, on the
// services an app gets by default (sessions in the accounts database).
type Demo = ShippedApp;
const open = shippedAppPerTest();
const demo = (config: Partial<AppConfig> = {}) => open({ config: { sessionStore: undefined, ...config } });

async function storedHash(d: Demo, username: string) {
  return (await d.services.users.findByUsername(username))?.passwordHash;
}

async function changePassword(agent: ReturnType<typeof client>, current: string, next: string) {
  const _csrf = await tokenFrom(agent, '/account/password');
  return agent.post('/account/password').set('Origin', ORIGIN).type('form').send({ current, new: next, _csrf });
}

describe('password rules over HTTP', () => {
  it('SEC-PW-01 refuses 14 code points with "at least 15", accepts 15, on /register and the password form', async () => {
    const d = await demo();
    const short = await register(client(d), 'alice', 'violet kettle ');
    expect(short.status).toBe(400);
    expect(short.text).toContain('at least 15');
    const a = client(d);
    const ok = await register(a, 'alice', 'violet kettle z');
    expect(ok.status).toBe(302);
    expect(ok.headers.location).toBe('/dashboard');
    const change = await changePassword(a, 'violet kettle z', 'amber lamp sky');
    expect(change.status).toBe(400);
    expect(change.text).toContain('at least 15');
    expect((await changePassword(a, 'violet kettle z', 'amber lamp sky!')).status).toBe(302);
  });

  it('SEC-PW-02 counts code points: 15 emoji are accepted, 14 refused', async () => {
    const d = await demo();
    const fifteen = '😀😃😄😁😆😅🤣😂🙂🙃😉😊😇🥰😍';
    expect((await register(client(d), 'emoji', [...fifteen].slice(0, 14).join(''))).status).toBe(400);
    expect((await register(client(d), 'emoji', fifteen)).status).toBe(302);
  });

  it('SEC-PW-03 accepts 64 and 1024 code points, refuses 1025, never logs in with a truncated one', async () => {
    const d = await demo();
    const long = (n: number) => Array.from({ length: n }, (_, i) => String.fromCharCode(33 + ((i * 37) % 90))).join('');
    expect((await register(client(d), 'sixtyfour', long(64))).status).toBe(302);
    expect((await logIn(client(d), 'sixtyfour', long(64))).status).toBe(302);
    expect((await register(client(d), 'thousand', long(1024))).status).toBe(302);
    expect((await logIn(client(d), 'thousand', long(1024))).status).toBe(302);
    const tooLong = await register(client(d), 'toolong', long(1025));
    expect(tooLong.status).toBe(400);
    expect(tooLong.text).toContain('at most 1024');
    expect((await logIn(client(d), 'thousand', `${long(1024)}x`)).status).toBe(400);
  });

  it('SEC-PW-04 accepts a passphrase and a random number without composition rules', async () => {
    const d = await demo();
    expect((await register(client(d), 'words', 'tangerine lantern orbit sky')).status).toBe(302);
    expect((await register(client(d), 'digits', '8302917465019283')).status).toBe(302);
  });

  it('SEC-PW-05 refuses common passwords with a reason, including full-width variants', async () => {
    const d = await demo();
    for (const pw of ['passwordpassword', '123456789012345', 'qwertyuiopasdfg', 'ｐａｓｓｗｏｒｄｐａｓｓｗｏｒｄ']) {
      const res = await register(client(d), 'common', pw);
      expect(res.status, pw).toBe(400);
      expect(res.text).toContain('too common');
    }
  });

  it('SEC-PW-06 refuses passwords built from the username or the app name', async () => {
    const d = await demo();
    expect((await register(client(d), 'alice', 'alicealicealice1')).status).toBe(400);
    const appName = d.config.appName;
    expect((await register(client(d), 'alice', `${appName}-${appName}`)).status).toBe(400);
  });

  it('SEC-PW-07 refuses a password from the bundled breach list', async () => {
    const d = await demo();
    const res = await register(client(d), 'breached', '1qaz2wsx3edc4rfv');
    expect(res.status).toBe(400);
    expect(res.text).toContain('too common');
  });

  it('SEC-PW-08 verifies exactly as typed: no trimming, no case folding', async () => {
    const d = await demo();
    const typed = '  Sea Otter Banjo Moon  ';
    await register(client(d), 'otter', typed);
    expect((await logIn(client(d), 'otter', typed.trim())).status).toBe(400);
    expect((await logIn(client(d), 'otter', typed.toLowerCase())).status).toBe(400);
    expect((await logIn(client(d), 'otter', typed)).headers.location).toBe('/dashboard');
  });

  it('SEC-PW-09 normalizes to NFKC: registered in NFC, logs in with NFD', async () => {
    const d = await demo();
    await register(client(d), 'cafe', 'café lantern orbit sky');
    expect((await logIn(client(d), 'cafe', 'cafe\u0301 lantern orbit sky')).headers.location).toBe('/dashboard');
  });

  it('SEC-PW-10 password fields: type, autocomplete, no maxlength below 64, no paste blocking, no hint fields', async () => {
    const d = await demo();
    const a = client(d);
    await register(a);
    const pages = {
      '/register': 'new-password',
      '/account/password': 'new-password',
    } as const;
    const anonymous = (await client(d).get('/login')).text;
    const checks: [string, string][] = [['/login', anonymous], ['/register', (await client(d).get('/register')).text], ['/account/password', (await a.get('/account/password')).text]];
    for (const [page, html] of checks) {
      const inputs = [...html.matchAll(/<input[^>]*type="password"[^>]*>/g)].map((m) => m[0]);
      expect(inputs.length, page).toBeGreaterThan(0);
      for (const input of inputs) {
        expect(input).toMatch(/autocomplete="(current-password|new-password)"/);
        const max = /maxlength="(\d+)"/.exec(input)?.[1];
        if (max) expect(Number(max)).toBeGreaterThanOrEqual(64);
      }
      // field names and visible text only: a random CSRF token may well contain "hint"
      const withoutTokens = html.replace(/value="[^"]*"/g, 'value=""');
      expect(withoutTokens).not.toMatch(/onpaste|oncopy/i);
      expect(withoutTokens).not.toMatch(/name="[^"]*(hint|question)[^"]*"/i);
      expect(withoutTokens).not.toMatch(/password hint|security question/i);
      if (page in pages) expect(html).toContain(`autocomplete="${pages[page as keyof typeof pages]}"`);
    }
    expect(anonymous).toContain('autocomplete="current-password"');
  });

  it('SEC-PW-11 never forces a periodic change: 400 days later the password still works', async () => {
    const d = await demo();
    await register(client(d));
    d.clock.advance(400 * 24 * 3600 * 1000);
    expect((await logIn(client(d))).headers.location).toBe('/dashboard');
  });
});

describe('hashing over HTTP', () => {
  it('SEC-HASH-01 stores a 128-character scrypt-kdf hash with production params', async () => {
    const d = await demo({ scrypt: DEFAULT_SCRYPT_PARAMS });
    await register(client(d));
    const stored = (await storedHash(d, 'alice')) ?? '';
    expect(stored).toMatch(/^c2NyeXB0[A-Za-z0-9+/]{120}$/);
    const bytes = Buffer.from(stored, 'base64');
    const params = { logN: bytes[7] ?? 0, r: bytes.readUInt32BE(8), p: bytes.readUInt32BE(12) };
    expect(meetsOwaspFloor(params)).toBe(true);
  });

  it('SEC-HASH-02 gives two users with the same password different salts', async () => {
    const d = await demo();
    await register(client(d), 'one', 'same passphrase here');
    await register(client(d), 'two', 'same passphrase here');
    const [a, b] = [(await storedHash(d, 'one')) ?? '', (await storedHash(d, 'two')) ?? ''];
    expect(a).not.toBe(b);
    expect(Buffer.from(a, 'base64').subarray(16, 48).equals(Buffer.from(b, 'base64').subarray(16, 48))).toBe(false);
  });

  it('SEC-HASH-03 upgrades an outdated hash on successful login, leaves it on a failed one', async () => {
    const d = await demo();
    const old = await createPasswordHasher({ params: testOnlyScryptParams({ logN: 12 }) }).hash('violet kettle harbor moon');
    await d.services.users.create('legacy', old);
    expect((await logIn(client(d), 'legacy', 'wrong password entirely')).status).toBe(400);
    expect(await storedHash(d, 'legacy')).toBe(old);
    expect((await logIn(client(d), 'legacy', 'violet kettle harbor moon')).status).toBe(302);
    const upgraded = (await storedHash(d, 'legacy')) ?? '';
    expect(upgraded).not.toBe(old);
    expect(Buffer.from(upgraded, 'base64')[7]).toBe(8);
  });

  it('SEC-HASH-03 upgrades a Werkzeug hash', async () => {
    const d = await demo();
    const werkzeug = 'pbkdf2:sha256:260000$5pVHJg1LN8YlPJDU$90fd90fcdc849573c89d35a14cd767fb632f7023070adddf28df38e1e140813a';
    await d.services.users.create('flask', werkzeug);
    expect((await logIn(client(d), 'flask', 'correct horse battery staple')).status).toBe(302);
    expect(await storedHash(d, 'flask')).toMatch(/^c2NyeXB0/);
  });

  it('SEC-HASH-04 a malformed stored hash is the ordinary failure, never a 500', async () => {
    const d = await demo();
    const normal = await (async () => {
      await register(client(d), 'real');
      return logIn(client(d), 'real', 'not the password at all');
    })();
    for (const [name, hash] of [['garbage', 'garbage'], ['empty', ''], ['short', 'c2NyeXB0'.padEnd(127, 'A')]] as const) {
      await d.services.users.create(name, hash);
      const res = await logIn(client(d), name, 'whatever password here');
      expect(res.status).toBe(normal.status);
      expect(res.text).toContain('Incorrect username or password.');
    }
  });
});
