import { randomBytes } from 'node:crypto';
import { DEFAULT_SCRYPT_PARAMS } from '@acme/auth-core';
import { describe, expect, it } from 'vitest';
import { client, demoPerTest, PASSWORD, tokenIn, type TestDemo } from './demo.js';

const demo = demoPerTest();

/** Signs up through the form as a browser on `origin` would (page fetched there, posted from there). */
async function registerFrom(d: TestDemo, origin: string, username: string): Promise<number> {
  const a = client(d);
  const _csrf = tokenIn((await a.get('/register')).text);
  return (await a.post('/register').set('Origin', origin).type('form').send({ username, email: `${username}@example.test`, password: PASSWORD, _csrf })).status;
}

describe('development: the loopback aliases of the app port are one origin', () => {
  it('accepts forms from http://127.0.0.1:3000 and http://[::1]:3000 for APP_ORIGIN http://localhost:3000', async () => {
    const d = await demo();
    expect(d.config.production).toBe(false);
    expect(d.config.appOrigin).toBe('http://localhost:3000');
    expect(await registerFrom(d, 'http://127.0.0.1:3000', 'ipv4user')).toBe(302);
    expect(await registerFrom(d, 'http://[::1]:3000', 'ipv6user')).toBe(302);
    expect(await registerFrom(d, 'http://localhost:3000', 'namedhost')).toBe(302);
  });

  it('SEC-CSRF-04 still refuses another port, scheme or host in development', async () => {
    const d = await demo();
    for (const origin of ['http://127.0.0.1:3001', 'http://localhost:8080', 'https://127.0.0.1:3000', 'http://evil.example:3000']) {
      expect(await registerFrom(d, origin, 'mallory'), origin).toBe(403);
    }
    expect(await d.services.users.count()).toBe(0);
  });

  it('SEC-CSRF-04 production stays exact: https://127.0.0.1:3000 is not https://localhost:3000', async () => {
    const d = await demo({ production: true, sessionKeys: [randomBytes(32).toString('base64')], appOrigin: 'https://localhost:3000', trustProxy: 1, scrypt: DEFAULT_SCRYPT_PARAMS });
    const post = async (origin: string) => {
      const page = await client(d).get('/login').set('X-Forwarded-Proto', 'https');
      // superagent's jar keeps Secure cookies to itself over plain http: pass them by hand
      const cookie = ((page.headers['set-cookie'] as unknown as string[] | undefined) ?? []).map((c) => c.split(';')[0]).join('; ');
      expect(cookie).toMatch(/^__Host-csrf=/);
      const res = await client(d)
        .post('/login')
        .set({ 'X-Forwarded-Proto': 'https', Origin: origin, Cookie: cookie })
        .type('form')
        .send({ username: 'nobody', password: 'not the password', _csrf: tokenIn(page.text) });
      return res.status;
    };
    expect(await post('https://127.0.0.1:3000')).toBe(403);
    expect(await post('https://[::1]:3000')).toBe(403);
    expect(await post('https://localhost:3000')).toBe(400);
  }, 30_000);
});
