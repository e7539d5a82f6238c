/** Helpers of the email and password-reset tests: a verified user, the forgot-password form, and a look into the tables. */
import { expect } from 'vitest';
import { client, confirmEmail, register, TEST_ORIGIN, TEST_PASSWORD, testEmail, tokenFrom, type TestAgent } from '../../src/testing/index.js';
import type { ShippedApp } from './shipped-app.js';

/** The rows of a table, for "what does the database hold" checks. */
export async function rowsOf(web: ShippedApp, table: 'mail_outbox' | 'account_tokens') {
  return web.services.db.kysely.selectFrom(table).selectAll().execute();
}

/** A user who signed up and followed the verification link. */
export async function verifiedUser(web: ShippedApp, username: string, email = testEmail(username)): Promise<TestAgent> {
  const agent = client(web);
  expect((await register(agent, username, TEST_PASSWORD, email)).status).toBe(302);
  expect((await confirmEmail(web, agent, email)).status).toBe(200);
  return agent;
}

/** Posts the forgot-password form. */
export async function forgotPassword(agent: TestAgent, email: string) {
  const _csrf = await tokenFrom(agent, '/password/forgot');
  return agent.post('/password/forgot').set('Origin', TEST_ORIGIN).type('form').send({ email, _csrf });
}

