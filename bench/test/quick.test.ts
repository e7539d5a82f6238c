import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUDGET_STEPS_US, type BudgetPoint } from '../src/budget.js';
import { CLUSTER_MIN_CORES } from '../src/cluster.js';
import type { BenchResult } from '../src/result.js';

const run = promisify(execFile);
const out = mkdtempSync(path.join(tmpdir(), 'acme-bench-test-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

// The CLI runs subjects from dist/, so test the current source: build it first.
beforeAll(async () => {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  await run(process.execPath, [tsc, '-p', path.resolve(import.meta.dirname, '../tsconfig.build.json')], { timeout: 60_000 });
}, 70_000);

// A real, tiny run of the built CLI (Redis needed: the Redis-store subject must fail, not skip, without it).
// Only the harness is checked here; figures on a loaded CI machine mean nothing.
describe('pnpm bench --quick', () => {
  it('runs every subject, prints the table and writes JSON and SVG', async () => {
    const cli = path.resolve(import.meta.dirname, '../dist/cli.js');
    const { stdout } = await run(process.execPath, [cli, '--quick', '--out', out], { timeout: 170_000 });
    expect(stdout).toContain('| subject | median req/s |');
    const result = JSON.parse(readFileSync(path.join(out, 'latest.json'), 'utf8')) as BenchResult;
    expect(result.quick).toBe(true);
    expect(result.subjects.map((s) => s.id)).toEqual([
      'node-http',
      'koa',
      'floor',
      'stack',
      'demo-sqlite',
      'demo-memory',
      'demo-redis',
      'demo-anonymous',
      'demo-sqlite-nocache',
      'demo-sqlite-writer',
      'express-sqlite',
      'express-redis',
      'fastify-sqlite',
      'fastify-redis',
      'koa-session-sqlite',
      'koa-session-redis',
      // The cluster subject runs only with 4 cores or more; with fewer the result says why it was skipped.
      ...(availableParallelism() >= CLUSTER_MIN_CORES ? ['demo-cluster'] : []),
    ]);
    if (availableParallelism() >= CLUSTER_MIN_CORES) expect(result.cluster).toMatchObject({ id: 'demo-cluster', workers: availableParallelism() - 1 });
    else expect(result.cluster).toEqual({ skipped: `needs ${CLUSTER_MIN_CORES} cores, this machine has ${availableParallelism()}` });
    expect(stdout).toContain('| cluster (WEB_CONCURRENCY) | value |');
    for (const subject of result.subjects) expect(subject.medianRps).toBeGreaterThan(0);
    // The server's CPU per answer, read from /proc around each round (a cluster's workers included).
    for (const subject of result.subjects) expect(subject.medianCpuUs).toBeGreaterThan(0);
    expect(result.targets[0]?.byCpu).toBeGreaterThan(0);
    expect(stdout).toContain('| target | measured | limit | result | same ratio by server CPU |');
    expect(result.login.rawHashRate[0]).toBeGreaterThan(0);
    expect(result.login.loginRate[0]).toBeGreaterThan(0);
    expect(result.login.peakRssMiB).toBeGreaterThan(0);
    expect(result.login.serverLoopDelayP99Ms).toBeGreaterThan(0);
    expect(result.targets).toHaveLength(9);
    expect(result.reference.floorOverKoa).toBeGreaterThan(0);
    expect(result.reference.demoOverFloor).toBeGreaterThan(0);
    expect(result.reference.cacheOverNoCache).toBeGreaterThan(0);
    expect(result.reference.writerOverQuiet).toBeGreaterThan(0);
    expect(result.reference.stackOverKoa).toBeGreaterThan(0);
    expect(result.reference.stackOverFastestPeer).toBeGreaterThan(0);
    expect(result.peers?.map((c) => [c.store, c.ours.id, c.peers.map((p) => p.id)])).toEqual([
      ['sqlite', 'demo-sqlite', ['express-sqlite', 'fastify-sqlite', 'koa-session-sqlite']],
      ['redis', 'demo-redis', ['express-redis', 'fastify-redis', 'koa-session-redis']],
    ]);
    for (const comparison of result.peers ?? []) {
      for (const peer of comparison.peers) expect(peer.oursOver).toBeGreaterThan(0);
      expect(comparison.fastest.oursOver).toBeGreaterThan(0);
    }
    expect(stdout).toContain('| equal-guarantee peer | store | median req/s | ours ÷ peer |');
    expect(result.targets.find((t) => t.name === 'non-expected statuses')?.value).toBe(0);
    expect(readFileSync(path.join(out, 'latest.svg'), 'utf8')).toContain('</svg>');
  }, 180_000);
});

describe('pnpm bench --budget --quick', () => {
  it('runs the bare Koa route with each added busy time and writes the curve', async () => {
    const cli = path.resolve(import.meta.dirname, '../dist/cli.js');
    const { stdout } = await run(process.execPath, [cli, '--budget', '--quick', '--out', out], { timeout: 60_000 });
    expect(stdout).toContain('| CPU added to the bare Koa route (µs per request) |');
    const { points } = JSON.parse(readFileSync(path.join(out, 'budget.json'), 'utf8')) as { points: BudgetPoint[] };
    expect(points.map((p) => p.addedUs)).toEqual([...BUDGET_STEPS_US]);
    for (const point of points) expect(point.medianRps).toBeGreaterThan(0);
    expect(points[0]?.ratioToKoa).toBe(1);
  }, 70_000);
});

describe('pnpm bench --rounds', () => {
  it('refuses a round count that is not a whole number from 1 to 20, before starting anything', async () => {
    const cli = path.resolve(import.meta.dirname, '../dist/cli.js');
    for (const bad of ['0', '21', '2.5', 'many']) {
      const failure = await run(process.execPath, [cli, '--rounds', bad, '--out', out], { timeout: 10_000 }).then(
        () => undefined,
        (error: unknown) => error as { code: number; stderr: string },
      );
      expect(failure?.code).toBe(2);
      expect(failure?.stderr).toContain(`--rounds takes a whole number from 1 to 20, got "${bad}"`);
    }
  });

  it('refuses a mistyped flag with the usage, instead of running the defaults over bench/results', async () => {
    const cli = path.resolve(import.meta.dirname, '../dist/cli.js');
    const failure = await run(process.execPath, [cli, '--round', '5', '--out', out], { timeout: 10_000 }).then(
      () => undefined,
      (error: unknown) => error as { code: number; stderr: string },
    );
    expect(failure?.code).toBe(2);
    expect(failure?.stderr).toContain("Unknown option '--round'");
    expect(failure?.stderr).toContain('usage: pnpm bench [--quick] [--budget] [--out DIR] [--rounds N] [--cluster-cores N]');
  });
});

describe('pnpm --filter @acme/bench in-process', () => {
  const cli = path.resolve(import.meta.dirname, '../dist/in-process-cli.js');

  it('prints what a GET /dashboard costs the demo in process, with the status it answered', async () => {
    const { stdout: anonymous } = await run(process.execPath, [cli, 'demo-anonymous', '--requests', '200', '--rounds', '1'], { timeout: 60_000 });
    expect(anonymous).toMatch(/^demo-anonymous: status 302, \d+\.\d µs per request/);
    const { stdout: signedIn } = await run(process.execPath, [cli, 'demo-sqlite', '--requests', '200', '--rounds', '1'], { timeout: 60_000 });
    expect(signedIn).toMatch(/^demo-sqlite: status 200, \d+\.\d µs per request/);
  }, 130_000);

  it('refuses an unknown subject or count with its usage and exit 2', async () => {
    for (const bad of [['demo-nope'], ['demo-sqlite', '--requests', '0'], ['demo-sqlite', '--request', '10']]) {
      const failure = await run(process.execPath, [cli, ...bad], { timeout: 10_000 }).then(
        () => undefined,
        (error: unknown) => error as { code: number; stderr: string },
      );
      expect(failure?.code).toBe(2);
      expect(failure?.stderr).toContain('usage: in-process [demo-sqlite|demo-memory|demo-redis|demo-anonymous]');
    }
  });
});

describe('pnpm bench --quick without Redis', () => {
  it('fails (no skipping) with a clear message and a non-zero exit', async () => {
    const cli = path.resolve(import.meta.dirname, '../dist/cli.js');
    const failed = run(process.execPath, [cli, '--quick', '--out', out], { timeout: 170_000, env: { ...process.env, REDIS_URL: 'redis://127.0.0.1:1' } });
    await expect(failed).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('bench failed') as unknown });
  }, 180_000);
});
