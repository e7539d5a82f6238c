import { createPasswordHasher, testOnlyScryptParams, type PasswordHasher } from '@acme/auth-core';
import { describe, expect, it } from 'vitest';
import { createApp as step5 } from '../tutorial/code/step-5/app.js';
import { Users } from '../tutorial/code/shared/users.js';
import { browser, ORIGIN, PASSWORD, tokenIn } from './tutorial-client.js';

/**
 * A fast test-only hasher that counts verifications. With `holdUntil`, each verification waits
 * until `holdUntil` requests have arrived (at the check, or answered without one): no request can
 * finish its check before all of them are in flight.
 */
function countingHasher(holdUntil = 0) {
  const inner = createPasswordHasher({ params: testOnlyScryptParams({ logN: 8 }) });
  let count = 0;
  let arrived = 0;
  let open: () => void = () => undefined;
  const allArrived = new Promise<void>((resolve) => {
    open = resolve;
  });
  const arrive = () => {
    arrived += 1;
    if (arrived >= holdUntil) open();
    return allArrived;
  };
  const hasher: PasswordHasher = {
    ...inner,
    verify: async (stored, password) => {
      count += 1;
      await arrive();
      return inner.verify(stored, password);
    },
  };
  return { hasher, verifications: () => count, arrive };
}

async function setUp(holdUntil = 0) {
  const { hasher, verifications, arrive } = countingHasher(holdUntil);
  const users = new Users();
  users.create('alice', await hasher.hash(PASSWORD));
  const agent = browser(step5({ users, hasher }));
  const token = tokenIn((await agent.get('/login').expect(200)).text);
  const logIn = (username: string, password: string) =>
    agent.post('/login').set('Origin', ORIGIN).type('form').send({ username, password, _csrf: token });
  return { agent, logIn, verifications, arrive };
}

describe('tutorial step 5: throttling and generic errors', () => {
  it('does the same work and says the same thing for unknown users and wrong passwords', async () => {
    const { logIn, verifications } = await setUp();
    const unknown = await logIn('mallory', PASSWORD).expect(400);
    expect(verifications()).toBe(1);
    const wrong = await logIn('alice', 'not the password').expect(400);
    expect(verifications()).toBe(2);
    expect(unknown.text).toBe(wrong.text.replace('value="alice"', 'value="mallory"'));
    expect(wrong.text).toContain('Incorrect username or password.');
  });

  it('blocks a username+IP after 10 failures, even with the right password, and says when to retry', async () => {
    const { logIn, verifications } = await setUp();
    for (let i = 0; i < 10; i += 1) await logIn('alice', `wrong ${i}`).expect(400);
    const blocked = await logIn('alice', PASSWORD).expect(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(verifications()).toBe(10);
  });

  it('checks at most 10 of 30 wrong passwords sent at once; the others get 429', async () => {
    const { logIn, verifications, arrive } = await setUp(30);
    const results = await Promise.all(
      Array.from({ length: 30 }, async (_, i) => {
        const res = await logIn('alice', `wrong ${i}`);
        void arrive(); // answered: it arrived, whether or not it reached the check
        return res.status;
      }),
    );
    expect(verifications()).toBe(10);
    expect(results.filter((status) => status === 429)).toHaveLength(20);
    await logIn('alice', PASSWORD).expect(429);
  });

  it('still signs in the right password before any block', async () => {
    const { agent, logIn } = await setUp();
    await logIn('alice', 'wrong').expect(400);
    await logIn('alice', PASSWORD).expect(302).expect('Location', '/dashboard');
    await agent.get('/dashboard').expect(200);
  });
});
