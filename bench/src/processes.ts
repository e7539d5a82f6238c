import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** A subject running in a child process. */
export interface Subject {
  pid: number;
  /** The port it printed, or 0 for subjects that do not serve. */
  port: number;
  /** Everything the child printed on stdout so far. */
  output(): string;
  /** Resolves with everything the child printed on stdout, once it exits. */
  exited: Promise<string>;
  /** SIGTERM, then SIGKILL after a grace period; resolves when the child is gone. */
  stop(): Promise<void>;
}

const SUBJECTS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'subjects');
const live = new Set<ChildProcess>();

/**
 * Whether servers can run pinned to core 0 and the load generator to a core of its own: `taskset` works and there are two cores or more.
 *
 * @example
 * if (canPin()) pinSelf(corePlan(availableParallelism()).load);
 */
export function canPin(): boolean {
  return availableParallelism() >= 2 && spawnSync('taskset', ['-c', '0', 'true']).status === 0;
}

/**
 * Pins this process (the load generator) to `core`. Returns whether it worked.
 *
 * @example
 * pinSelf(1);
 */
export function pinSelf(core: number): boolean {
  return spawnSync('taskset', ['-a', '-p', '-c', String(core), String(process.pid)]).status === 0;
}

/**
 * Starts `subjects/<script>.js` with `args` (when `pin`, under `taskset -c <cpus>`, core 0 unless
 * `cpus` names others; the processes it forks inherit the list), and waits until it prints
 * `READY <port>` (servers) or, when `waitReady` is false, returns at once.
 * Rejects if it exits first or is not ready within `timeoutMs`.
 *
 * @example
 * const koa = await startSubject('koa', [], { pin: true });
 * await koa.stop();
 * const cluster = await startSubject('demo-cluster', ['3'], { pin: true, cpus: '0-2', timeoutMs: 60_000 });
 */
export function startSubject(script: string, args: string[], options: { pin: boolean; cpus?: string; waitReady?: boolean; timeoutMs?: number }): Promise<Subject> {
  const file = path.join(SUBJECTS_DIR, `${script}.js`);
  const [cmd, cmdArgs] = options.pin ? ['taskset', ['-c', options.cpus ?? '0', process.execPath, file, ...args]] : [process.execPath, [file, ...args]];
  const child = spawn(cmd, cmdArgs, { stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = new Promise<string>((resolve) => child.once('exit', () => (live.delete(child), resolve(out))));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
      await exited;
      clearTimeout(timer);
    }
  };
  return new Promise<Subject>((resolve, reject) => {
    const fail = (why: string) => {
      clearInterval(poll);
      clearTimeout(timer);
      void stop().then(() => reject(new Error(`subject ${script} ${why}${err ? `: ${err.trim().slice(-800)}` : ''}`)));
    };
    const timer = setTimeout(() => fail('was not ready in time'), options.timeoutMs ?? 20_000);
    const poll = setInterval(() => {
      const ready = /READY (\d+)/.exec(out);
      if (options.waitReady === false || ready) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve({ pid: child.pid ?? 0, port: Number(ready?.[1] ?? 0), output: () => out, exited, stop });
      } else if (child.exitCode !== null || child.signalCode !== null) {
        fail(`exited (${child.exitCode ?? child.signalCode})`);
      }
    }, 20);
  });
}

/**
 * Kills every subject still running (SIGKILL); safe to call from an `exit` handler.
 *
 * @example
 * process.on('exit', killAll);
 */
export function killAll(): void {
  for (const child of live) child.kill('SIGKILL');
  live.clear();
}

/**
 * Peak resident memory (VmHWM) of process `pid` in MiB, from /proc; NaN where /proc is missing.
 *
 * @example
 * peakRssMiB(process.pid); // e.g. 61.2
 */
export function peakRssMiB(pid: number): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match?.[1] ? Number(match[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}
