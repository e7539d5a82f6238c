import { describe, expect, it } from 'vitest';
import { createSecurityLog, escapeForLog, type SecurityRecord } from '../../src/koa/index.js';
import { agent, sidOf, signIn, tokenOf } from './agent.js';
import { createFixture, HTTPS, PASSWORD } from './fixture.js';

describe('security events', () => {
  it('SEC-AUTH-13 logs login success and failure, lockout and logout once each, without secrets', async () => {
    const f = createFixture();
    const canary = 'canary-password-DO-NOT-LOG-1234';
    const client = agent(f.app);
    const sid = sidOf(await signIn(client)) ?? '';
    const _csrf = await tokenOf(client);
    await client.post('/logout').set(HTTPS).type('form').send({ _csrf });
    for (let i = 0; i < 11; i += 1) {
      const c = agent(f.app);
      const t = await tokenOf(c);
      await c.post('/login').set(HTTPS).type('form').send({ username: 'bob', password: canary, _csrf: t });
    }
    const types = f.records.map((r) => r.type);
    expect(types.filter((t) => t === 'login.succeeded')).toHaveLength(1);
    expect(types.filter((t) => t === 'logout')).toHaveLength(1);
    expect(types.filter((t) => t === 'login.failed')).toHaveLength(10);
    expect(types.filter((t) => t === 'login.throttled')).toHaveLength(1);
    for (const record of f.records) {
      expect(record.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(record.ip).toBeDefined();
      expect(['success', 'failure']).toContain(record.outcome);
    }
    const text = JSON.stringify(f.records);
    expect(text).not.toContain(canary);
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(sid);
  });

  it('SEC-AUTH-13 escapes CR/LF so a username cannot forge a log line', () => {
    const lines: string[] = [];
    const log = createSecurityLog({ sink: (r: SecurityRecord) => lines.push(JSON.stringify(r)) });
    log({ type: 'login.failed', username: 'x\r\nFAKE login.succeeded', outcome: 'failure' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(/[\r\n]/);
    expect(escapeForLog('x\r\nFAKE')).toBe('x\\u000d\\u000aFAKE');
  });
});
