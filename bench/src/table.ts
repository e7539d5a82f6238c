import { coresText } from './cores.js';
import type { BenchResult, ClusterResult, PeerComparison } from './result.js';
import { ratio } from './stats.js';

/**
 * A GitHub-flavoured markdown table; `|` in cells is escaped.
 *
 * @example
 * markdownTable(['a', 'b'], [['1', '2']]); // '| a | b |\n|---|---|\n| 1 | 2 |'
 */
export function markdownTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map((c) => c.replaceAll('|', '\\|')).join(' | ')} |`;
  return [line(headers), `|${headers.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n');
}

/**
 * `n` with `digits` decimals, or `n/a` for NaN.
 *
 * @example
 * fmt(1234.567); // '1234.6'
 */
export function fmt(n: number, digits = 1): string {
  return Number.isFinite(n) ? n.toFixed(digits) : 'n/a';
}

/**
 * How the report and the chart name a store.
 *
 * @example
 * STORE_NAMES.sqlite; // 'SQLite'
 */
export const STORE_NAMES: Record<PeerComparison['store'], string> = { sqlite: 'SQLite', redis: 'Redis' };

/**
 * The equal-guarantee peers table: each peer's median req/s and ours ÷ it, per store, then ours
 * ÷ the fastest peer on each store.
 *
 * @example
 * renderPeers(result.peers ?? []); // '| equal-guarantee peer | store | median req/s | ours ÷ peer |\n…'
 */
export function renderPeers(peers: readonly PeerComparison[]): string {
  const rows = peers.flatMap((c) => [
    ...c.peers.map((p) => [p.label, STORE_NAMES[c.store], fmt(p.medianRps, 0), fmt(p.oursOver, 2)]),
    [`fastest peer on ${STORE_NAMES[c.store]}: ${c.fastest.id || 'n/a'}`, STORE_NAMES[c.store], fmt(c.peers.find((p) => p.id === c.fastest.id)?.medianRps ?? Number.NaN, 0), fmt(c.fastest.oursOver, 2)],
  ]);
  return markdownTable(['equal-guarantee peer', 'store', 'median req/s', 'ours ÷ peer'], rows);
}

/**
 * The cluster table: WEB_CONCURRENCY workers and where they ran, their median req/s against the
 * single-process demo's, and the scaling (informational, no target); or that the run skipped it,
 * and why.
 *
 * @example
 * renderCluster({ skipped: 'needs 4 cores, this machine has 2' }); // '| cluster (WEB_CONCURRENCY) | value |\n|---|---|\n| skipped | needs 4 cores, this machine has 2 |'
 */
export function renderCluster(cluster: ClusterResult): string {
  const headers = ['cluster (WEB_CONCURRENCY)', 'value'];
  if ('skipped' in cluster) return markdownTable(headers, [['skipped', cluster.skipped]]);
  return markdownTable(headers, [
    ['workers (node:cluster), where their process tree ran', `${cluster.workers}, ${cluster.cpus === 'unpinned' ? 'unpinned' : coresText(cluster.cpus)}`],
    ['cluster median req/s', fmt(cluster.medianRps, 0)],
    [`single process (${cluster.single.id}) median req/s`, fmt(cluster.single.medianRps, 0)],
    ['scaling: cluster ÷ single process (informational, no target)', fmt(cluster.scaling, 2)],
    ...(cluster.caveat ? [['caveat', cluster.caveat]] : []),
  ]);
}

/** Where the report says the processes ran: results from before the cluster subject read as they did. */
function pinnedText(result: BenchResult): string {
  if (!result.pinned) return 'unpinned';
  const cluster = result.cluster && 'id' in result.cluster && result.cluster.cpus !== 'unpinned' ? `, the cluster's processes to ${coresText(result.cluster.cpus)}` : '';
  return `servers pinned to core 0${cluster} and load generator to core ${result.loadCore ?? 1}`;
}

/**
 * The report printed on stdout and pasted into the Performance page: subjects with medians,
 * ratios and server CPU per answer, login figures, targets with pass/fail (and, for ratios of two
 * subjects, the same ratio by server CPU), the reference ratios, ours ÷ the equal-guarantee
 * peers (when the result has them), the cluster's scaling or why it was skipped (when the result
 * has it), and notes.
 *
 * @example
 * console.log(renderReport(result));
 */
