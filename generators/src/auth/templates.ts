/** What the auth templates need. */
export interface AuthTemplateInput {
  /** The workspace's package scope: `@acme`. */
  scope: string;
}

/** src/routes/auth.ts: the pages, each a call into the app shell. Yours to edit. */
export function authRoutesModule(input: AuthTemplateInput): string {
  return `import type Router from '@koa/router';
import { accountRoutes, authRoutes, requireAccounts, type AppServices } from '${input.scope}/app-shell';

/**
 * Sign-up, sign-in, logout and the account pages (made by \`pnpm gen auth\`; yours to edit). The
 * handlers and their views live in the app shell; add a view of the same name under src/views
 * (login.njk, register.njk, dashboard.njk, …) to change one. The dashboard, where sign-in lands,
 * is a generated route: src/routes/generated/dashboard.ts.
 */
export function registerAuthPages(router: Router, services: AppServices, appName: string): void {
  const accounts = requireAccounts(services);
  authRoutes(router, { ...accounts, appName });
  accountRoutes(router, { ...accounts, appName });
}
`;
}

/** test/auth.test.ts: the promises of the auth pages, against the real app. */
export function authTest(): string {
  return `import { afterEach, describe, expect, it } from 'vitest';
import { client, logIn, ORIGIN, PASSWORD, register, signUp, testApp, tokenFrom } from './helpers.js';

const open: Awaited<ReturnType<typeof testApp>>[] = [];
async function freshApp() {
  const app = await testApp();
  open.push(app);
  return app;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((app) => app.close()));
});

describe('sign-up, sign-in and account pages (generated)', () => {
  it('signs up without signing in, logs in to the dashboard, logs out and signs back in', async () => {
    const agent = client(await freshApp());
    const created = await signUp(agent, 'alice');
    expect(created.status).toBe(302);
    expect(created.headers.location).toBe('/register/check-your-inbox');
    expect((await agent.get('/dashboard')).status).toBe(302);
    expect((await logIn(agent, 'alice')).headers.location).toBe('/dashboard');
    expect((await agent.get('/dashboard')).text).toContain('Hello, alice');
    const _csrf = await tokenFrom(agent, '/dashboard');
    expect((await agent.post('/logout').set('Origin', ORIGIN).type('form').send({ _csrf })).headers.location).toBe('/');
    expect((await agent.get('/dashboard')).status).toBe(302);
    expect((await logIn(agent, 'alice')).headers.location).toBe('/dashboard');
  });

  it('gives one answer for an unknown user and a wrong password', async () => {
    const app = await freshApp();
    await register(client(app), 'alice');
    const wrong = await logIn(client(app), 'alice', 'not the right passphrase');
    const unknown = await logIn(client(app), 'nobody-here', 'not the right passphrase');
    expect(wrong.status).toBe(400);
    expect(unknown.status).toBe(400);
    expect(wrong.text).toContain('Incorrect username or password.');
    expect(unknown.text).toContain('Incorrect username or password.');
  });

  it('returns to a safe next after sign-in and ignores an unsafe one', async () => {
    const app = await freshApp();
    await register(client(app), 'alice');
    expect((await logIn(client(app), 'alice', PASSWORD, '/account/sessions')).headers.location).toBe('/account/sessions');
    expect((await logIn(client(app), 'alice', PASSWORD, 'https://evil.example/')).headers.location).toBe('/dashboard');
  });

  it('refuses a sign-in form without its CSRF token', async () => {
    const app = await freshApp();
    const res = await client(app).post('/login').set('Origin', ORIGIN).type('form').send({ username: 'alice', password: PASSWORD });
    expect(res.status).toBe(403);
  });

  it('changes the password and signs out the other device', async () => {
    const app = await freshApp();
    const here = client(app);
    const there = client(app);
    await register(here, 'alice');
    await logIn(there, 'alice');
    const _csrf = await tokenFrom(here, '/account/password');
    const res = await here.post('/account/password').set('Origin', ORIGIN).type('form').send({ current: PASSWORD, new: 'a brand new long passphrase', _csrf });
    expect(res.status).toBe(302);
    expect((await here.get('/dashboard')).status).toBe(200);
    expect((await there.get('/dashboard')).status).toBe(302);
  });

  it('lists the sessions and logs out everywhere', async () => {
    const app = await freshApp();
    const here = client(app);
    const there = client(app);
    await register(here, 'alice');
    await logIn(there, 'alice');
    expect((await here.get('/account/sessions')).text).toContain('this device');
    const _csrf = await tokenFrom(here, '/account/sessions');
    await here.post('/account/sessions/revoke-all').set('Origin', ORIGIN).type('form').send({ _csrf });
    expect((await here.get('/dashboard')).status).toBe(302);
    expect((await there.get('/dashboard')).status).toBe(302);
  });
});
`;
}
