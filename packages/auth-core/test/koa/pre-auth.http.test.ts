import { describe, expect, it } from 'vitest';
import { endPreAuth, readPreAuth, startPreAuth } from '../../src/koa/index.js';
import { agent, sidOf, signIn, tokenOf } from './agent.js';
import { createFixture, HTTPS } from './fixture.js';

const FIVE_MINUTES = 5 * 60_000;

/** The fixture app with routes that start, read and end a pre-auth record. */
function fixture() {
  const f = createFixture();
  f.router.get('/pre-auth/start', async (ctx) => {
    await startPreAuth(ctx, 'password-reset', { digest: 'd'.repeat(64) }, FIVE_MINUTES);
    ctx.redirect('/pre-auth/read');
  });
  f.router.get('/pre-auth/read', (ctx) => {
    ctx.body = { reset: readPreAuth(ctx, 'password-reset') ?? null, other: readPreAuth(ctx, 'two-factor') ?? null };
  });
  f.router.post('/pre-auth/end', (ctx) => {
    endPreAuth(ctx);
    ctx.body = { ended: true };
  });
  return f;
}

describe('pre-auth records (startPreAuth / readPreAuth / endPreAuth)', () => {
  it('keeps its data server-side under a new session id, for its own kind only', async () => {
    const { app } = fixture();
    const client = agent(app);
    const started = await client.get('/pre-auth/start').set(HTTPS);
    expect(started.status).toBe(302);
    expect(started.headers.location).toBe('/pre-auth/read');
    expect(sidOf(started)).toMatch(/^[\w-]{43}$/);
    const read = await client.get('/pre-auth/read').set(HTTPS);
    expect(read.body).toEqual({ reset: { digest: 'd'.repeat(64) }, other: null });
  });

  it('opens no protected route, and replaces a signed-in session (its old id dies)', async () => {
    const { app } = fixture();
    const client = agent(app);
    const signedIn = sidOf(await signIn(client));
    expect((await client.get('/dashboard').set(HTTPS)).status).toBe(200);
    const started = await client.get('/pre-auth/start').set(HTTPS);
    expect(sidOf(started)).not.toBe(signedIn);
    const dashboard = await client.get('/dashboard').set(HTTPS);
    expect(dashboard.status).toBe(302);
    expect(dashboard.headers.location).toMatch(/^\/login/);
    expect((await client.get('/pre-auth/read').set(HTTPS)).body).toMatchObject({ reset: { digest: 'd'.repeat(64) } });
  });

  it('expires on its own (fake clock), and endPreAuth ends it', async () => {
    const { app, clock } = fixture();
    const client = agent(app);
    await client.get('/pre-auth/start').set(HTTPS);
    clock.advance(FIVE_MINUTES - 1);
    expect((await client.get('/pre-auth/read').set(HTTPS)).body).toMatchObject({ reset: { digest: 'd'.repeat(64) } });
    clock.advance(1);
    expect((await client.get('/pre-auth/read').set(HTTPS)).body).toEqual({ reset: null, other: null });

    const again = agent(app);
    await again.get('/pre-auth/start').set(HTTPS);
    const _csrf = await tokenOf(again);
    expect((await again.post('/pre-auth/end').set(HTTPS).type('form').send({ _csrf })).status).toBe(200);
    expect((await again.get('/pre-auth/read').set(HTTPS)).body).toEqual({ reset: null, other: null });
  });

  it('a signed-in session is never read as a pre-auth record, nor ended by endPreAuth', async () => {
    const { app } = fixture();
    const client = agent(app);
    await signIn(client);
    expect((await client.get('/pre-auth/read').set(HTTPS)).body).toEqual({ reset: null, other: null });
    const _csrf = await tokenOf(client);
    await client.post('/pre-auth/end').set(HTTPS).type('form').send({ _csrf });
    expect((await client.get('/dashboard').set(HTTPS)).status).toBe(200);
  });
});
