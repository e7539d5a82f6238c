import { describe, expect, it } from 'vitest';
import { createSecurityLog, escapeForLog, type SecurityRecord } from '../../src/index.js';

describe('security events', () => {
  it('SEC-AUTH-13 escapes CR/LF so a username cannot forge a log line', () => {
    const lines: string[] = [];
    const log = createSecurityLog({ sink: (r: SecurityRecord) => lines.push(JSON.stringify(r)) });
    log({ type: 'login.failed', username: 'x\r\nFAKE login.succeeded', outcome: 'failure' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(/[\r\n]/);
    expect(escapeForLog('x\r\nFAKE')).toBe('x\\u000d\\u000aFAKE');
  });
});
