import { readFile } from 'node:fs/promises';
import { ENV_VARIABLES } from '@acme/app-shell';
import { findUnprotectedRoutes } from '@acme/auth-core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ROOT } from '../src/config.js';
import { PUBLIC_PATHS } from '../src/features.js';
import { client, testApp } from './helpers.js';

describe('demo-koa', () => {
  let app: Awaited<ReturnType<typeof testApp>>;
  beforeAll(async () => {
    app = await testApp();
  });
  afterAll(async () => {
    await app.close();
  });

  it('serves the home page with the security headers', async () => {
    const res = await client(app).get('/');
    expect(res.status).toBe(200);
    expect(res.text).toContain('demo-koa');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('reports its health', async () => {
    const res = await client(app).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', sessions: 'ok' });
  });

  it('answers an unknown page with a friendly 404, and JSON clients with problem details', async () => {
    const page = await client(app).get('/no-such-page');
    expect(page.status).toBe(404);
    expect(page.text).toContain('Page not found');
    const api = await client(app).get('/no-such-page').set('Accept', 'application/json');
    expect(api.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(api.body).toMatchObject({
      type: 'urn:auth-core:problem:not-found',
      title: 'Page not found',
      status: 404,
    });
  });

  it('refuses a cross-site form post before any handler runs', async () => {
    const res = await client(app)
      .post('/')
      .set('Origin', 'https://evil.example')
      .type('form')
      .send({ a: '1' });
    expect(res.status).toBe(403);
  });

  it('protects every route that is not public', async () => {
    await expect(
      findUnprotectedRoutes(app.app, app.router, { publicPaths: PUBLIC_PATHS }),
    ).resolves.toEqual([]);
  });

  it('lists in .env.example every variable the app shell reads, with its default', async () => {
    const example = await readFile(`${APP_ROOT}/.env.example`, 'utf8');
    const listed = [...example.matchAll(/^# ([A-Z][A-Z0-9_]*)=$/gm)].map((m) => m[1]);
    expect(listed).toEqual(ENV_VARIABLES.map((v) => v.name));
    for (const v of ENV_VARIABLES)
      expect(example).toContain(`# Default: ${v.default}\n# ${v.name}=`);
  });
});
