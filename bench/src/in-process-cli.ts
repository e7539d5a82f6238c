// pnpm --filter @acme/bench in-process [demo-sqlite|demo-memory|demo-redis|demo-anonymous]
// [--requests N] [--rounds R]: what one GET /dashboard costs the demo's own code (CPU µs per
// request, in this process, without sockets; see in-process.ts). Signed-in subjects sign in
// through the real POST /login first. Pin it for steadier figures: `taskset -c 0 node dist/in-process-cli.js`.
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { benchRedisUrl, parseInProcessArgs, UsageError, type InProcessArgs } from './cli-args.js';
import { inProcessCost } from './in-process.js';
import { signIn } from './login.js';
import type { DemoStore } from './subjects/demo-app.js';
import { benchDemoEnv, openBenchDemo } from './subjects/demo-setup.js';
import { koaHandler } from './subjects/serve.js';

const SUBJECTS: Record<string, { store: DemoStore; signedIn: boolean }> = {
  'demo-sqlite': { store: 'sqlite', signedIn: true },
  'demo-memory': { store: 'memory', signedIn: true },
  'demo-redis': { store: 'redis', signedIn: true },
  'demo-anonymous': { store: 'sqlite', signedIn: false },
};

const usage = `usage: in-process [${Object.keys(SUBJECTS).join('|')}] [--requests N] [--rounds R] (whole numbers above 0)`;
let args: InProcessArgs;
try {
  args = parseInProcessArgs(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  process.stderr.write(`in-process: ${error.message}\n${usage}\n`);
  process.exit(2);
}
const { requests, rounds } = args;
const name = args.subject ?? 'demo-sqlite';
const subject = SUBJECTS[name];
if (!subject) {
  process.stderr.write(`in-process: no subject ${JSON.stringify(name)}\n${usage}\n`);
  process.exit(2);
}

const dir = mkdtempSync(path.join(tmpdir(), 'acme-in-process-'));
const demo = await openBenchDemo(benchDemoEnv(subject.store, dir, { redisUrl: benchRedisUrl() }));
try {
  let cookie: string | undefined;
  if (subject.signedIn) {
    // Sign in as a visitor would, through a real server, then drive the app without it.
    const server = http.createServer(koaHandler(demo.app));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    cookie = await signIn(typeof address === 'object' && address ? address.port : 0);
    await new Promise((resolve) => server.close(resolve));
  }
  const cost = await inProcessCost(demo.app.callback(), { requests, rounds, ...(cookie ? { headers: { cookie } } : {}) });
  process.stdout.write(`${name}: status ${cost.status}, ${cost.minUs.toFixed(1)} µs per request (lowest round), median ${cost.medianUs.toFixed(1)}; rounds ${cost.roundsUs.map((us) => us.toFixed(1)).join(' / ')}\n`);
} finally {
  await demo.close();
  rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