export function renderReport(result: BenchResult): string {
  const koa = result.subjects.find((s) => s.id === 'koa')?.medianRps ?? Number.NaN;
  const bare = result.subjects.find((s) => s.id === 'node-http')?.medianRps ?? Number.NaN;
  const subjects = markdownTable(
    ['subject', 'median req/s', '× node:http', '× Koa', 'rounds', 'server CPU µs/answer', 'unexpected'],
    result.subjects.map((s) => [s.label, fmt(s.medianRps, 0), fmt(ratio(s.medianRps, bare), 2), fmt(ratio(s.medianRps, koa), 2), s.rps.map((r) => fmt(r, 0)).join(' / '), fmt(s.medianCpuUs ?? Number.NaN), String(s.unexpected)]),
  );
  const { login } = result;
  const figures = markdownTable(
    ['login figure', 'value'],
    [
      [`raw scrypt-kdf hashes/s per ${login.loginSeconds}s round (logN ${result.scrypt.logN}, r ${result.scrypt.r}, p ${result.scrypt.p})`, login.rawHashRate.map((r) => fmt(r, 2)).join(' / ')],
      ['POST /login signed in/s', login.loginRate.map((r) => fmt(r, 2)).join(' / ')],
      ['GET /healthz p99 during the storm, worst round (ms)', fmt(login.loopLagP99Ms)],
      ['GET /healthz p99 on the idle server (ms)', fmt(login.idleProbeP99Ms)],
      ["server's own event-loop delay p99 during the storm, worst round (ms)", fmt(login.serverLoopDelayP99Ms)],
      [`flood of ${login.floodConcurrency} concurrent logins`, Object.entries(login.floodStatuses).map(([s, n]) => `${n}× ${s}`).join(', ')],
      ['server peak RSS, VmHWM (MiB)', fmt(login.peakRssMiB)],
    ],
  );
  const targets = markdownTable(
    ['target', 'measured', 'limit', 'result', 'same ratio by server CPU'],
    result.targets.map((t) => [t.name, fmt(t.value, 2), `${t.op} ${t.limit}`, t.pass ? 'pass' : 'FAIL', t.byCpu === undefined ? '' : fmt(t.byCpu, 2)]),
  );
  const reference = markdownTable(
    ['reference', 'ratio'],
    [
      ['hand-written floor ÷ bare Koa (the most the request flow can reach here)', fmt(result.reference.floorOverKoa, 2)],
      ['signed-in /dashboard (SQLite) ÷ hand-written floor', fmt(result.reference.demoOverFloor, 2)],
      ...(result.reference.cacheOverNoCache === undefined ? [] : [['signed-in /dashboard (SQLite), exact cache ÷ AUTH_CACHE=off', fmt(result.reference.cacheOverNoCache, 2)]]),
      ...(result.reference.writerOverQuiet === undefined ? [] : [['signed-in /dashboard (SQLite), another process writing ÷ quiet files', fmt(result.reference.writerOverQuiet, 2)]]),
      ...(result.reference.stackOverKoa === undefined ? [] : [['fixed stack doing nothing else ÷ bare Koa (the most any app on this stack reaches here)', fmt(result.reference.stackOverKoa, 2)]]),
      ...(result.reference.stackOverFastestPeer === undefined ? [] : [['fixed stack doing nothing else ÷ fastest equal-guarantee peer on SQLite', fmt(result.reference.stackOverFastestPeer, 2)]]),
    ],
  );
  const setup = `Node ${result.node}, ${result.cpus} CPUs, ${pinnedText(result)}, ${result.rounds} interleaved round(s) of ${result.durationSeconds}s${result.quick ? ' (quick mode: figures are not meaningful)' : ''}, ${result.generatedAt}.`;
  const peers = result.peers ? [renderPeers(result.peers)] : [];
  const cluster = result.cluster ? [renderCluster(result.cluster)] : [];
  return [setup, subjects, figures, targets, reference, ...peers, ...cluster, ...result.notes.map((n) => `Note: ${n}`)].join('\n\n');
}
