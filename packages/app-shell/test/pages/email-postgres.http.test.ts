/**
 * The account lifecycle on PostgreSQL, as on SQLite: sign-up, the verification link, a password
 * reset; and two app instances on one database deliver each outbox message exactly once.
 */
import { generateDataKey, parseDataKeys } from '@acme/auth-core';
import { afterEach, describe, expect, it } from 'vitest';
import { client, confirmEmail, logIn, mailedLink, signUp, TEST_ORIGIN, tokenIn } from '../../src/testing/index.js';
import { freshPostgresDatabase } from '../services.js';
import { forgotPassword } from './mail-fixture.js';
import { type ShippedApp, shippedApp } from './shipped-app.js';

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** Instances of one deployment share DATA_KEYS (required in production), as they share the database. */
const dataKeys = parseDataKeys(generateDataKey());

async function postgresApp(url: string): Promise<ShippedApp> {
  const web = await shippedApp({ config: { databaseUrl: url, dataKeys } });
  cleanup.push(() => web.close());
  return web;
}

describe('email and password reset on PostgreSQL', () => {
  it('signs up, confirms the address, resets the password from the mailed link and signs in with it', async () => {
    const db = await freshPostgresDatabase();
    cleanup.push(() => db.drop());
    const web = await postgresApp(db.url);
    const agent = client(web);
    expect((await signUp(agent, 'alice')).headers.location).toBe('/register/check-your-inbox');
    expect((await confirmEmail(web, agent, 'alice@example.test')).status).toBe(200);
    await forgotPassword(client(web), 'ALICE@example.test');
    const link = await mailedLink(web, 'alice@example.test', '/password/reset/');
    await agent.get(link);
    const _csrf = tokenIn((await agent.get('/password/reset')).text);
    const done = await agent.post('/password/reset').set('Origin', TEST_ORIGIN).type('form').send({ new: 'granite willow ember coast', _csrf });
    expect(done.headers.location).toBe('/login');
    expect((await client(web).get(link)).status).toBe(400);
    expect((await logIn(client(web), 'alice@example.test', 'granite willow ember coast')).headers.location).toBe('/dashboard');
  });

  it('two instances draining one outbox at once send each message exactly once', async () => {
    const db = await freshPostgresDatabase();
    cleanup.push(() => db.drop());
    const one = await postgresApp(db.url);
    const two = await postgresApp(db.url);
    for (let i = 0; i < 12; i += 1) await signUp(client(i % 2 === 0 ? one : two), `user${i}`);
    expect(await one.services.mail.outbox.pending()).toBe(12);
    await Promise.all([one.services.mail.worker.drain(), two.services.mail.worker.drain(), one.services.mail.worker.drain(), two.services.mail.worker.drain()]);
    const sent = [...(one.services.mail.devMailbox?.list() ?? []), ...(two.services.mail.devMailbox?.list() ?? [])];
    expect(sent).toHaveLength(12);
    expect(new Set(sent.map((m) => m.messageId)).size).toBe(12);
    expect(new Set(sent.map((m) => m.to))).toEqual(new Set(Array.from({ length: 12 }, (_, i) => `user${i}@example.test`)));
    expect(await one.services.mail.outbox.pending()).toBe(0);
  });
});
