import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { THROTTLE_LIMITS } from '../../src/index.js';

const run = promisify(execFile);

describe('throttle counters in a node:cluster (no Redis)', () => {
  it('hold one limit across workers counting at once, and the in-memory counters are refused in a worker', async () => {
    const script = path.join(import.meta.dirname, 'cluster-counters.ts');
    // 3 workers × 20 parallel registrations from one IP: 60 attempts, one limit of 20 per hour.
    const { stdout } = await run(process.execPath, ['--import', 'tsx', script, '3', '20'], { cwd: path.resolve(import.meta.dirname, '../..'), timeout: 60_000 });
    const result = JSON.parse(/^RESULT (.+)$/m.exec(stdout)?.[1] ?? 'null') as { allowed: number[]; refusal: string };
    expect(result.allowed).toHaveLength(3);
    expect(result.allowed.reduce((a, b) => a + b, 0)).toBe(THROTTLE_LIMITS.registrationsPerHour);
    expect(result.refusal).toMatch(/Refusing in-memory throttle counters \(register_ip\) in a cluster worker/);
  }, 70_000);
});
