// Run by cluster-counters.test.ts: `node --import tsx cluster-counters.ts <workers> <attempts per worker>`.
// The primary shares the counters and forks the workers; each worker makes the registration
// throttle with { cluster: true }, takes its attempts at once, and reports how many were allowed.
// A last worker tries the in-memory counters and reports the refusal. The primary prints `RESULT <json>`.
import cluster from 'node:cluster';
import { createRegistrationThrottle, shareCountersWithWorkers } from '../../src/index.js';

const workers = Number(process.argv[2] ?? 2);
const attempts = Number(process.argv[3] ?? 20);

if (cluster.isPrimary) {
  shareCountersWithWorkers();
  const allowed: number[] = [];
  let refusal = '';
  const start = (env: Record<string, string>) =>
    new Promise<void>((resolve) => {
      const worker = cluster.fork(env);
      worker.on('message', (msg: { allowed?: number; refusal?: string }) => {
        if (typeof msg.allowed === 'number') allowed.push(msg.allowed);
        if (typeof msg.refusal === 'string') refusal = msg.refusal;
      });
      worker.on('exit', () => resolve());
    });
  // The workers run side by side; whatever the interleaving of their counts, the sum must be the one limit.
  await Promise.all(Array.from({ length: workers }, () => start({ ROLE: 'count' })));
  await start({ ROLE: 'memory' });
  process.stdout.write(`RESULT ${JSON.stringify({ allowed, refusal })}\n`);
} else if (process.env.ROLE === 'memory') {
  try {
    createRegistrationThrottle({ prefix: 'cluster-test' });
    process.send?.({ refusal: 'none' });
  } catch (error) {
    process.send?.({ refusal: error instanceof Error ? error.message : String(error) });
  }
  process.disconnect();
} else {
  const throttle = createRegistrationThrottle({ prefix: 'cluster-test', cluster: true });
  const decisions = await Promise.all(Array.from({ length: attempts }, () => throttle.attempt('203.0.113.9')));
  process.send?.({ allowed: decisions.filter((d) => d.allowed).length });
  process.disconnect();
}
