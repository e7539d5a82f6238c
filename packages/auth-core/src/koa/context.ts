import type { AuthSessionFields } from '../session/types.js';

/**
 * `ctx.session` as koa-session provides it, typed with the fields auth-core owns. Apps may keep
 * their own keys too (read them as `unknown` and check their type).
 */
export interface KoaSession extends AuthSessionFields {
  [key: string]: unknown;
  /** True when the session was created by this request. */
  isNew: boolean;
  /** Moves the session to a new id: the old record is destroyed, the data is kept. */
  regenerate(): Promise<void> | undefined;
  /** The session's data as a plain object. */
  toJSON(): Record<string, unknown>;
}

declare module 'koa' {
  interface DefaultContext {
    /** The server-side session (koa-session); `null` after `ctx.session = null`. */
    session: KoaSession | null;
  }
}
