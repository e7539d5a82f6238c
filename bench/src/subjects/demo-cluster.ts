// Subject: the demo as an operator runs it on several cores: its own server entry
// (apps/demo-koa/dist/server.js, `runServer`) with WEB_CONCURRENCY=<workers>, so this process
// becomes the node:cluster primary (app-shell's cluster-primary.ts) and forks the workers, each
// of which runs this file again and, as a worker, loads the entry. argv: <workers> (2 or more).
// SQLite store (the memory store is refused with several workers), files in a temp folder removed
// when the primary exits; SMTP_URL names a host that does not exist (a cluster requires one; GET
// /dashboard and sign-in send no mail). Before the workers start, the bench user and the flood's
// accounts are created as demo.ts does (demo-setup.ts). Prints `READY <port>` once every worker
// listens. SIGTERM reaches the primary, which stops every worker and exits; a SIGKILLed primary's
// workers exit when their IPC channel closes (node:cluster).
import cluster from 'node:cluster';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateDataKey } from '@acme/auth-core';
import { DEMO_SERVER_URL } from './demo-app.js';
import { benchDemoEnv, openBenchDemo } from './demo-setup.js';

/** A port free on this machine right now (the demo's PORT must be 1 to 65535: 0 is refused). */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

if (cluster.isPrimary) {
  const workers = Number(process.argv[2]);
  if (!Number.isInteger(workers) || workers < 2) throw new Error(`demo-cluster needs a worker count of 2 or more, got "${process.argv[2] ?? ''}"`);
  const dir = mkdtempSync(path.join(tmpdir(), 'acme-bench-cluster-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  // Stopped while setting up (the harness gave up waiting): exit, so the folder goes too. Removed
  // before the entry loads: from then on the primary's own SIGTERM handler stops the workers.
  const stoppedEarly = () => process.exit(143);
  process.once('SIGTERM', stoppedEarly);
  const env = {
    ...benchDemoEnv('sqlite', dir),
    // Every variable the demo reads is set, the unwanted ones empty (empty counts as unset and wins
    // over .env files): the harness's REDIS_URL would otherwise move the throttle counters to Redis.
    NODE_ENV: '',
    REDIS_URL: '',
    REDIS_PREFIX: '',
    MAIL_FROM: '',
    WEB_CONCURRENCY: String(workers),
    SMTP_URL: 'smtp://mail.invalid:587',
    // Set, so no worker writes development keys into the demo's data folder.
    DATA_KEYS: generateDataKey(),
    PORT: String(await freePort()),
  };
  const setup = await openBenchDemo(env);
  await setup.close();
  Object.assign(process.env, env);
  process.off('SIGTERM', stoppedEarly);
  const listening = new Set<number>();
  let announced = false;
  cluster.on('exit', (worker) => listening.delete(worker.id));
  cluster.on('listening', (worker, address) => {
    listening.add(worker.id);
    if (announced || listening.size < workers) return;
    announced = true;
    process.stdout.write(`READY ${address.port}\n`);
  });
}
await import(DEMO_SERVER_URL);
