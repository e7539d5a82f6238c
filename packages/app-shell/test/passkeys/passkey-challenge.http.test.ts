/**
 * SEC-PK-01 under parallel requests: a sign-in challenge is used once even when two posts of one
 * assertion read its pre-auth record before either ends it (a synced passkey's counter stays 0,
 * so only the challenge's own atomic mark can refuse the second).
 */
import { expect, it } from 'vitest';
import { client, tokenFrom } from '../../src/testing/index.js';
import { arrivalGate } from '../pages/gate.js';
import { shippedAppPerTest } from '../pages/shipped-app.js';

const open = shippedAppPerTest();
const ORIGIN = 'http://localhost:3000';

it('SEC-PK-01 two parallel posts for one challenge: one is checked, the other finds it used', async () => {
  const gate = arrivalGate(2);
  const web = await open({ config: { appOrigin: ORIGIN } });
  // Both posts load the pre-auth record (the session) before either goes on: the race, made certain.
  const sessions = web.services.sessions;
  const load = sessions.get.bind(sessions);
  let armed = false;
  sessions.get = async (key) => {
    const record = await load(key);
    if (armed) await gate.arrive();
    return record;
  };
  const agent = client(web);
  const csrf = await tokenFrom(agent, '/login');
  const options = await agent.post('/login/passkey/options').set('Origin', ORIGIN).set('x-csrf-token', csrf).send({ next: '/dashboard' });
  expect(options.status).toBe(200);
  expect(options.body).toMatchObject({ rpId: 'localhost', userVerification: 'required' });
  // An assertion for a passkey nobody has: the one post that gets the challenge is told so.
  const post = () => agent.post('/login/passkey/verify').set('Origin', ORIGIN).set('x-csrf-token', csrf).send({ id: 'AAAA', rawId: 'AAAA', type: 'public-key', response: {}, clientExtensionResults: {} });
  armed = true;
  const results = await Promise.all([post(), post()]);
  expect(results.map((r) => r.status)).toEqual([400, 400]);
  expect(results.map((r) => (r.body as { message: string }).message).sort()).toEqual(['This passkey is not known here.', 'This sign-in has expired. Try again.']);
});
