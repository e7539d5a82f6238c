/** Security events: one JSON line per sign-in, lockout, logout and password change. */
export {
  createSecurityLog,
  escapeForLog,
  type SecurityEvent,
  type SecurityEventType,
  type SecurityLog,
  type SecurityLogOptions,
  type SecurityRecord,
  type SecuritySink,
} from './security-log.js';
