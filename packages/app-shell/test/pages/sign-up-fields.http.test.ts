import { afterAll, describe, expect, it, vi } from 'vitest';
import { client, type FreshDatabase, register, TEST_ORIGIN, TEST_PASSWORD, tokenFrom } from '../../src/testing/index.js';
import { freshPostgresDatabase } from '../services.js';
import { profileSignUp, signUpApp, type SignUpAppOptions } from './sign-up-app.js';

type App = Awaited<ReturnType<typeof signUpApp>>;

/** POSTs /register from a fresh browser with `fields` (a string[] value repeats the field). */
async function signUp(web: App, fields: Record<string, string | string[]>) {
  const agent = client(web);
  const _csrf = await tokenFrom(agent, '/register');
  return agent.post('/register').set('Origin', TEST_ORIGIN).type('form').send({ _csrf, password: TEST_PASSWORD, email: 'ada@example.test', ...fields });
}

const count = async (web: App, table: 'users' | 'profiles') => Number((await web.kysely.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

/** The storage promises, on each database an app may use. */
function storageSuite(label: string, config: () => Promise<SignUpAppOptions['config']>) {
  describe(`sign-up fields stored on ${label}`, () => {
    it('stores the extra fields with the new user', async () => {
      const web = await signUpApp({ signUp: profileSignUp, config: await config() });
      const res = await signUp(web, { username: 'ada', display_name: '  Ada Lovelace ', terms: 'yes' });
      expect(res.status).toBe(302);
      const row = await web.kysely.selectFrom('profiles').innerJoin('users', 'users.id', 'profiles.user_id').select(['users.username', 'profiles.display_name']).executeTakeFirst();
      expect(row).toEqual({ username: 'ada', display_name: 'Ada Lovelace' });
    });

    it('writes nothing when the app’s store fails: the user and its fields are one transaction', async () => {
      const failing = { ...profileSignUp, store: async (...args: Parameters<typeof profileSignUp.store>) => {
        await profileSignUp.store(...args);
        throw new Error('planted failure after the profile insert');
      } };
      const web = await signUpApp({ signUp: failing, config: await config() });
      const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      const res = await signUp(web, { username: 'ada', display_name: 'Ada', terms: 'yes' });
      quiet.mockRestore();
      expect(res.status).toBe(500);
      expect(await count(web, 'users')).toBe(0);
      expect(await count(web, 'profiles')).toBe(0);
    });

    it('refuses an invalid extra field with 400: no user, the typed values kept, never the password', async () => {
      const web = await signUpApp({ signUp: profileSignUp, config: await config() });
      const res = await signUp(web, { username: 'ada', display_name: 'Ada <b>bold</b>', terms: '' });
      expect(res.status).toBe(400);
      expect(res.text).toContain('Accept the terms to create an account.');
      expect(res.text).toContain('value="Ada &lt;b&gt;bold&lt;/b&gt;"');
      expect(res.text).toContain('value="ada"');
      expect(res.text).not.toContain(TEST_PASSWORD);
      expect(await count(web, 'users')).toBe(0);
    });
  });
}

const postgres: FreshDatabase[] = [];
afterAll(async () => {
  await Promise.all(postgres.map((db) => db.drop()));
});

storageSuite('SQLite', () => Promise.resolve({}));
storageSuite('PostgreSQL', async () => {
  const db = await freshPostgresDatabase();
  postgres.push(db);
  return { databaseUrl: db.url };
});

describe('sign-up fields: the form', () => {
  it('renders the app’s register-fields.njk partial on GET /register', async () => {
    const web = await signUpApp({ signUp: profileSignUp });
    const res = await client(web).get('/register');
    expect(res.text).toContain('name="display_name"');
    expect(res.text).toContain('name="terms"');
  });

  it('refuses a repeated or bracketed extra field with 400 before validating, and creates no user', async () => {
    const web = await signUpApp({ signUp: profileSignUp });
    const validate = vi.spyOn(profileSignUp, 'validate');
    expect((await signUp(web, { username: 'ada', display_name: ['Ada', 'Eve'], terms: 'yes' })).status).toBe(400);
    const agent = client(web);
    const _csrf = await tokenFrom(agent, '/register');
    const bracketed = await agent.post('/register').set('Origin', TEST_ORIGIN).type('form').send(`_csrf=${_csrf}&username=ada&email=ada%40example.test&password=${encodeURIComponent(TEST_PASSWORD)}&terms[$ne]=x&display_name=Ada`);
    expect(bracketed.status).toBe(400);
    expect(validate).not.toHaveBeenCalled();
    validate.mockRestore();
    expect(await count(web, 'users')).toBe(0);
  });

  it('ignores a field the app did not declare, as the shell always has', async () => {
    const web = await signUpApp({ signUp: profileSignUp });
    const validate = vi.spyOn(profileSignUp, 'validate');
    expect((await signUp(web, { username: 'ada', display_name: 'Ada', terms: 'yes', is_admin: 'yes' })).status).toBe(302);
    expect(validate.mock.calls[0]?.[0]).toEqual({ display_name: 'Ada', terms: 'yes' });
    validate.mockRestore();
  });

  it('refuses a field name the shell reads itself when the routes are registered', async () => {
    await expect(signUpApp({ signUp: { ...profileSignUp, fields: ['display_name', 'password'] } })).rejects.toThrow(/"password" is read by authRoutes itself/);
  });
});

describe('no sign-up fields configured', () => {
  it('signs up with username and password alone, as before, and the form has no extra inputs', async () => {
    const web = await signUpApp();
    expect((await client(web).get('/register')).text).not.toContain('name="terms"');
    const res = await register(client(web), 'ada');
    expect(res.status).toBe(302);
    expect(await count(web, 'users')).toBe(1);
    expect(await count(web, 'profiles')).toBe(0);
  });
});
