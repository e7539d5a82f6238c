import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Koa from 'koa';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { publicFiles } from '../../src/app/public-files.js';

const root = mkdtempSync(path.join(tmpdir(), 'auth-core-public-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
writeFileSync(path.join(root, 'style.css'), 'body{}');
mkdirSync(path.join(root, 'docs'));
writeFileSync(path.join(root, 'docs', 'index.html'), '<p>docs</p>');
writeFileSync(path.join(root, 'docs', 'a b.txt'), 'spaced');
writeFileSync(path.join(root, '.env'), 'SECRET=1');
mkdirSync(path.join(root, '.git'));
writeFileSync(path.join(root, '.git', 'config'), '[core]');

/** An app whose router stand-in answers 'app' for whatever the static files did not take. */
function app(dir = root) {
  const koa = new Koa();
  koa.use(publicFiles(dir, { maxage: 60_000 }));
  koa.use((ctx) => {
    ctx.body = 'app';
  });
  return request(koa.callback());
}

describe('publicFiles', () => {
  it('serves the files that were there at start, with the caching headers koa-static sets', async () => {
    const res = await app().get('/style.css');
    expect(res.status).toBe(200);
    expect(res.text).toBe('body{}');
    expect(res.headers['cache-control']).toBe('max-age=60');
    expect((await app().head('/style.css')).status).toBe(200);
    expect((await app().get('/docs/a%20b.txt')).text).toBe('spaced');
  });

  it('serves a folder with an index file at /folder/ and /folder', async () => {
    expect((await app().get('/docs/')).text).toBe('<p>docs</p>');
    expect((await app().get('/docs')).text).toBe('<p>docs</p>');
  });

  it('hands everything else to the app: other paths, other methods, hidden files', async () => {
    expect((await app().get('/dashboard')).text).toBe('app');
    expect((await app().post('/style.css')).text).toBe('app');
    expect((await app().get('/.env')).text).toBe('app');
    expect((await app().get('/.git/config')).text).toBe('app');
    expect((await app().get('/../style.css')).text).toBe('app');
  });

  it('does not look at the disk for paths it did not list: a file added later is not served', async () => {
    const client = app();
    writeFileSync(path.join(root, 'later.css'), 'later');
    expect((await client.get('/later.css')).text).toBe('app');
  });

  it('still lets koa-static refuse a path that does not decode (400)', async () => {
    expect((await app().get('/%E0%A4%A')).status).toBe(400);
  });

  it('is a pass-through when the folder does not exist', async () => {
    expect((await app(path.join(root, 'missing')).get('/style.css')).text).toBe('app');
  });
});
