import { bodyParser } from '@koa/bodyparser';
import Koa from 'koa';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/index.js';
import { createSession, csrfProtection, csrfToken } from '../../src/koa/index.js';
import { KEYS } from './fixture.js';

/** A plain-http app (development) whose POST /form answers 204 when the CSRF check lets it through. */
function appFor(appOrigin: string, loopbackAliases: boolean) {
  const app = new Koa();
  app.use(bodyParser({ enableTypes: ['form'] }));
  app.use(createSession(app, { store: new MemoryStore({ sweepIntervalMs: 0 }), keys: KEYS, secure: false }));
  app.use(csrfProtection({ allowedOrigins: [appOrigin], keys: KEYS, secure: false, loopbackAliases }));
  app.use((ctx) => {
    if (ctx.method === 'GET') ctx.body = csrfToken(ctx);
    else ctx.status = 204;
  });
  return app;
}

/** Posts a valid token with `origin` and returns the status. */
async function postFrom(app: Koa, origin: string): Promise<number> {
  const client = request.agent(app.callback());
  const token = (await client.get('/')).text;
  return (await client.post('/form').set('Origin', origin).type('form').send({ _csrf: token })).status;
}

describe('Origin check and the loopback aliases', () => {
  it.each(['http://localhost:3000', 'http://127.0.0.1:3000', 'http://[::1]:3000'])(
    'development: %s is the app on http://localhost:3000',
    async (origin) => {
      expect(await postFrom(appFor('http://localhost:3000', true), origin)).toBe(204);
    },
  );

  it('development: the aliases work from any of the three as APP_ORIGIN', async () => {
    expect(await postFrom(appFor('http://127.0.0.1:3000', true), 'http://localhost:3000')).toBe(204);
    expect(await postFrom(appFor('http://[::1]:3000', true), 'http://127.0.0.1:3000')).toBe(204);
  });

  it.each(['http://localhost:3001', 'http://127.0.0.1:4000', 'https://127.0.0.1:3000', 'http://127.0.0.2:3000', 'http://localhost.evil.example:3000', 'null'])(
    'SEC-CSRF-04 development still refuses %s (another port, scheme or host)',
    async (origin) => {
      expect(await postFrom(appFor('http://localhost:3000', true), origin)).toBe(403);
    },
  );

  it('development: a non-loopback APP_ORIGIN gets no aliases', async () => {
    expect(await postFrom(appFor('http://app.test:3000', true), 'http://127.0.0.1:3000')).toBe(403);
  });

  it.each(['http://127.0.0.1:3000', 'http://[::1]:3000'])('SEC-CSRF-04 production stays exact: %s is refused for http://localhost:3000', async (origin) => {
    const app = appFor('http://localhost:3000', false);
    expect(await postFrom(app, origin)).toBe(403);
    expect(await postFrom(app, 'http://localhost:3000')).toBe(204);
  });
});
