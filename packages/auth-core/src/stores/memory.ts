import { SessionExistsError } from '../session/errors.js';
import type { SessionStore, SessionSummary } from '../session/types.js';
import { parseRecord, summarize, userIdOf } from '../session/record.js';

/** Options of {@link MemoryStore}. */
export interface MemoryStoreOptions {
  /** Most sessions kept; the oldest is evicted past it. Default 10,000. */
  maxEntries?: number;
  /** Clock in ms since epoch; inject a fake one in tests. Default `Date.now`. */
  now?: () => number;
  /** How often expired entries are swept, in ms (0 disables the timer). Default 60,000. */
  sweepIntervalMs?: number;
}

interface Entry {
  json: string;
  userId: string | undefined;
  expiresAt: number;
}

/**
 * A bounded in-process session store for tests and development. It forgets everything on
 * restart and is not shared between instances, so production refuses it.
 *
 * @example
 * const store = new MemoryStore({ maxEntries: 1000 });
 * app.use(createSession(app, { store, keys }));
 */
export class MemoryStore implements SessionStore {
  readonly #entries = new Map<string, Entry>();
  readonly #byUser = new Map<string, Set<string>>();
  readonly #maxEntries: number;
  readonly #now: () => number;
  readonly #timer: NodeJS.Timeout | undefined;

  /** Creates an empty store. */
  constructor(options: MemoryStoreOptions = {}) {
    this.#maxEntries = options.maxEntries ?? 10_000;
    this.#now = options.now ?? Date.now;
    const interval = options.sweepIntervalMs ?? 60_000;
    this.#timer = interval > 0 ? setInterval(() => this.sweep(), interval).unref() : undefined;
  }

  /** Returns the session data, or `undefined` if it is missing or expired. */
  get(key: string): Promise<Record<string, unknown> | undefined> {
    const entry = this.#live(key);
    return Promise.resolve(entry ? parseRecord(entry.json) : undefined);
  }

  /** Inserts a new session; rejects with {@link SessionExistsError} when `key` holds a live one. */
  create(key: string, data: Record<string, unknown>, ttlMs: number): Promise<void> {
    if (this.#live(key)) return Promise.reject(new SessionExistsError());
    this.#write(key, data, ttlMs);
    return Promise.resolve();
  }

  /** Replaces a live session's data and TTL; `false`, and nothing written, when it is gone. */
  update(key: string, data: Record<string, unknown>, ttlMs: number): Promise<boolean> {
    if (!this.#live(key)) return Promise.resolve(false);
    this.#write(key, data, ttlMs);
    return Promise.resolve(true);
  }

  /** Deletes the session; deleting a missing session is not an error. */
  destroy(key: string): Promise<void> {
    this.#delete(key);
    return Promise.resolve();
  }

  /** Lists the live sessions of `userId`. */
  listByUser(userId: string): Promise<SessionSummary[]> {
    const list: SessionSummary[] = [];
    for (const key of this.#byUser.get(userId) ?? []) {
      const entry = this.#live(key);
      const data = entry ? parseRecord(entry.json) : undefined;
      if (entry && data) list.push(summarize(key, data, entry.expiresAt));
    }
    return Promise.resolve(list);
  }

  /** Deletes one session of `userId`; returns whether it existed and was theirs. */
  destroyByDigest(userId: string, key: string): Promise<boolean> {
    const owned = this.#live(key)?.userId === userId;
    if (owned) this.#delete(key);
    return Promise.resolve(owned);
  }

  /** Deletes every session of `userId`; returns how many were deleted. */
  destroyByUser(userId: string): Promise<number> {
    let count = 0;
    for (const key of [...(this.#byUser.get(userId) ?? [])]) {
      if (this.#live(key)) count += 1;
      this.#delete(key);
    }
    return Promise.resolve(count);
  }

  /** Always answers: memory does not go away. */
  ping(): Promise<void> {
    return Promise.resolve();
  }

  /** Stops the sweep timer and forgets everything. */
  close(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#entries.clear();
    this.#byUser.clear();
    return Promise.resolve();
  }

  /** Removes expired entries now (also runs on a timer). */
  sweep(): void {
    const now = this.#now();
    for (const [key, entry] of this.#entries) if (entry.expiresAt <= now) this.#delete(key);
  }

  /** Every stored key and its JSON, as held at rest (for tests and debugging). */
  snapshot(): [key: string, json: string][] {
    return [...this.#entries].map(([key, entry]) => [key, entry.json]);
  }

  /** How many entries are held, expired ones included until swept. */
  get size(): number {
    return this.#entries.size;
  }

  /** Writes synchronously, so the check in create/update and the write cannot interleave with another call. */
  #write(key: string, data: Record<string, unknown>, ttlMs: number): void {
    this.#delete(key);
    const userId = userIdOf(data);
    this.#entries.set(key, { json: JSON.stringify(data), userId, expiresAt: this.#now() + ttlMs });
    if (userId !== undefined) {
      let keys = this.#byUser.get(userId);
      if (!keys) this.#byUser.set(userId, (keys = new Set()));
      keys.add(key);
    }
    while (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#delete(oldest);
    }
  }

  #live(key: string): Entry | undefined {
    const entry = this.#entries.get(key);
    if (entry && entry.expiresAt <= this.#now()) {
      this.#delete(key);
      return undefined;
    }
    return entry;
  }

  #delete(key: string): void {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#entries.delete(key);
    if (entry.userId !== undefined) {
      const keys = this.#byUser.get(entry.userId);
      keys?.delete(key);
      if (keys?.size === 0) this.#byUser.delete(entry.userId);
    }
  }
}
