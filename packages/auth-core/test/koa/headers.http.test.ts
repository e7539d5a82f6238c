import { describe, expect, it } from 'vitest';
import { agent, signIn } from './agent.js';
import { createFixture, HTTPS } from './fixture.js';

function parseCsp(header: unknown): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of String(header).split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name, values);
  }
  return map;
}

async function responses() {
  const { app } = createFixture();
  const client = agent(app);
  return {
    200: await client.get('/').set(HTTPS),
    302: await client.get('/dashboard').set(HTTPS),
    404: await client.get('/missing').set(HTTPS),
    500: await client.get('/boom').set(HTTPS),
  };
}

describe('security headers', () => {
  it('SEC-HDR-01 sends HSTS for at least a year with includeSubDomains on 200, 302, 404 and 500', async () => {
    for (const [status, res] of Object.entries(await responses())) {
      expect(res.status).toBe(Number(status));
      const hsts = String(res.headers['strict-transport-security']);
      expect(Number(/max-age=(\d+)/.exec(hsts)?.[1])).toBeGreaterThanOrEqual(31_536_000);
      expect(hsts).toContain('includeSubDomains');
    }
  });

  it("SEC-HDR-02 sends a strict CSP: default-src 'self', object-src/base-uri/frame-ancestors 'none', form-action 'self'", async () => {
    const { 200: res } = await responses();
    const csp = parseCsp(res.headers['content-security-policy']);
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'self'"]);
    expect(csp.get('script-src') ?? []).not.toContain("'unsafe-inline'");
  });

  it('SEC-HDR-03 sends nosniff everywhere and HTML as text/html; charset=utf-8', async () => {
    const all = await responses();
    for (const res of Object.values(all)) expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(all[200].headers['content-type']).toBe('text/html; charset=utf-8');
  });

  it('SEC-HDR-04 sends Referrer-Policy: strict-origin-when-cross-origin (no-referrer would make browsers send Origin: null)', async () => {
    for (const res of Object.values(await responses())) expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  });

  it('SEC-HDR-05 marks signed-in pages, login forms and cookie-setting redirects no-store', async () => {
    const { app } = createFixture();
    const client = agent(app);
    expect((await client.get('/login').set(HTTPS)).headers['cache-control']).toBe('no-store');
    const login = await signIn(client);
    expect(login.status).toBe(302);
    expect(login.headers['cache-control']).toBe('no-store');
    expect((await client.get('/dashboard').set(HTTPS)).headers['cache-control']).toBe('no-store');
  });

  it('SEC-HDR-06 sends no CORS headers to foreign origins, and COOP/CORP same-origin', async () => {
    const { app } = createFixture();
    const res = await agent(app).get('/').set(HTTPS).set('Origin', 'https://evil.example');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
  });
});
