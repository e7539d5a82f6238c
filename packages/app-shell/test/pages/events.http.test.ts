import { describe, expect, it } from 'vitest';
import { client, logIn, signUp, TEST_ORIGIN, TEST_PASSWORD, tokenFrom } from '../../src/testing/index.js';
import { loginAttempt, shippedAppPerTest } from './shipped-app.js';

const open = shippedAppPerTest();

describe('security events of the shipped sign-in handler', () => {
  it('SEC-AUTH-13 logs login success and failure, lockout and logout once each, without secrets', async () => {
    const web = await open();
    const canary = 'canary-password-DO-NOT-LOG-1234';
    await signUp(client(web), 'alice');
    const alice = client(web);
    const sid = /sid=([^;]+)/.exec(String((await logIn(alice, 'alice')).headers['set-cookie']))?.[1] ?? '';
    expect(sid).not.toBe('');
    const _csrf = await tokenFrom(alice, '/account/password');
    await alice.post('/logout').set('Origin', TEST_ORIGIN).type('form').send({ _csrf });
    for (let i = 0; i < 11; i += 1) await loginAttempt(web, 'bob', canary);
    const records = web.records as { type?: string; time?: string; ip?: string; outcome?: string }[];
    const types = records.map((r) => r.type);
    expect(types.filter((t) => t === 'login.succeeded')).toHaveLength(1);
    expect(types.filter((t) => t === 'logout')).toHaveLength(1);
    expect(types.filter((t) => t === 'login.failed')).toHaveLength(10);
    expect(types.filter((t) => t === 'login.throttled')).toHaveLength(1);
    for (const record of records) {
      expect(record.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(record.ip).toBeDefined();
      expect(['success', 'failure']).toContain(record.outcome);
    }
    const text = JSON.stringify(records);
    expect(text).not.toContain(canary);
    expect(text).not.toContain(TEST_PASSWORD);
    expect(text).not.toContain(sid);
  });
});
