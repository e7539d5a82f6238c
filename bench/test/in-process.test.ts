import Koa from 'koa';
import { describe, expect, it } from 'vitest';
import { inProcessCost } from '../src/in-process.js';

/**
 * A Koa app whose route spins until this process has used `busyUs` µs more CPU: CPU time, not
 * wall time, so a machine that takes the core away meanwhile does not shorten the work.
 */
function busyApp(busyUs: number, spent = { us: 0, requests: 0 }): Koa {
  const app = new Koa();
  app.use((ctx) => {
    const start = process.cpuUsage();
    let used = process.cpuUsage(start);
    while (used.user + used.system < busyUs) used = process.cpuUsage(start);
    // The spin stops on the clock's first step past busyUs: record what it took.
    spent.us += used.user + used.system;
    spent.requests += 1;
    ctx.set('x-seen', ctx.get('x-probe'));
    ctx.body = ctx.path;
  });
  return app;
}

describe('inProcessCost', () => {
  it('drives the app with the path and headers given, and reports the status it answered', async () => {
    const app = new Koa();
    let seen: { path: string; probe: string } | undefined;
    app.use((ctx) => {
      seen = { path: ctx.path, probe: ctx.get('x-probe') };
      ctx.status = 302;
    });
    const cost = await inProcessCost(app.callback(), { path: '/somewhere', headers: { 'x-probe': 'yes' }, requests: 20, rounds: 2 });
    expect(seen).toEqual({ path: '/somewhere', probe: 'yes' });
    expect(cost.status).toBe(302);
    expect(cost.roundsUs).toHaveLength(2);
  });

  it('measures the CPU the app spends: 200 µs of work more shows as about 200 µs more', async () => {
    const options = { requests: 300, rounds: 3 };
    const bare = await inProcessCost(busyApp(0).callback(), options);
    const spent = { us: 0, requests: 0 };
    const busy = await inProcessCost(busyApp(200, spent).callback(), options);
    expect(bare.minUs).toBeGreaterThan(0);
    // Each busy answer spends at least 200 µs more than a bare one; no more than its spin took
    // (as the spin itself reads it, with the clock's coarse steps: a generous bound) and half again.
    const spin = spent.us / spent.requests;
    expect(spin).toBeGreaterThanOrEqual(200);
    expect(busy.medianUs - bare.medianUs).toBeGreaterThan(150);
    expect(busy.medianUs - bare.medianUs).toBeLessThan(spin * 1.5);
  });
});
