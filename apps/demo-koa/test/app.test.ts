import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { ConfigError, loadConfig } from '../src/config.js';

describe('demo-koa', () => {
  const app = createApp(loadConfig({}));

  it('serves the home page as HTML', async () => {
    const res = await request(app.callback()).get('/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.text).toContain('<h1>demo-koa</h1>');
  });

  it('reports health', async () => {
    const res = await request(app.callback()).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('answers 404 for unknown paths', async () => {
    const res = await request(app.callback()).get('/nope');
    expect(res.status).toBe(404);
  });
});

describe('loadConfig', () => {
  it('defaults PORT to 3000', () => {
    expect(loadConfig({}).port).toBe(3000);
  });

  it('rejects a PORT that is not a port number with a clear message', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT must be a whole number from 1 to 65535/);
  });
});
