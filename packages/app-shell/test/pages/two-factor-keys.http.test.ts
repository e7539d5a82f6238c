/**
 * SEC-MFA-02 over the shipped pages: TOTP secrets are sealed with DATA_KEYS and the user id, a
 * sealed secret copied to another account opens nothing, and rotating the keys (new key first,
 * the old one kept second) keeps every second factor working. (Production refuses to start
 * without DATA_KEYS: test/app/config.test.ts.)
 */
import { generateDataKey, parseDataKeys, totpCode } from '@acme/auth-core';
import { afterEach, expect, it } from 'vitest';
import { client, logIn, TEST_ORIGIN, TEST_PASSWORD, tokenIn, type TestAgent } from '../../src/testing/index.js';
import { freshSqliteDatabase } from '../services.js';
import { verifiedUser } from './mail-fixture.js';
import { type ShippedApp, shippedApp } from './shipped-app.js';

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function app(databaseUrl: string, keys: string): Promise<ShippedApp> {
  const web = await shippedApp({ config: { databaseUrl, dataKeys: parseDataKeys(keys) } });
  cleanup.push(() => web.close());
  return web;
}

/** Turns TOTP on for the signed-in agent; returns the secret. */
async function enable(web: ShippedApp, agent: TestAgent): Promise<string> {
  const page = await agent.get('/account/two-factor');
  const setup = await agent.post('/account/two-factor/setup').set('Origin', TEST_ORIGIN).type('form').send({ _csrf: tokenIn(page.text) });
  const secret = /<code class="secret">([A-Z2-7]+)<\/code>/.exec(setup.text)?.[1] ?? '';
  const code = totpCode(secret, new Date(web.clock.now()));
  expect((await agent.post('/account/two-factor/enable').set('Origin', TEST_ORIGIN).type('form').send({ code, _csrf: tokenIn(setup.text) })).status).toBe(200);
  return secret;
}

/** Password, then `code`, from a fresh browser: the second step's status. */
async function signIn(web: ShippedApp, username: string, code: string): Promise<number> {
  const agent = client(web);
  expect((await logIn(agent, username, TEST_PASSWORD)).headers.location).toBe('/login/two-factor');
  const _csrf = tokenIn((await agent.get('/login/two-factor')).text);
  return (await agent.post('/login/two-factor').set('Origin', TEST_ORIGIN).type('form').send({ code, _csrf })).status;
}

it('SEC-MFA-02 a sealed secret is not the secret, does not open for another user, and survives a key rotation', async () => {
  const db = await freshSqliteDatabase();
  cleanup.push(() => db.drop());
  const oldKey = generateDataKey();
  const first = await app(db.url, oldKey);
  const aliceSecret = await enable(first, await verifiedUser(first, 'alice'));
  const bobSecret = await enable(first, await verifiedUser(first, 'bob'));
  const rows = await first.services.db.kysely.selectFrom('users').select(['username', 'totp_secret']).orderBy('username').execute();
  expect(JSON.stringify(rows)).not.toContain(aliceSecret);
  expect(JSON.stringify(rows)).not.toContain(bobSecret);

  // Alice's sealed secret copied onto Bob's row: it opens for nobody there, so her codes do not sign Bob in.
  const alicesSealed = rows.find((r) => r.username === 'alice')?.totp_secret ?? null;
  await first.services.db.kysely.updateTable('users').set({ totp_secret: alicesSealed }).where('username', '=', 'bob').execute();
  first.clock.advance(30_000);
  expect(await signIn(first, 'bob', totpCode(aliceSecret, new Date(first.clock.now())))).toBe(400);
  expect(await signIn(first, 'bob', totpCode(bobSecret, new Date(first.clock.now())))).toBe(400);
  await first.close();
  cleanup.pop();

  // Rotation: the new key first, the old one second. Alice's secret (old key) still works; a new one is sealed with the new key.
  const newKey = generateDataKey();
  const rotated = await app(db.url, `${newKey},${oldKey}`);
  rotated.clock.advance(60_000);
  expect(await signIn(rotated, 'alice', totpCode(aliceSecret, new Date(rotated.clock.now())))).toBe(302);
  await enable(rotated, await verifiedUser(rotated, 'carol'));
  const carol = await rotated.services.db.kysely.selectFrom('users').select('totp_secret').where('username', '=', 'carol').executeTakeFirstOrThrow();
  const [newest] = parseDataKeys(newKey).keys;
  expect(carol.totp_secret?.split('.')[1]).toBe(newest?.id);
});
