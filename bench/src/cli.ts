// pnpm bench [--quick] [--out DIR]: runs the benchmark, prints the markdown report on stdout and
// writes DIR/latest.json and DIR/latest.svg (DIR: bench/results, or a temp folder with --quick).
// pnpm bench --budget [--quick] [--out DIR]: only the budget curve (see budget.ts), printed and
// written to DIR/budget.json.
// --cluster-cores N (3 or more): run the cluster subject as if the machine had N cores (N − 1
// workers), even where it has fewer than 4, where it is otherwise skipped. A harness check: on
// fewer cores than N, or fewer than 4, its figure means nothing (the report says so).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderBudget, runBudget } from './budget.js';
import { killAll } from './processes.js';
import { runBench } from './run.js';
import { renderChart } from './svg.js';
import { renderReport } from './table.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const budget = args.includes('--budget');
const outIndex = args.indexOf('--out');
const clusterIndex = args.indexOf('--cluster-cores');
const clusterCores = clusterIndex >= 0 ? Number(args[clusterIndex + 1]) : undefined;
const out = outIndex >= 0 && args[outIndex + 1] ? path.resolve(args[outIndex + 1] ?? '.') : quick ? mkdtempSync(path.join(tmpdir(), 'acme-bench-')) : path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../results');

// Bounded: a run that hangs is killed, children and all. A forced cluster starts its workers one
// after another on fewer cores than it assumes: it gets half a minute more.
const limitMs = (quick ? 90_000 : 10 * 60_000) + (clusterCores === undefined ? 0 : 30_000);
const watchdog = setTimeout(() => {
  process.stderr.write(`bench: no result after ${limitMs / 1000}s, giving up\n`);
  process.exit(1);
}, limitMs);
watchdog.unref();
process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

try {
  if (budget) {
    const points = await runBudget({ quick });
    mkdirSync(out, { recursive: true });
    writeFileSync(path.join(out, 'budget.json'), `${JSON.stringify({ generatedAt: new Date().toISOString(), node: process.version, quick, points }, null, 2)}\n`);
    process.stdout.write(`${renderBudget(points)}\n\nWrote ${path.join(out, 'budget.json')}\n`);
    process.exit(0);
  }
  const result = await runBench({ quick, clusterCores, redisUrl: process.env.REDIS_URL ?? process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379' });
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, 'latest.json'), `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(path.join(out, 'latest.svg'), renderChart(result));
  process.stdout.write(`${renderReport(result)}\n\nWrote ${path.join(out, 'latest.json')} and latest.svg\n`);
  process.exit(0);
} catch (error) {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
