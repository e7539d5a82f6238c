import { describe, expect, it } from 'vitest';
import { safeNext } from '../../src/index.js';
import { agent, tokenOf } from './agent.js';
import { createFixture, HTTPS, ORIGIN, PASSWORD } from './fixture.js';

/** Payload classes of SECURITY-ACCEPTANCE plus Django's url_has_allowed_host_and_scheme bad URLs. */
const BAD = [
  'https://evil.example', 'HTTPS://evil.example', 'http://evil.example', 'javascript:alert(1)', 'JavaScript:alert(1)',
  'data:text/html,<script>alert(1)</script>', 'ftp://evil.example', '//evil.example', '///evil.example', '////evil.example',
  '/\\evil.example', '\\/evil.example', '\\\\evil.example', '/\\/evil.example', 'http:/evil.example', 'https:evil.example',
  'https://app@evil.example', 'https://app.test.evil.example', '//evil。example', '//evil．example',
  '\u0000/evil', ' /evil', '\t//evil.example', '/\t/evil.example', '/\r\n/evil.example', '\n//evil.example',
  'relative/path', 'evil.example', '', 'http:\\\\evil.example', 'http:///evil.example', 'https:/\\evil.example',
  '\\\\\\evil.example', '/..//evil.example', '/.//evil.example', 'http://testserver@evil.example/', 'http:999999999',
  'ftp:', 'http://[::1]/', '//[::1]/', 'mailto:x@evil.example', '/' + 'a'.repeat(2048),
];
/** Odd but same-origin paths: kept, percent-encoded, never able to leave the site or inject a header. */
const ODD = ['/\u3002/evil', '/%0d%0aSet-Cookie:x', '/%2F%2Fevil.example', '/%5Cevil.example'];
const GOOD = ['/dashboard', '/reports?year=2026&q=a%20b', '/a/b/c#section', '/view/?param=http://example.com', '/%2F%2Fevil.example'];

describe('safeNext', () => {
  it.each(BAD.map((b) => [JSON.stringify(b), b]))('SEC-RD-01 refuses %s', (_label, bad) => {
    const target = safeNext(bad);
    expect(target).toBe('/dashboard');
    expect(new URL(target, ORIGIN).origin).toBe(ORIGIN);
  });

  it.each(GOOD)('SEC-RD-01 keeps the same-origin path %s', (good) => {
    expect(safeNext(good)).toBe(good);
    expect(new URL(safeNext(good), ORIGIN).origin).toBe(ORIGIN);
  });

  it.each(ODD)('SEC-RD-01 keeps the odd same-origin path %j on this origin, encoded', (odd) => {
    const target = safeNext(odd);
    expect(new URL(target, ORIGIN).origin).toBe(ORIGIN);
    expect(target).not.toMatch(/[\r\n]/);
    expect(target.startsWith('/') && !target.startsWith('//')).toBe(true);
  });

  it('SEC-RD-02 falls back on arrays, non-strings and over-long values', () => {
    expect(safeNext(['/a', '//evil.example'])).toBe('/dashboard');
    expect(safeNext(undefined, '/home')).toBe('/home');
    expect(safeNext({ toString: () => '/a' })).toBe('/dashboard');
    expect(safeNext('/a'.repeat(2500))).toBe('/dashboard');
  });

  it('SEC-RD-01 rebuilds the target from the parsed URL instead of echoing it', () => {
    expect(safeNext('/a/../b?x=1#y')).toBe('/b?x=1#y');
    expect(safeNext('/ünï')).toBe('/%C3%BCn%C3%AF');
  });
});

describe('next over HTTP', () => {
  async function loginWithNext(next: string | string[]) {
    const { app } = createFixture();
    const client = agent(app);
    const _csrf = await tokenOf(client);
    return client.post('/login').set(HTTPS).type('form').send({ username: 'alice', password: PASSWORD, _csrf, next });
  }

  it.each(BAD.slice(0, 20))('SEC-RD-01 POST /login with next=%j stays on this origin', async (bad) => {
    const res = await loginWithNext(bad);
    expect(res.status).toBe(302);
    expect(new URL(String(res.headers.location), ORIGIN).origin).toBe(ORIGIN);
    expect(res.headers.location).toBe('/dashboard');
  });

  it('SEC-RD-02 arrays, 5 kB values and CR/LF fall back with no header injection', async () => {
    for (const next of [['/a', '//evil.com'], '/'.padEnd(5000, 'a'), '/\r\nSet-Cookie: x=1']) {
      const res = await loginWithNext(next);
      expect(res.status).toBe(302);
      expect(res.headers.location).toBe('/dashboard');
      const cookies = (res.headers['set-cookie'] as unknown as string[]).map((c) => c.split('=')[0]);
      expect(new Set(cookies).size).toBe(cookies.length);
      expect(cookies).not.toContain('x');
    }
  });

  it('SEC-RD-02 keeps a good next', async () => {
    const res = await loginWithNext('/reports?year=2026');
    expect(res.headers.location).toBe('/reports?year=2026');
  });

  it('SEC-RD-04 Host and Referer never steer a redirect', async () => {
    const { app } = createFixture();
    const client = agent(app);
    const res = await client.get('/dashboard').set(HTTPS).set('Host', 'evil.example').set('Referer', 'https://evil.example/');
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/login?next=%2Fdashboard');
    const _csrf = await tokenOf(client);
    const login = await client.post('/login').set(HTTPS).set('Host', 'evil.example').set('Referer', 'https://evil.example/').type('form').send({ username: 'alice', password: PASSWORD, _csrf });
    expect(login.headers.location).toBe('/dashboard');
  });
});
