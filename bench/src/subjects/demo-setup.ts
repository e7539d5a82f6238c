import path from 'node:path';
import { BENCH_ORIGIN, BENCH_PASSWORD, BENCH_USER, FLOOD_USERS, floodUser } from '../constants.js';
import { BENCH_SESSION_KEYS, loadDemo, STORE_CLASSES, type DemoHandle, type DemoStore } from './demo-app.js';

/** The environment {@link benchDemoEnv} builds: its SESSION_STORE is one the bench knows. */
export type BenchDemoEnv = Record<string, string> & { SESSION_STORE: DemoStore };

/**
 * The environment the demo subjects give the demo, as an operator sets it: the bench origin and
 * session keys, SESSION_STORE `store` (Redis at `redisUrl`, under a key prefix of this process),
 * one trusted proxy (the login flood comes from many addresses, X-Forwarded-For), AUTH_CACHE on
 * unless `cache` is `off`, and the SQLite files in `dir`.
 *
 * @example
 * benchDemoEnv('sqlite', dir); // { APP_ORIGIN: 'http://localhost:3000', …, DATABASE_URL: '<dir>/demo.db' }
 */
export function benchDemoEnv(store: DemoStore, dir: string, options: { cache?: 'on' | 'off'; redisUrl?: string } = {}): BenchDemoEnv {
  return {
    APP_ORIGIN: BENCH_ORIGIN,
    SESSION_KEYS: BENCH_SESSION_KEYS,
    SESSION_STORE: store,
    TRUST_PROXY: '1',
    AUTH_CACHE: options.cache ?? 'on',
    DATABASE_URL: path.join(dir, 'demo.db'),
    ...(store === 'redis' ? { REDIS_URL: options.redisUrl ?? 'redis://127.0.0.1:6379', REDIS_PREFIX: `acme-bench:${process.pid}:` } : {}),
  };
}

/**
 * Builds the demo (its own `loadConfig` and `createApp`) from `env` with the security log
 * silenced, refuses to go on if it opened another store than SESSION_STORE names (a silently
 * different store would be measured under the wrong name), and creates the user `bench` and the
 * flood's accounts directly (password BENCH_PASSWORD, one scrypt hash for all), so no
 * registration throttle applies.
 *
 * @example
 * const demo = await openBenchDemo(benchDemoEnv('sqlite', dir));
 */
export async function openBenchDemo(env: BenchDemoEnv): Promise<DemoHandle> {
  const { createApp, loadConfig } = await loadDemo();
  const config = loadConfig(env);
  config.securityLogSink = () => undefined;
  const demo = await createApp(config);
  const opened = demo.services.sessions.constructor.name;
  if (opened !== STORE_CLASSES[env.SESSION_STORE]) {
    await demo.close();
    throw new Error(`SESSION_STORE=${env.SESSION_STORE} opened a ${opened}, not a ${STORE_CLASSES[env.SESSION_STORE]}`);
  }
  const benchHash = await demo.services.hasher.hash(BENCH_PASSWORD);
  await demo.services.users.create(BENCH_USER, benchHash);
  for (let i = 0; i < FLOOD_USERS; i += 1) await demo.services.users.create(floodUser(i).username, benchHash);
  return demo;
}
