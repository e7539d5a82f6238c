import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { APP_ROOT } from '../src/config.js';
import { client, logIn, register, testApp } from './demo.js';

type Demo = Awaited<ReturnType<typeof testApp>>;
const open: Demo[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((d) => d.close()));
});

/** Every .ts file under `dir`. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sources(full) : full.endsWith('.ts') ? [full] : [];
  });
}

describe('demo headers and redirects', () => {
  it('SEC-HDR-01 SEC-HDR-03 HSTS and nosniff on 200, 302, 404, 500 and static responses; HTML with charset', async () => {
    const d = await testApp();
    open.push(d);
    d.router.get('/explode', () => {
      throw new Error('boom');
    });
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const responses = {
      200: await client(d).get('/'),
      302: await client(d).get('/dashboard'),
      404: await client(d).get('/nowhere'),
      500: await client(d).get('/explode'),
      static: await client(d).get('/style.css'),
    };
    spy.mockRestore();
    for (const [kind, res] of Object.entries(responses)) {
      expect(res.headers['strict-transport-security'], kind).toMatch(/max-age=31536000; includeSubDomains/);
      expect(res.headers['x-content-type-options'], kind).toBe('nosniff');
    }
    for (const kind of ['200', '404', '500'] as const) expect(responses[kind].headers['content-type']).toBe('text/html; charset=utf-8');
    expect(responses[500].status).toBe(500);
  });

  it('SEC-RD-04 Host and Referer never steer redirects; no code builds URLs from them', async () => {
    const d = await testApp();
    open.push(d);
    await register(client(d));
    const anon = await client(d).get('/dashboard').set('Host', 'evil.example').set('Referer', 'https://evil.example/');
    expect(anon.headers.location).toBe('/login?next=%2Fdashboard');
    const a = client(d);
    const res = await logIn(a);
    expect(res.headers.location).toBe('/dashboard');
    for (const file of [...sources(path.join(APP_ROOT, 'src')), ...sources(path.join(APP_ROOT, '..', '..', 'packages', 'auth-core', 'src')), ...sources(path.join(APP_ROOT, '..', '..', 'packages', 'app-shell', 'src'))]) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(/ctx\.back\(|redirect\(\s*['"]back['"]/);
      expect(text, file).not.toMatch(/ctx\.(host|hostname|origin|href)\b/);
    }
  });
});
