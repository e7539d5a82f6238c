/**
 * Email addresses on the shipped pages (SEC-MAIL-01…04): sign-up never signs in and answers one
 * way for new and taken addresses, the mailed verification link, changing the address, and what a
 * mail may carry. Mail goes through the real outbox and worker to the development mailbox.
 */
import { describe, expect, it } from 'vitest';
import { client, confirmEmail, logIn, mailedLink, mailTo, register, signUp, TEST_ORIGIN, TEST_PASSWORD, tokenFrom, type TestAgent } from '../../src/testing/index.js';
import { forgotPassword, rowsOf, verifiedUser } from './mail-fixture.js';
import { shippedAppPerTest } from './shipped-app.js';

const open = shippedAppPerTest();

/** Posts `/account/email` from a signed-in agent. */
async function changeEmail(agent: TestAgent, email: string, current = TEST_PASSWORD) {
  const _csrf = await tokenFrom(agent, '/account/email');
  return agent.post('/account/email').set('Origin', TEST_ORIGIN).type('form').send({ email, current, _csrf });
}

describe('sign-up with an email address', () => {
  it('never signs in: it answers 302 to "check your inbox", and the address is not confirmed yet', async () => {
    const web = await open();
    const agent = client(web);
    const res = await signUp(agent, 'alice');
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/register/check-your-inbox');
    expect((await agent.get('/dashboard')).status).toBe(302);
    expect((await agent.get('/register/check-your-inbox')).text).toContain('Check your inbox');
    const alice = await web.services.users.findByUsername('alice');
    expect(alice).toMatchObject({ email: 'alice@example.test', emailVerified: false });
    const [mail] = await mailTo(web, 'alice@example.test');
    expect(mail?.subject).toBe('Confirm your email address for throttle-test');
  });

  it('SEC-MAIL-01 a taken address (other case) answers exactly like a new one, creates nothing and mails its owner', async () => {
    const web = await open();
    await verifiedUser(web, 'alice', 'alice@example.test');
    const fresh = await signUp(client(web), 'bob', TEST_PASSWORD, 'bob@example.test');
    const taken = await signUp(client(web), 'mallory', TEST_PASSWORD, 'ALICE@Example.TEST');
    expect(taken.status).toBe(fresh.status);
    expect(taken.headers.location).toBe(fresh.headers.location);
    expect(taken.text).toBe(fresh.text);
    expect(await web.services.users.findByUsername('mallory')).toBeUndefined();
    expect(await web.services.users.count()).toBe(2);
    const notices = (await mailTo(web, 'alice@example.test')).filter((m) => m.subject.includes('Someone tried to create'));
    expect(notices).toHaveLength(1);
    expect(notices[0]?.text).toContain('nothing was created');
    expect((await mailTo(web, 'ALICE@example.test')).some((m) => m.text.includes('/email/verify/') && m.subject.startsWith('Confirm') && m.sentAt > (notices[0]?.sentAt ?? new Date(0)))).toBe(false);
  });

  it('SEC-MAIL-02 the link’s GET only shows a form; the POST verifies once; an expired link is refused; the database never holds a token in clear', async () => {
    const web = await open();
    const agent = client(web);
    await signUp(agent, 'alice');
    // Before delivery: the mail waits sealed; the token table holds digests only.
    const queued = await rowsOf(web, 'mail_outbox');
    expect(queued).toHaveLength(1);
    const link = await mailedLink(web, 'alice@example.test', '/email/verify/');
    const token = link.split('/').at(-1) ?? '';
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(queued)).not.toContain(token);
    expect(JSON.stringify(queued)).not.toContain('alice@example.test');
    expect(JSON.stringify(await rowsOf(web, 'account_tokens'))).not.toContain(token);
    expect(await rowsOf(web, 'mail_outbox')).toEqual([]); // purged after delivery

    const page = await agent.get(link);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Confirm your address');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect((await web.services.users.findByUsername('alice'))?.emailVerified).toBe(false);
    expect((await confirmEmail(web, agent, 'alice@example.test')).text).toContain('Address confirmed');
    expect((await web.services.users.findByUsername('alice'))?.emailVerified).toBe(true);
    // Used once: the same link is refused, by GET and POST.
    expect((await agent.get(link)).status).toBe(400);
    const _csrf = await tokenFrom(agent, '/login');
    expect((await agent.post(link).set('Origin', TEST_ORIGIN).type('form').send({ _csrf })).status).toBe(400);

    await signUp(client(web), 'bob');
    const bobLink = await mailedLink(web, 'bob@example.test', '/email/verify/');
    web.clock.advance(24 * 3_600_000 + 1000);
    expect((await client(web).get(bobLink)).status).toBe(400);
    expect((await confirmEmail(web, client(web), 'bob@example.test')).status).toBe(400);
    expect((await web.services.users.findByUsername('bob'))?.emailVerified).toBe(false);
  });

  it('SEC-MAIL-02 an unverified address neither blocks its real owner nor signs anyone in, and gets no reset link', async () => {
    const web = await open();
    // Mallory claims Alice's address first and never verifies it.
    await signUp(client(web), 'mallory', TEST_PASSWORD, 'alice@example.test');
    expect((await logIn(client(web), 'alice@example.test')).status).toBe(400);
    expect((await forgotPassword(client(web), 'alice@example.test')).status).toBe(302);
    expect((await mailTo(web, 'alice@example.test')).filter((m) => m.subject.startsWith('Reset'))).toEqual([]);
    // Alice registers with it too, and follows her own link: the address is hers, Mallory's claim is dropped.
    const alice = client(web);
    await register(alice, 'alice', TEST_PASSWORD, 'alice@example.test');
    const [newest] = await mailTo(web, 'alice@example.test');
    const link = /https?:\/\/\S+(\/email\/verify\/\S+)/.exec(newest?.text ?? '')?.[1] ?? '';
    const _csrf = await tokenFrom(alice, link);
    expect((await alice.post(link).set('Origin', TEST_ORIGIN).type('form').send({ _csrf })).status).toBe(200);
    expect(await web.services.users.findByUsername('alice')).toMatchObject({ email: 'alice@example.test', emailVerified: true });
    expect(await web.services.users.findByUsername('mallory')).toMatchObject({ email: null, emailVerified: false });
    expect((await logIn(client(web), 'ALICE@example.test')).headers.location).toBe('/dashboard');
  });

  it('SEC-MAIL-03 changing the address needs the password, takes effect only through the new address’s link, and tells the old one', async () => {
    const web = await open();
    const alice = await verifiedUser(web, 'alice', 'alice@example.test');
    expect((await changeEmail(alice, 'alice@new.example', 'not my password')).status).toBe(400);
    expect((await mailTo(web, 'alice@new.example'))).toEqual([]);
    const res = await changeEmail(alice, 'alice@new.example');
    expect(res.status).toBe(302);
    expect((await alice.get('/account/email')).text).toContain('We sent a link to alice@new.example');
    // Until the link is followed, the old address is the sign-in and recovery address.
    expect((await logIn(client(web), 'alice@example.test')).headers.location).toBe('/dashboard');
    expect((await logIn(client(web), 'alice@new.example')).status).toBe(400);
    expect((await confirmEmail(web, client(web), 'alice@new.example')).status).toBe(200);
    expect((await logIn(client(web), 'alice@new.example')).headers.location).toBe('/dashboard');
    expect((await logIn(client(web), 'alice@example.test')).status).toBe(400);
    const notice = (await mailTo(web, 'alice@example.test')).find((m) => m.subject.includes('email address of your'));
    expect(notice?.text).toContain('alice@new.example');
    expect(web.records).toContainEqual(expect.objectContaining({ type: 'email.changed', outcome: 'success' }));
  });

  it('SEC-MAIL-04 CR/LF in a username or an address is refused at the form; a username in a mail arrives escaped in the HTML part', async () => {
    const web = await open();
    expect((await signUp(client(web), 'eve', TEST_PASSWORD, 'eve@example.test\r\nBcc: all@example.test')).status).toBe(400);
    expect((await signUp(client(web), 'eve\r\nBcc: all@example.test', TEST_PASSWORD, 'eve@example.test')).status).toBe(400);
    expect(await web.services.users.count()).toBe(0);
    expect(await mailTo(web)).toEqual([]);
    // A username with markup (created by an operator; the form refuses it) in a reset mail.
    const user = await web.services.users.create('<b>x</b>', await web.services.hasher.hash(TEST_PASSWORD));
    await web.services.users.setEmail(user.id, { address: 'x@example.test', normalized: 'x@example.test' }, true);
    expect((await forgotPassword(client(web), 'x@example.test')).status).toBe(302);
    const [mail] = await mailTo(web, 'x@example.test');
    expect(mail?.html).toContain('&lt;b&gt;x&lt;/b&gt;');
    expect(mail?.html).not.toContain('<b>x</b>');
    expect(mail?.subject).not.toMatch(/[\r\n]/);
  });

  it('asks an account without a confirmed address to add one (a banner, not a block)', async () => {
    const web = await open();
    const user = await web.services.users.create('legacy', await web.services.hasher.hash(TEST_PASSWORD));
    const agent = client(web);
    await logIn(agent, 'legacy');
    const dashboard = await agent.get('/dashboard');
    expect(dashboard.status).toBe(200);
    expect(dashboard.text).toContain('Add an email address');
    expect((await changeEmail(agent, 'legacy@example.test')).status).toBe(302);
    expect((await agent.get('/dashboard')).text).toContain('Add an email address');
    await confirmEmail(web, agent, 'legacy@example.test');
    expect((await web.services.users.findById(user.id))?.emailVerified).toBe(true);
    expect((await agent.get('/dashboard')).text).not.toContain('Add an email address');
  });

  it('makes the address optional when the app asks: a sign-up without one goes to the login page, with one it is verified as usual', async () => {
    const web = await open({ email: 'optional' });
    expect((await client(web).get('/register')).text).toContain('(optional)');
    const bare = await signUp(client(web), 'alice', TEST_PASSWORD, '');
    expect(bare.headers.location).toBe('/login');
    expect(await web.services.users.findByUsername('alice')).toMatchObject({ email: null });
    expect((await signUp(client(web), 'bob', TEST_PASSWORD, 'not an address')).status).toBe(400);
    expect((await signUp(client(web), 'bob')).headers.location).toBe('/register/check-your-inbox');
    expect(await mailTo(web, 'bob@example.test')).toHaveLength(1);
    // Required by default: an empty address is refused.
    const strict = await open();
    expect((await signUp(client(strict), 'carol', TEST_PASSWORD, '')).status).toBe(400);
  });
});
