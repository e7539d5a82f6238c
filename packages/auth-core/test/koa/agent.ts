import request from 'supertest';
import type Koa from 'koa';
import { HTTPS, PASSWORD } from './fixture.js';

/**
 * A cookie-jar client (the acceptance suite's `A`). superagent's own jar never sends `Secure`
 * cookies over the in-process http connection, so this one keeps the cookies itself; requests
 * carry `X-Forwarded-Proto: https` (the app trusts its proxy) so the cookies are Secure as in
 * production.
 */
export function agent(app: Koa) {
  const jar = new Map<string, string>();
  const handler = app.callback();
  const remember = (res: { headers: Record<string, unknown> }) => {
    for (const cookie of setCookies(res)) {
      const [pair = ''] = cookie.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(cookie)) jar.delete(name);
      else jar.set(name, value);
    }
  };
  const start = (method: 'get' | 'post' | 'head', path: string) => {
    const test = request(handler)[method](path);
    if (jar.size > 0) test.set('Cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
    test.on('response', remember);
    return test;
  };
  return {
    jar,
    get: (path: string) => start('get', path),
    post: (path: string) => start('post', path),
    head: (path: string) => start('head', path),
  };
}

/** Reads the CSRF token a form on this page would carry, through /csrf: the session token when signed in, else the token signed over the client's csrf cookie (set on first use). */
export async function tokenOf(client: ReturnType<typeof agent>): Promise<string> {
  const res = await client.get('/csrf').set(HTTPS);
  return (res.body as { token: string }).token;
}

/** Signs alice in; returns the response. */
export async function signIn(client: ReturnType<typeof agent>, password = PASSWORD, username = 'alice') {
  const _csrf = await tokenOf(client);
  return client.post('/login').set(HTTPS).type('form').send({ username, password, _csrf });
}

/** The `name=value` pairs of a response's Set-Cookie headers. */
export function setCookies(res: { headers: Record<string, unknown> }): string[] {
  const raw = res.headers['set-cookie'];
  return Array.isArray(raw) ? (raw as string[]) : typeof raw === 'string' ? [raw] : [];
}

/** The value of the session cookie in a response, if set. */
export function sidOf(res: { headers: Record<string, unknown> }, name = '__Host-sid'): string | undefined {
  const cookie = setCookies(res).find((c) => c.startsWith(`${name}=`));
  return cookie?.slice(name.length + 1).split(';')[0];
}
