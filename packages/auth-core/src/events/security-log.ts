/** The kinds of security event auth-core and the apps record. */
export type SecurityEventType =
  | 'login.succeeded'
  | 'login.failed'
  | 'login.throttled'
  | 'logout'
  | 'session.revoked'
  | 'sessions.revoked_all'
  | 'password.changed'
  | 'password.change_failed'
  | 'password.rehashed'
  | 'user.registered'
  | 'user.registration_refused'
  // Account recovery and email (issue "email"): never with the token or the address itself.
  | 'password.reset_requested'
  | 'password.reset'
  | 'password.reset_refused'
  | 'email.verification_sent'
  | 'email.verified'
  | 'email.change_requested'
  | 'email.changed'
  | 'mail.delivery_failed'
  // The second factor (issue "second factor").
  | 'mfa.enabled'
  | 'mfa.disabled'
  | 'mfa.failed'
  | 'mfa.recovery_codes_regenerated'
  | 'passkey.added'
  | 'passkey.removed'
  // Changes an operator makes with `pnpm users` (outcome success; `reason` names the role where there is one).
  | 'admin.user_created'
  | 'admin.role_granted'
  | 'admin.role_revoked'
  | 'admin.user_disabled'
  | 'admin.user_enabled'
  | 'admin.signed_out';

/** One security event as the app reports it. Never put passwords, tokens or session ids here. */
export interface SecurityEvent {
  /** What happened. */
  type: SecurityEventType;
  /** The username typed or the user's name (escaped when written). */
  username?: string | undefined;
  /** The user's id, when known. */
  userId?: string | undefined;
  /** The client IP (from a trusted proxy only). */
  ip?: string | undefined;
  /** `success` or `failure`. */
  outcome: 'success' | 'failure';
  /** A short machine-readable reason, e.g. `bad_credentials`, `throttled`. */
  reason?: string | undefined;
}

/** A written event: the event plus its UTC time. */
export interface SecurityRecord extends SecurityEvent {
  /** ISO 8601 UTC time. */
  time: string;
}

/** Receives records; default: one JSON line on stdout. */
export type SecuritySink = (record: SecurityRecord) => void;

/** Options of {@link createSecurityLog}. */
export interface SecurityLogOptions {
  /** Where records go. Default: JSON lines on stdout. */
  sink?: SecuritySink;
  /** Clock in ms since epoch. Default `Date.now`. */
  now?: () => number;
}

/** Escapes control characters (CR, LF, TAB, …) so a username cannot forge log lines. */
export function escapeForLog(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`).slice(0, 256);
}

/** Writes security events: {@link createSecurityLog}'s result. */
export type SecurityLog = (event: SecurityEvent) => void;

/**
 * A structured log for authentication events (ASVS 16.3.1): who, from where, when (UTC), what and
 * the outcome, one record per event. Text fields are escaped so CR/LF in a username cannot forge
 * a line; there is no field for passwords, tokens or session ids.
 *
 * @example
 * const securityLog = createSecurityLog();
 * securityLog({ type: 'login.failed', username, ip: ctx.ip, outcome: 'failure', reason: 'bad_credentials' });
 */
export function createSecurityLog(options: SecurityLogOptions = {}): SecurityLog {
  const sink = options.sink ?? ((record) => process.stdout.write(`${JSON.stringify(record)}\n`));
  const now = options.now ?? Date.now;
  return (event) => {
    const record: SecurityRecord = { time: new Date(now()).toISOString(), type: event.type, outcome: event.outcome };
    if (event.username !== undefined) record.username = escapeForLog(event.username);
    if (event.userId !== undefined) record.userId = escapeForLog(event.userId);
    if (event.ip !== undefined) record.ip = escapeForLog(event.ip);
    if (event.reason !== undefined) record.reason = escapeForLog(event.reason);
    sink(record);
  };
}
