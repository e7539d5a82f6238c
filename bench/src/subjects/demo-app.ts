import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ScryptParams } from '@acme/auth-core';
import type Koa from 'koa';

/** The session stores the demo offers through SESSION_STORE. */
export type DemoStore = 'sqlite' | 'memory' | 'redis';

/** The demo subjects' SESSION_KEYS (as `openssl rand -base64 32` prints one): the login writer shares them. */
export const BENCH_SESSION_KEYS = '6tEpVxNHWQUXLVczXyU+mdXIkKmgZM1gWmKQjSHaKC8=';

/** The class each SESSION_STORE value must open (the subject checks it did). */
export const STORE_CLASSES: Record<DemoStore, string> = { sqlite: 'SqliteSessionStore', memory: 'MemoryStore', redis: 'RedisSessionStore' };

/** The parts of demo-koa's config the bench reads or sets (the rest comes from its `loadConfig`). */
export interface DemoConfig {
  sessionStore: DemoStore;
  scrypt: ScryptParams;
  securityLogSink?: ((record: object) => void) | undefined;
}

/** The parts of demo-koa's `createApp` result the bench uses. */
export interface DemoHandle {
  app: Koa;
  services: {
    sessions: object & { create(key: string, data: Record<string, unknown>, ttlMs: number): Promise<void> };
    users: { create(username: string, hash: string): Promise<{ id: string }>; recordSignIn(id: string): Promise<void> };
    hasher: { hash(password: string): Promise<string> };
  };
  close(): Promise<void>;
}

interface DemoModules {
  createApp: (config: DemoConfig) => Promise<DemoHandle>;
  loadConfig: (env: Record<string, string>) => DemoConfig;
}

/** apps/demo-koa/dist, built by turbo before `bench` (the demo publishes no exports map). */
const DEMO_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../apps/demo-koa/dist');

/**
 * The built demo's server entry (apps/demo-koa/dist/server.js: `runServer` over the real
 * environment, as an operator starts it), as a URL to import.
 *
 * @example
 * await import(DEMO_SERVER_URL); // with WEB_CONCURRENCY=3 set: this process becomes the cluster's primary
 */
export const DEMO_SERVER_URL = pathToFileURL(path.join(DEMO_DIST, 'server.js')).href;

/**
 * Loads the built demo's `createApp` and `loadConfig` from apps/demo-koa/dist.
 *
 * @example
 * const { createApp, loadConfig } = await loadDemo();
 */
export async function loadDemo(): Promise<DemoModules> {
  const app = (await import(pathToFileURL(path.join(DEMO_DIST, 'app.js')).href)) as Pick<DemoModules, 'createApp'>;
  const config = (await import(pathToFileURL(path.join(DEMO_DIST, 'config.js')).href)) as Pick<DemoModules, 'loadConfig'>;
  return { createApp: app.createApp, loadConfig: config.loadConfig };
}
