// pnpm bench [--quick] [--out DIR]: runs the benchmark, prints the markdown report on stdout and
// writes DIR/latest.json and DIR/latest.svg (DIR: bench/results, or a temp folder with --quick).
// pnpm bench --budget [--quick] [--out DIR]: only the budget curve (see budget.ts), printed and
// written to DIR/budget.json.
// --cluster-cores N (3 to 256): run the cluster subject as if the machine had N cores (N − 1
// workers), even where it has fewer than 4, where it is otherwise skipped. A harness check: on
// fewer cores than N, or fewer than 4, its figure means nothing (the report says so).
// --rounds N (1 to 20): interleaved rounds (default 3, 1 with --quick). On a noisy machine more
// rounds make the medians steadier; each round past three adds about two and a half minutes.
// An unknown flag, a flag without its value or a number out of range exits 2 before anything runs
// (cli-args.ts).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultRounds } from './bench-run.js';
import { renderBudget, runBudget } from './budget.js';
import { benchRedisUrl, parseBenchArgs, UsageError, type BenchArgs } from './cli-args.js';
import { killAll } from './processes.js';
import { runBench } from './run.js';
import { renderChart } from './svg.js';
import { renderReport } from './table.js';

let args: BenchArgs;
try {
  args = parseBenchArgs(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  process.stderr.write(`bench: ${error.message}\nusage: pnpm bench [--quick] [--budget] [--out DIR] [--rounds N] [--cluster-cores N]\n`);
  process.exit(2);
}
const { quick, budget, clusterCores, rounds } = args;
const out = args.out !== undefined ? path.resolve(args.out) : quick ? mkdtempSync(path.join(tmpdir(), 'acme-bench-')) : path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../results');

// Bounded: a run that hangs is killed, children and all. A quick run takes about a minute alone
// and longer beside other packages' tests under turbo. A forced cluster starts its workers one
// after another on fewer cores than it assumes: it gets half a minute more; each round past the
// default three gets three minutes more (about two and a half of load).
const extraRounds = Math.max(0, (rounds ?? 0) - defaultRounds(quick));
const limitMs = (quick ? 150_000 : 10 * 60_000) + (clusterCores === undefined ? 0 : 30_000) + extraRounds * 3 * 60_000;
const watchdog = setTimeout(() => {
  process.stderr.write(`bench: no result after ${limitMs / 1000}s, giving up\n`);
  process.exit(1);
}, limitMs);
watchdog.unref();
process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

try {
  if (budget) {
    const points = await runBudget({ quick, rounds });
    mkdirSync(out, { recursive: true });
    writeFileSync(path.join(out, 'budget.json'), `${JSON.stringify({ generatedAt: new Date().toISOString(), node: process.version, quick, points }, null, 2)}\n`);
    process.stdout.write(`${renderBudget(points)}\n\nWrote ${path.join(out, 'budget.json')}\n`);
    process.exit(0);
  }
  const result = await runBench({ quick, clusterCores, rounds, redisUrl: benchRedisUrl() });
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, 'latest.json'), `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(path.join(out, 'latest.svg'), renderChart(result));
  process.stdout.write(`${renderReport(result)}\n\nWrote ${path.join(out, 'latest.json')} and latest.svg\n`);
  process.exit(0);
} catch (error) {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
