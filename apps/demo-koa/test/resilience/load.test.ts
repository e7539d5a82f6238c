import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../demo.js';
import { openRegisterForm, submitRegisterForm } from './child-server.js';
import { sparePort } from './servers.js';

type Demo = Awaited<ReturnType<typeof testApp>>;

/**
 * Registers with a real client's patience: a 503 (the hasher's bounded queue is full) resubmits
 * the same form with exponential backoff and full jitter, from a new address each time
 * (registration is throttled per IP, 20/h).
 * Returns the final status, never 503.
 */
async function registerPatiently(origin: string, username: string, ip: (attempt: number) => string): Promise<number> {
  const form = await openRegisterForm(origin, ip(0));
  for (let attempt = 0; ; attempt++) {
    const status = await submitRegisterForm(form, username, ip(attempt));
    if (status !== 503 || attempt > 200) return status;
    await new Promise((r) => setTimeout(r, Math.random() * Math.min(2000, 50 * 2 ** attempt)));
  }
}

/**
 * Load on one instance over real sockets: the app behind one trusted proxy (TRUST_PROXY=1), each
 * client with its own X-Forwarded-For, and test-only scrypt params so hashing is not the test.
 */
describe('registration under load', () => {
  let demo: Demo;
  let server: Server;
  let origin: string;

  beforeAll(async () => {
    const port = await sparePort();
    origin = `http://localhost:${port}`;
    demo = await testApp({ trustProxy: 1, appOrigin: origin });
    // A listen backlog larger than the burst: 1,000 simultaneous connects overflow Node's default (511).
    server = demo.app.listen({ port, backlog: 2048 });
    await new Promise((r) => server.once('listening', r));
  });

  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await demo.close();
  });

  it('makes exactly 1,000 users from 1,000 concurrent registrations with distinct names', async () => {
    const statuses = await Promise.all(
      Array.from({ length: 1000 }, (_, i) => registerPatiently(origin, `load${i}`, (attempt) => `10.${attempt}.${i >> 8}.${i & 255}`)),
    );
    expect(statuses.filter((s) => s !== 302)).toEqual([]);
    expect(await demo.services.users.count()).toBe(1000);
  }, 120_000);

  it('makes exactly one user from 200 racing registrations of one name', async () => {
    const before = await demo.services.users.count();
    const statuses = await Promise.all(
      Array.from({ length: 200 }, (_, i) => registerPatiently(origin, 'contested', (attempt) => `10.${100 + attempt}.${i >> 8}.${i & 255}`)),
    );
    expect(statuses.filter((s) => s === 302)).toHaveLength(1);
    expect(statuses.filter((s) => s === 400)).toHaveLength(199);
    expect(await demo.services.users.count()).toBe(before + 1);
    expect((await demo.services.users.findByUsername('contested'))?.username).toBe('contested');
  }, 120_000);
});
