import { describe, expect, it } from 'vitest';
import { PASSWORD_LIMITS, SESSION_ID_BYTES, SESSION_TIMEOUTS, THROTTLE_LIMITS } from '../src/index.js';

describe('security defaults', () => {
  it('keep the decided password limits (min 15, never below 8, max 1024 cp / 4096 bytes)', () => {
    expect(PASSWORD_LIMITS).toEqual({ minLength: 15, minLengthFloor: 8, maxLength: 1024, maxBytes: 4096 });
  });

  it('keep 30 min idle and 12 h absolute session timeouts', () => {
    expect(SESSION_TIMEOUTS.idleMs).toBe(1_800_000);
    expect(SESSION_TIMEOUTS.absoluteMs).toBe(43_200_000);
  });

  it('keep the decided throttle numbers', () => {
    expect(THROTTLE_LIMITS.usernameIpFailures).toBe(10);
    expect(THROTTLE_LIMITS.usernameIpBlockSeconds).toBe(3600);
    expect(THROTTLE_LIMITS.ipFailuresPerDay).toBe(100);
    expect(THROTTLE_LIMITS.accountFailures).toBeLessThanOrEqual(100);
  });

  it('uses at least 256-bit session ids', () => {
    expect(SESSION_ID_BYTES * 8).toBeGreaterThanOrEqual(256);
  });
});
