import { totpCode } from '@acme/auth-core';
import type request from 'supertest';
import { requireAccounts, type AppServices } from '../app/services.js';
import { logIn, TEST_ORIGIN, TEST_PASSWORD, tokenFrom, type TestAgent } from './web-client.js';

/** What the two-factor helpers need of a test app: its services and its fake clock. */
export interface AppWithClock {
  /** The app's services (with accounts). */
  services: AppServices;
  /** The app's fake clock (`testAppConfig`). */
  clock: { now(): number; advance(ms: number): void };
}

/**
 * Turns TOTP on for `username` directly through the services (as if they had scanned the QR code)
 * and returns the secret, so a test can compute codes with `totpCode`.
 *
 * @example
 * const secret = await turnOnSecondFactor(app, 'alice');
 * await logInWithSecondFactor(agent, app, 'alice', secret);
 */
export async function turnOnSecondFactor(web: AppWithClock, username: string): Promise<string> {
  const { users, secondFactor } = requireAccounts(web.services);
  const user = await users.findByUsername(username);
  if (!user) throw new Error(`turnOnSecondFactor: no user named ${username}`);
  const { secret } = secondFactor.newPendingSecret(user.id);
  // The previous step's code (accepted: ±1 step), so the current step's code still signs in.
  const codes = await secondFactor.enable(user.id, secret, totpCode(secret, new Date(web.clock.now() - 30_000)));
  if (!codes) throw new Error('turnOnSecondFactor: the code was refused');
  return secret;
}

/**
 * Signs in as a person with TOTP does: the password (`/login`, with an optional `next`), then the
 * code (`/login/two-factor`). Moves the app's fake clock on by one 30-second step first, so every
 * call has a code that was never used. Returns the second step's answer (302 to `next`).
 *
 * @example
 * const res = await logInWithSecondFactor(agent, app, 'alice', secret, '/billing');
 * expect(res.headers.location).toBe('/billing');
 */
export async function logInWithSecondFactor(agent: TestAgent, web: AppWithClock, username: string, secret: string, next?: string, password = TEST_PASSWORD): Promise<request.Response> {
  web.clock.advance(30_000);
  const first = await logIn(agent, username, password, next);
  if (first.headers.location !== '/login/two-factor') return first;
  const _csrf = await tokenFrom(agent, '/login/two-factor');
  return agent.post('/login/two-factor').set('Origin', TEST_ORIGIN).type('form').send({ code: totpCode(secret, new Date(web.clock.now())), _csrf });
}
