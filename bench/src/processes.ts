import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
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

/** Clock ticks per second of /proc's CPU times (`getconf CLK_TCK`, read once; 100 where it cannot be read). */
let clockTicks: number | undefined;
function ticksPerSecond(): number {
  if (clockTicks === undefined) {
    const printed = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout);
    clockTicks = Number.isFinite(printed) && printed > 0 ? printed : 100;
  }
  return clockTicks;
}

/** A process's parent and its CPU ticks (user + system) from /proc/<pid>/stat, or undefined when it is gone. */
function readStat(pid: string): { ppid: number; ticks: number } | undefined {
  try {
    // The command name (field 2) may hold spaces and parentheses: the fields after it start past the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return undefined;
  }
}

/**
 * The CPU time (user + system, in ms) that process `pid` and every process under it (a cluster's
 * workers) have used so far, from /proc; NaN where /proc is missing or `pid` is gone. The
 * difference of two readings around a load is what the server spent on it, whatever the load
 * generator could or could not send.
 *
 * @example
 * const before = processTreeCpuMs(subject.pid);
 * await load(subject.port, '/dashboard', { seconds: 5, expect: '2xx' });
 * const spentMs = processTreeCpuMs(subject.pid) - before;
 */
export function processTreeCpuMs(pid: number): number {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return Number.NaN;
  }
  const stats = new Map<number, { ppid: number; ticks: number }>();
  for (const name of entries) {
    const stat = readStat(name);
    if (stat) stats.set(Number(name), stat);
  }
  if (!stats.has(pid)) return Number.NaN;
  const children = new Map<number, number[]>();
  for (const [child, { ppid }] of stats) {
    const siblings = children.get(ppid);
    if (siblings) siblings.push(child);
    else children.set(ppid, [child]);
  }
  let ticks = 0;
  const queue = [pid];
  for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
    ticks += stats.get(next)?.ticks ?? 0;
    queue.push(...(children.get(next) ?? []));
  }
  return (ticks * 1000) / ticksPerSecond();
}
