import { describe, expect, it } from 'vitest';
import { createApp as step1 } from '../tutorial/code/step-1/app.js';
import { createApp as step2 } from '../tutorial/code/step-2/app.js';
import { browser, cookiesOf, PASSWORD, SLOW } from './tutorial-client.js';

describe('tutorial step 1: hashing', SLOW, () => {
  const app = step1();
  const agent = browser(app);

  it('stores a hash and accepts the right password', async () => {
    await agent.post('/register').type('form').send({ username: 'alice', password: PASSWORD }).expect(201);
    const res = await agent.post('/login').type('form').send({ username: 'alice', password: PASSWORD });
    expect(res.status).toBe(200);
    expect(res.text).toBe('Hello, alice.');
  });

  it('answers a wrong password and an unknown user with the same message', async () => {
    const wrong = await agent.post('/login').type('form').send({ username: 'alice', password: 'not the password' });
    const unknown = await agent.post('/login').type('form').send({ username: 'mallory', password: PASSWORD });
    expect(wrong.status).toBe(400);
    expect(unknown.status).toBe(400);
    expect(unknown.text).toBe(wrong.text);
    expect(wrong.text).not.toMatch(/not found/i);
  });

  it('refuses a taken username and an empty password', async () => {
    await agent.post('/register').type('form').send({ username: 'alice', password: PASSWORD }).expect(400);
    await agent.post('/register').type('form').send({ username: 'bob', password: '' }).expect(400);
  });
});

describe('tutorial step 2: server-side sessions', SLOW, () => {
  it('signs in, keeps only an id in the cookie, and logout ends the session on the server', async () => {
    const app = step2();
    const agent = browser(app);
    await agent.get('/dashboard').expect(302).expect('Location', '/login');
    const registered = await agent.post('/register').type('form').send({ username: 'alice', password: PASSWORD });
    expect(registered.status).toBe(302);
    const cookie = cookiesOf(registered);
    expect(cookie).toMatch(/^sid=[\w-]{43}; sid\.sig=/);
    expect(cookie).not.toContain('alice');
    expect((await agent.get('/dashboard').expect(200)).text).toBe('Hello, alice.');

    await agent.post('/logout').expect(302).expect('Location', '/');
    await agent.get('/dashboard').expect(302).expect('Location', '/login');
    // A copy of the old cookie is worthless: the record it pointed to is gone.
    await browser(app).get('/dashboard').set('Cookie', cookie).expect(302).expect('Location', '/login');
  });

  it('logs in with the right password only, and never by GET /logout', async () => {
    const app = step2();
    const agent = browser(app);
    await agent.post('/register').type('form').send({ username: 'alice', password: PASSWORD }).expect(302);
    await agent.post('/logout').expect(302);
    const wrong = await agent.post('/login').type('form').send({ username: 'alice', password: 'not the password' });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('Incorrect username or password.');
    await agent.post('/login').type('form').send({ username: 'alice', password: PASSWORD }).expect(302).expect('Location', '/dashboard');
    await agent.get('/logout').expect(405);
    await agent.get('/dashboard').expect(200);
  });
});
