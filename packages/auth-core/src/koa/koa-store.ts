import { SESSION_TIMEOUTS } from '../config/defaults.js';
import { SessionStoreUnavailableError } from '../session/errors.js';
import { digestSessionId, isSessionIdShape } from '../session/ids.js';
import type { SessionStore } from '../session/types.js';

/** The external-store shape koa-session 7 calls. */
export interface KoaSessionExternalStore {
  /** Reads a session by raw id (hashed before lookup). */
  get(id: string, maxAge: number | 'session' | undefined, options: unknown): Promise<Record<string, unknown> | undefined>;
  /** Writes a session by raw id (hashed before storing). */
  set(id: string, data: Record<string, unknown>, maxAge: number | 'session' | undefined, options: unknown): Promise<void>;
  /** Deletes a session by raw id. */
  destroy(id: string, options: unknown): Promise<void>;
}

/** Options of {@link toKoaSessionStore}. */
export interface KoaStoreOptions {
  /** Clock in ms since epoch. */
  now: () => number;
  /** A session unused this long is dead. */
  idleMs: number;
  /** A session older than this is dead, however active. */
  absoluteMs: number;
}

function timestamp(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

async function call<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw new SessionStoreUnavailableError(error);
  }
}

/**
 * Adapts a {@link SessionStore} to koa-session's external store API, adding what every store
 * needs once: ids are hashed (SHA-256) before they reach the store, ids of the wrong shape are
 * never looked up, idle and absolute timeouts are enforced on read against the injected clock
 * (the expired record is destroyed), `createdAt`/`lastSeenAt` are stamped on write, koa-session's
 * `maxAge: 'session'` gets a finite TTL (the absolute timeout), and store failures become
 * {@link SessionStoreUnavailableError} (503) rather than "no session".
 *
 * @example
 * session({ store: toKoaSessionStore(store, { now: Date.now, idleMs, absoluteMs }) }, app);
 */
export function toKoaSessionStore(store: SessionStore, options: KoaStoreOptions): KoaSessionExternalStore {
  const { now, idleMs, absoluteMs } = options;
  return {
    async get(id) {
      if (!isSessionIdShape(id)) return undefined;
      const key = digestSessionId(id);
      const data = await call(() => store.get(key));
      if (!data) return undefined;
      const t = now();
      const createdAt = timestamp(data.createdAt);
      const lastSeenAt = timestamp(data.lastSeenAt);
      const tooOld = createdAt !== undefined && t - createdAt >= absoluteMs;
      const idle = lastSeenAt !== undefined && t - lastSeenAt >= idleMs;
      if (tooOld || idle) {
        await call(() => store.destroy(key));
        return undefined;
      }
      return data;
    },
    async set(id, data, maxAge) {
      if (!isSessionIdShape(id)) throw new TypeError('refusing to store a session under an id auth-core did not make');
      const t = now();
      const record = { ...data, createdAt: timestamp(data.createdAt) ?? t, lastSeenAt: t };
      const ttlMs = typeof maxAge === 'number' && maxAge > 0 ? maxAge : Math.min(absoluteMs, SESSION_TIMEOUTS.absoluteMs);
      await call(() => store.set(digestSessionId(id), record, ttlMs));
    },
    async destroy(id) {
      if (!isSessionIdShape(id)) return;
      await call(() => store.destroy(digestSessionId(id)));
    },
  };
}
