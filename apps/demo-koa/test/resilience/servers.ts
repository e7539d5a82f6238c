import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A free TCP port on 127.0.0.1 (asked of the OS, then released).
 *
 * @example
 * const port = await sparePort();
 */
export async function sparePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Waits until `probe` resolves, retrying every 100 ms; rejects with `what` after `timeoutMs`.
 *
 * @example
 * await waitFor('the app', async () => (await fetch(url)).ok || Promise.reject(new Error('not yet')));
 */
export async function waitFor(what: string, probe: () => Promise<unknown>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await probe();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`, { cause: error });
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

function postgresBin(name: string): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions) {
    const file = path.join(root, version, 'bin', name);
    if (existsSync(file)) return file;
  }
  throw new Error(`PostgreSQL's ${name} was not found under ${root}/*/bin (install the postgresql server package)`);
}

/**
 * A private PostgreSQL cluster on a spare port that a test may stop and start at will.
 *
 * @example
 * const pg = await startPrivatePostgres();
 * await pg.stop(); // the fault
 * await pg.start(); // the recovery
 */
export interface PrivatePostgres {
  /** `postgres://postgres@127.0.0.1:<port>/postgres` */
  url: string;
  port: number;
  start(): Promise<void>;
  /** Stops the server at once (`-m immediate`: like a crash, no clean shutdown). */
  stop(): Promise<void>;
  /** Stops it and deletes its files. */
  destroy(): Promise<void>;
}

/**
 * Creates and starts a throwaway PostgreSQL cluster (initdb, trust auth, fsync off) in a temp
 * folder. PostgreSQL refuses to run as root, so under root it runs as the `postgres` user.
 *
 * @example
 * const pg = await startPrivatePostgres();
 * const demo = await testApp({ databaseUrl: pg.url });
 */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const dir = mkdtempSync(path.join(tmpdir(), 'demo-pg-'));
  const data = path.join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const pg = (bin: string, args: string[]) => (asRoot ? run('runuser', ['-u', 'postgres', '--', postgresBin(bin), ...args]) : run(postgresBin(bin), args));
  await pg('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-N']);
  const port = await sparePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`;
  const start = async () => {
    await pg('pg_ctl', ['-D', data, '-o', options, '-l', path.join(dir, 'log'), '-w', '-t', '30', 'start']);
  };
  const stop = async () => {
    await pg('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
  };
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    start,
    stop,
    async destroy() {
      await stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A private redis-server on a spare port, without persistence.
 *
 * @example
 * const redis = await startPrivateRedis();
 * await redis.stop();
 */
export interface PrivateRedis {
  url: string;
  /** Kills the server and waits for it to exit. */
  stop(): Promise<void>;
}

/**
 * Starts `redis-server` on a spare port (no RDB/AOF files) and waits until it accepts connections.
 *
 * @example
 * const redis = await startPrivateRedis();
 * const demo = await testApp({ redisUrl: redis.url });
 */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await sparePort();
  const child: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const failed = new Promise<never>((_, reject) => child.once('error', (e) => reject(new Error('redis-server could not be started (is it installed?)', { cause: e }))));
  const { Redis } = await import('ioredis');
  await Promise.race([
    failed,
    waitFor('redis-server', async () => {
      const probe = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      probe.on('error', () => undefined);
      try {
        await probe.connect();
        await probe.ping();
      } finally {
        probe.disconnect();
      }
    }),
  ]);
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    },
  };
}
