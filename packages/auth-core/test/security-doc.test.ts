import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAIL_LIMITS, PASSWORD_LIMITS, SESSION_TIMEOUTS, THROTTLE_LIMITS } from '../src/config/defaults.js';

const securityMd = readFileSync(new URL('../../../SECURITY.md', import.meta.url), 'utf8');

/** Returns the body of the `## title` section (up to the next `## `), or '' when missing. */
function section(title: string): string {
  const start = securityMd.indexOf(`\n## ${title}\n`);
  if (start === -1) return '';
  const rest = securityMd.slice(start + title.length + 5);
  const end = rest.indexOf('\n## ');
  return end === -1 ? rest : rest.slice(0, end);
}

/** Reads the bold number after `label:` in a section, e.g. `- Idle timeout (minutes): **30**`. */
function documented(sectionTitle: string, label: string): number {
  const body = section(sectionTitle);
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`${escaped}: \\*\\*(\\d+)\\*\\*`).exec(body);
  if (!match?.[1]) throw new Error(`SECURITY.md § ${sectionTitle} has no "${label}: **N**" line`);
  return Number(match[1]);
}

describe('SEC-MISC-05 SECURITY.md documents the decisions and matches the config', () => {
  it.each([
    'Password policy',
    'Context words',
    'Rate limiting',
    'Session timeouts',
    'Concurrent sessions',
    'Key rotation',
    'Account recovery and email',
    'Second factor',
    'Deviations (7.5.2, 6.3.8 registration usernames)',
  ])('SEC-MISC-05 has a non-empty section "%s"', (title) => {
    expect(section(title).trim().length).toBeGreaterThan(40);
  });

  it('SEC-MISC-05 states the password limits that the code enforces', () => {
    expect(documented('Password policy', 'Minimum length (code points after NFKC)')).toBe(PASSWORD_LIMITS.minLength);
    expect(documented('Password policy', 'Lowest minimum a deployment may configure (only with MFA)')).toBe(
      PASSWORD_LIMITS.minLengthFloor,
    );
    expect(documented('Password policy', 'Maximum length (code points)')).toBe(PASSWORD_LIMITS.maxLength);
    expect(documented('Password policy', 'Maximum length (UTF-8 bytes)')).toBe(PASSWORD_LIMITS.maxBytes);
  });

  it('SEC-MISC-05 states the throttle limits that the code enforces', () => {
    const doc = (label: string) => documented('Rate limiting', label);
    expect(doc('Consecutive failures per username + IP before a block')).toBe(THROTTLE_LIMITS.usernameIpFailures);
    expect(doc('Block for a username + IP pair (seconds)')).toBe(THROTTLE_LIMITS.usernameIpBlockSeconds);
    expect(doc('Failures per IP per day, across usernames')).toBe(THROTTLE_LIMITS.ipFailuresPerDay);
    expect(doc('Consecutive failures per account, whatever the IP')).toBe(THROTTLE_LIMITS.accountFailures);
    expect(doc('Block for an account (seconds, temporary, never permanent)')).toBe(THROTTLE_LIMITS.accountBlockSeconds);
    expect(doc('Registrations per IP per hour')).toBe(THROTTLE_LIMITS.registrationsPerHour);
    expect(doc('Forgot-password requests per address per hour (past it nothing is mailed; the answer stays the same)')).toBe(MAIL_LIMITS.resetRequestsPerAddressPerHour);
    expect(doc('Forgot-password requests per IP per hour')).toBe(MAIL_LIMITS.resetRequestsPerIpPerHour);
    expect(doc('Wrong second-factor codes in one sign-in before it starts over at the password')).toBe(THROTTLE_LIMITS.secondFactorFailuresPerSignIn);
    expect(doc('Wrong second-factor codes per account per hour')).toBe(THROTTLE_LIMITS.secondFactorFailuresPerHour);
  });

  it('SEC-MISC-05 states the session timeouts that the code enforces', () => {
    expect(documented('Session timeouts', 'Idle timeout (minutes)') * 60_000).toBe(SESSION_TIMEOUTS.idleMs);
    expect(documented('Session timeouts', 'Absolute timeout (hours)') * 3_600_000).toBe(SESSION_TIMEOUTS.absoluteMs);
  });

  it('SEC-MISC-05 fails on a section that is missing (negative case)', () => {
    expect(section('No such section')).toBe('');
    expect(() => documented('No such section', 'x')).toThrow(/has no "x: \*\*N\*\*" line/);
  });
});
