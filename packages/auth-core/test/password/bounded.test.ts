import { monitorEventLoopDelay } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { createHashQueue, createPasswordHasher, HasherBusyError, testOnlyScryptParams } from '../../src/index.js';

describe('bounded hashing', () => {
  it('SEC-HASH-06 runs 50 concurrent logN-15 verifications off the event loop, never above the cap', async () => {
    const hasher = createPasswordHasher({ params: testOnlyScryptParams({ logN: 15 }), maxConcurrent: 2, maxQueue: 100 });
    const stored = await hasher.hash('correct horse battery staple');
    const histogram = monitorEventLoopDelay({ resolution: 5 });
    let maxSeen = 0;
    const probe = setInterval(() => {
      maxSeen = Math.max(maxSeen, hasher.inFlight());
    }, 1);
    histogram.enable();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => hasher.verify(stored, i % 2 === 0 ? 'correct horse battery staple' : 'wrong')),
    );
    histogram.disable();
    clearInterval(probe);
    expect(results.filter((r) => r.ok)).toHaveLength(25);
    expect(hasher.peakInFlight()).toBe(2);
    expect(maxSeen).toBeLessThanOrEqual(2);
    expect(histogram.percentile(99) / 1e6).toBeLessThan(50);
  });

  it('SEC-HASH-06 rejects past the queue limit with a typed busy error (503 + Retry-After)', async () => {
    const hasher = createPasswordHasher({ params: testOnlyScryptParams({ logN: 12 }), maxConcurrent: 1, maxQueue: 3 });
    await hasher.dummyHash(); // made at creation; it holds the one slot until done
    const settled = await Promise.allSettled(Array.from({ length: 10 }, () => hasher.hash('correct horse battery staple')));
    const rejected = settled.filter((s) => s.status === 'rejected');
    expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(4);
    expect(rejected).toHaveLength(6);
    for (const r of rejected) {
      const reason: unknown = r.reason;
      expect(reason).toBeInstanceOf(HasherBusyError);
      expect(reason).toMatchObject({ status: 503, expose: true, retryAfterSeconds: 1 });
    }
    expect(hasher.inFlight()).toBe(0);
    expect(hasher.queued()).toBe(0);
  });

  it('frees its slot when a task fails, and validates its options', async () => {
    const queue = createHashQueue({ maxConcurrent: 1, maxQueue: 0 });
    await expect(queue.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(queue.run(() => Promise.resolve(7))).resolves.toBe(7);
    expect(() => createHashQueue({ maxConcurrent: 0, maxQueue: 1 })).toThrow(RangeError);
    expect(() => createHashQueue({ maxConcurrent: 1, maxQueue: -1 })).toThrow(RangeError);
  });
});
