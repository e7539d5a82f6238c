import { describe, expect, it } from 'vitest';
import { createApp as step3 } from '../tutorial/code/step-3/app.js';
import { createApp as step4 } from '../tutorial/code/step-4/app.js';
import { Users } from '../tutorial/code/shared/users.js';
import { hashPassword } from '@acme/auth-core';
import { browser, cookiesOf, ORIGIN, PASSWORD, SLOW, tokenIn } from './tutorial-client.js';

describe('tutorial step 3: loginRequired and a safe next', SLOW, () => {
  it('sends visitors to the login page with next, and answers JSON clients 401', async () => {
    const agent = browser(step3());
    await agent.get('/reports?year=2026').expect(302).expect('Location', '/login?next=%2Freports%3Fyear%3D2026');
    await agent.get('/dashboard').set('Accept', 'application/json').expect(401);
  });

  it('escapes next into the login form', async () => {
    const res = await browser(step3()).get('/login').query({ next: '"><script>alert(1)</script>' }).expect(200);
    expect(res.text).not.toContain('<script>');
    expect(res.text).toContain('&quot;&gt;&lt;script&gt;');
  });

  it('returns to a local next, and never to another site', async () => {
    const users = new Users();
    users.create('alice', await hashPassword(PASSWORD));
    const app = step3(users);
    const logIn = (next: string) => browser(app).post('/login').type('form').send({ username: 'alice', password: PASSWORD, next });
    await logIn('/reports?year=2026').expect(302).expect('Location', '/reports?year=2026');
    await logIn('https://evil.example/phish').expect(302).expect('Location', '/dashboard');
    await logIn('//evil.example').expect(302).expect('Location', '/dashboard');
  });
});

describe('tutorial step 4: CSRF and POST logout', SLOW, () => {
  it('refuses form posts without the token or from another origin', async () => {
    const app = step4();
    const agent = browser(app);
    const token = tokenIn((await agent.get('/register').expect(200)).text);
    const form = { username: 'alice', password: PASSWORD };
    await agent.post('/register').type('form').send(form).expect(403);
    await agent.post('/register').set('Origin', 'https://evil.example').type('form').send({ ...form, _csrf: token }).expect(403);
    await agent.post('/register').set('Origin', ORIGIN).type('form').send({ ...form, _csrf: 'x'.repeat(43) }).expect(403);
    // The token is bound to this browser's csrf cookie: another browser cannot use it.
    await browser(app).post('/register').set('Origin', ORIGIN).type('form').send({ ...form, _csrf: token }).expect(403);
    await agent.post('/register').set('Origin', ORIGIN).type('form').send({ ...form, _csrf: token }).expect(302);
    await agent.get('/dashboard').expect(200);
  });

  it('keeps anonymous visitors off the server: the form pages set a csrf cookie, never a session', async () => {
    const agent = browser(step4());
    const login = await agent.get('/login').expect(200);
    expect(cookiesOf(login)).toMatch(/^csrf=[\w-]{43}$/);
    const register = await agent.get('/register').expect(200);
    expect(register.headers['set-cookie']).toBeUndefined();
    expect(tokenIn(register.text)).toBe(tokenIn(login.text));
  });

  it('logs out only through the form, with the token issued after login', async () => {
    const users = new Users();
    users.create('alice', await hashPassword(PASSWORD));
    const agent = browser(step4(users));
    const before = tokenIn((await agent.get('/login').expect(200)).text);
    await agent.post('/login').set('Origin', ORIGIN).type('form').send({ username: 'alice', password: PASSWORD, _csrf: before }).expect(302);
    const page = await agent.get('/dashboard').expect(200);
    expect(page.text).toContain('Hello, alice.');
    const after = tokenIn(page.text);
    expect(after).not.toBe(before);

    await agent.post('/logout').set('Origin', ORIGIN).type('form').send({ _csrf: before }).expect(403);
    await agent.post('/logout').set('Origin', ORIGIN).type('form').send({}).expect(403);
    await agent.get('/dashboard').expect(200);
    await agent.post('/logout').set('Origin', ORIGIN).type('form').send({ _csrf: after }).expect(302);
    await agent.get('/dashboard').expect(302);
  });
});
