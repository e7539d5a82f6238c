// Subject: the demo app itself, built by its own createApp. argv: <sqlite|redis> <redis url>.
// Creates the user `bench` (password BENCH_PASSWORD) directly, so no registration throttle applies.
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BENCH_ORIGIN, BENCH_PASSWORD, BENCH_USER } from '../constants.js';
import { loadDemo } from './demo-app.js';
import { announce, koaHandler } from './serve.js';

const store = process.argv[2] === 'redis' ? 'redis' : 'sqlite';
const dir = mkdtempSync(path.join(tmpdir(), 'acme-bench-'));
const { createApp, loadConfig } = await loadDemo();
const config = {
  ...loadConfig({ APP_ORIGIN: BENCH_ORIGIN, SESSION_KEYS: 'bench-only-key-'.padEnd(48, 'x') }),
  databaseUrl: path.join(dir, 'demo.db'),
  redisUrl: store === 'redis' ? (process.argv[3] ?? 'redis://127.0.0.1:6379') : undefined,
  redisPrefix: `acme-bench:${process.pid}:`,
  securityLogSink: () => undefined,
};
const demo = await createApp(config);
await demo.services.users.create(BENCH_USER, await demo.services.hasher.hash(BENCH_PASSWORD));
announce(http.createServer(koaHandler(demo.app)), async () => {
  await demo.close();
  rmSync(dir, { recursive: true, force: true });
});
