import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { processTreeCpuMs } from '../src/processes.js';

// /proc is Linux's: the bench reads server CPU from it (and reports n/a elsewhere).
describe.runIf(existsSync('/proc/self/stat'))('processTreeCpuMs', () => {
  it('counts the CPU time of a process and of the processes under it', async () => {
    // A parent that forks a child spinning the CPU for 300 ms, then waits for it to exit.
    const spin = 'const end = Date.now() + 300; while (Date.now() < end);';
    const parentScript = `const c = require('node:child_process').spawn(process.execPath, ['-e', ${JSON.stringify(spin)}], { stdio: 'inherit' }); process.stdout.write('FORKED\\n'); c.on('exit', () => setTimeout(() => {}, 2000));`;
    const parent = spawn(process.execPath, ['-e', parentScript], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((resolve) => parent.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('FORKED') && resolve()));
      const pid = parent.pid ?? 0;
      const start = processTreeCpuMs(pid);
      // Read while the child spins: its CPU counts as the parent's tree (a cluster's workers do).
      await new Promise((resolve) => setTimeout(resolve, 250));
      const during = processTreeCpuMs(pid);
      expect(start).toBeGreaterThanOrEqual(0);
      expect(during - start).toBeGreaterThan(100);
    } finally {
      parent.kill('SIGKILL');
    }
  });

  it('is NaN for a process that is not there', () => {
    expect(processTreeCpuMs(2 ** 22 + 12_345)).toBeNaN();
  });
});
