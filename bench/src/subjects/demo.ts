// Subject: the demo app itself, built by its own createApp. argv: <sqlite|memory|redis> [<redis url>]
// [--dir <folder>] [--cache off]. The store is chosen the way an operator chooses it, through
// SESSION_STORE (and REDIS_URL), and the subject refuses to start if the demo opened any other
// store: a silently different store would be measured under the wrong name. `--dir` puts the
// SQLite files in a folder the harness owns (shared with login-writer.ts); `--cache off` sets
// AUTH_CACHE=off.
// Creates the user `bench` and the flood's accounts (password BENCH_PASSWORD) directly, so no
// registration throttle applies (demo-setup.ts, shared with demo-cluster.ts).
import http from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DemoStore } from './demo-app.js';
import { benchDemoEnv, openBenchDemo } from './demo-setup.js';
import { announce, koaHandler } from './serve.js';

const [arg, ...rest] = process.argv.slice(2);
const option = (name: string) => {
  const at = rest.indexOf(name);
  return at >= 0 ? rest[at + 1] : undefined;
};
const store: DemoStore = arg === 'redis' || arg === 'memory' ? arg : 'sqlite';
const sharedDir = option('--dir');
const dir = sharedDir ?? mkdtempSync(path.join(tmpdir(), 'acme-bench-'));
const demo = await openBenchDemo(benchDemoEnv(store, dir, { cache: option('--cache') === 'off' ? 'off' : 'on', ...(store === 'redis' ? { redisUrl: rest[0] ?? 'redis://127.0.0.1:6379' } : {}) }));
// The server's own event-loop delay (1 ms resolution): on SIGUSR2 it prints `LOOP <p99 ms> <max ms>`
// for the time since the last SIGUSR2 and starts over. The harness reads it around the login
// storm, beside the /healthz probe, whose latency also holds the client's and the machine's delays.
const loopDelay = monitorEventLoopDelay({ resolution: 1 });
loopDelay.enable();
process.on('SIGUSR2', () => {
  process.stdout.write(`LOOP ${loopDelay.percentile(99) / 1e6} ${loopDelay.max / 1e6}\n`);
  loopDelay.reset();
});
announce(http.createServer(koaHandler(demo.app)), async () => {
  await demo.close();
  if (!sharedDir) rmSync(dir, { recursive: true, force: true });
});
