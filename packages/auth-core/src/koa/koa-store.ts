import { SESSION_TIMEOUTS } from '../config/defaults.js';
import { SessionExistsError, SessionStoreUnavailableError } from '../session/errors.js';
import { digestSessionId, generateSessionId, isSessionIdShape } from '../session/ids.js';
import type { SessionStore } from '../session/types.js';

/** The external-store shape koa-session 7 calls. */
export interface KoaSessionExternalStore {
  /** Reads a session by raw id (hashed before lookup). */
  get(id: string, maxAge: number | 'session' | undefined, options: unknown): Promise<Record<string, unknown> | undefined>;
  /**
   * Writes a session by raw id (hashed before storing): `create` for an id {@link genid} made on
   * this request (`options.ctx`), `update` for any other, so an ended session is never written back.
   */
  set(id: string, data: Record<string, unknown>, maxAge: number | 'session' | undefined, options: unknown): Promise<void>;
  /** Deletes a session by raw id. */
  destroy(id: string, options: unknown): Promise<void>;
  /** Makes a new id and remembers it as new for this request: give it to koa-session as `genid`. */
  genid(ctx: object): string;
}

/** Options of {@link toKoaSessionStore}. */
export interface KoaStoreOptions {
  /** Clock in ms since epoch. */
  now: () => number;
  /** A session unused this long is dead. */
  idleMs: number;
  /** A session older than this is dead, however active. */
  absoluteMs: number;
  /** Called when a request's write found its session already ended (nothing was written). */
  onEnded?: ((ctx: object) => void) | undefined;
}

function timestamp(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

async function call<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (error instanceof SessionExistsError) throw error;
    throw new SessionStoreUnavailableError(error);
  }
}

/** koa-session passes `{ ctx, … }` as the last argument of `set`. */
function contextOf(options: unknown): object | undefined {
  const ctx: unknown = typeof options === 'object' && options !== null && 'ctx' in options ? options.ctx : undefined;
  return typeof ctx === 'object' && ctx !== null ? ctx : undefined;
}

/**
 * Adapts a {@link SessionStore} to koa-session's external store API, adding what every store
 * needs once: ids are hashed (SHA-256) before they reach the store, ids of the wrong shape are
 * never looked up, idle and absolute timeouts are enforced on read against the injected clock
 * (the expired record is destroyed), `createdAt`/`lastSeenAt` are stamped on write, koa-session's
 * `maxAge: 'session'` gets a finite TTL (the absolute timeout), and store failures become
 * {@link SessionStoreUnavailableError} (503) rather than "no session".
 *
 * koa-session has one `set` for new and existing sessions, and calls it at the end of every
 * request that changed its session, even when the session was destroyed meanwhile (logout or
 * revoke from another request). So the adapter tells them apart: ids made by its `genid` on this
 * request are `create`d (sign-in, regenerate), every other write is an `update`, which writes
 * nothing when the record is gone. Give koa-session the adapter's `genid`.
 *
 * @example
 * const store = toKoaSessionStore(sessions, { now: Date.now, idleMs, absoluteMs });
 * session({ store, genid: (ctx) => store.genid(ctx) }, app);
 */
export function toKoaSessionStore(store: SessionStore, options: KoaStoreOptions): KoaSessionExternalStore {
  const { now, idleMs, absoluteMs, onEnded } = options;
  // Per request (the WeakMap lets each ctx go with its request): ids made here and not yet created.
  const fresh = new WeakMap<object, Set<string>>();
  return {
    genid(ctx) {
      const id = generateSessionId();
      const ids = fresh.get(ctx) ?? new Set<string>();
      fresh.set(ctx, ids.add(id));
      return id;
    },
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
    async set(id, data, maxAge, setOptions) {
      if (!isSessionIdShape(id)) throw new TypeError('refusing to store a session under an id auth-core did not make');
      const t = now();
      const record = { ...data, createdAt: timestamp(data.createdAt) ?? t, lastSeenAt: t };
      const ttlMs = typeof maxAge === 'number' && maxAge > 0 ? maxAge : Math.min(absoluteMs, SESSION_TIMEOUTS.absoluteMs);
      const key = digestSessionId(id);
      const ctx = contextOf(setOptions);
      // The first write of a new id creates it; later writes on the same request (koa-session
      // saves again at the end after a regenerate) update it like any other.
      if (ctx && fresh.get(ctx)?.delete(id)) {
        await call(() => store.create(key, record, ttlMs));
        return;
      }
      const written = await call(() => store.update(key, record, ttlMs));
      if (!written && ctx) onEnded?.(ctx);
    },
    async destroy(id) {
      if (!isSessionIdShape(id)) return;
      await call(() => store.destroy(digestSessionId(id)));
    },
  };
}
