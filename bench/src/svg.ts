import type { BenchResult, ClusterResult } from './result.js';
import { escapeHtml } from './escape.js';
import { fmt, STORE_NAMES } from './table.js';

/** The chart's line on the cluster: its scaling, or why it was skipped. */
function clusterLine(cluster: ClusterResult): string {
  if ('skipped' in cluster) return `cluster (WEB_CONCURRENCY): skipped, ${cluster.skipped}`;
  return `cluster: WEB_CONCURRENCY=${cluster.workers} ÷ single process (SQLite) = ${fmt(cluster.scaling, 2)}${cluster.caveat ? ' (forced: a harness check)' : ''}`;
}

/**
 * A horizontal bar chart (hand-written SVG) of each subject's median req/s (the equal-guarantee
 * peers in amber), with the targets and their pass/fail, the reference ratios (the hand-written
 * floor), ours ÷ the fastest peer on each store and the cluster's scaling (or why it was skipped)
 * below it.
 *
 * @example
 * writeFileSync('latest.svg', renderChart(result));
 */
export function renderChart(result: BenchResult): string {
  const width = 910;
  const labelWidth = 470;
  const barMax = width - labelWidth - 90;
  const rowHeight = 28;
  const top = 40;
  const peerIds = new Set((result.peers ?? []).flatMap((c) => c.peers.map((p) => p.id)));
  const max = Math.max(1, ...result.subjects.map((s) => (Number.isFinite(s.medianRps) ? s.medianRps : 0)));
  const bars = result.subjects.map((s, i) => {
    const y = top + i * rowHeight;
    const w = Number.isFinite(s.medianRps) ? Math.max(1, Math.round((s.medianRps / max) * barMax)) : 0;
    return [
      `<text x="${labelWidth - 8}" y="${y + 17}" text-anchor="end">${escapeHtml(s.label)}</text>`,
      `<rect x="${labelWidth}" y="${y + 4}" width="${w}" height="${rowHeight - 8}" fill="${peerIds.has(s.id) ? '#f59e0b' : '#3b82f6'}"/>`,
      `<text x="${labelWidth + w + 6}" y="${y + 17}">${fmt(s.medianRps, 0)}</text>`,
    ].join('');
  });
  const targetsTop = top + result.subjects.length * rowHeight + 30;
  const targets = result.targets.map(
    (t, i) =>
      `<text x="20" y="${targetsTop + 20 + i * 20}" fill="${t.pass ? '#15803d' : '#b91c1c'}">${t.pass ? 'pass' : 'FAIL'}: ${escapeHtml(t.name)} = ${fmt(t.value, 2)} (${escapeHtml(t.op)} ${t.limit})</text>`,
  );
  const referenceTop = targetsTop + 20 + result.targets.length * 20;
  const reference = `<text x="20" y="${referenceTop}" fill="#4b5563">reference: floor ÷ bare Koa = ${fmt(result.reference.floorOverKoa, 2)}, signed-in SQLite ÷ floor = ${fmt(result.reference.demoOverFloor, 2)}</text>`;
  const peers = (result.peers ?? []).map(
    (c, i) => `<text x="20" y="${referenceTop + 20 + i * 20}" fill="#4b5563">peers (amber): signed-in ${STORE_NAMES[c.store]} ÷ fastest peer on ${STORE_NAMES[c.store]} (${escapeHtml(c.fastest.id || 'n/a')}) = ${fmt(c.fastest.oursOver, 2)}</text>`,
  );
  const clusterTop = referenceTop + 20 + peers.length * 20;
  const cluster = result.cluster ? [`<text x="20" y="${clusterTop}" fill="#4b5563">${escapeHtml(clusterLine(result.cluster))}</text>`] : [];
  const height = clusterTop + cluster.length * 20;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="13">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="20" y="24" font-size="15" font-weight="bold">Median requests/s (${result.rounds} round(s) of ${result.durationSeconds}s, Node ${escapeHtml(result.node)})</text>`,
    ...bars,
    `<text x="20" y="${targetsTop}" font-size="15" font-weight="bold">Targets</text>`,
    ...targets,
    reference,
    ...peers,
    ...cluster,
    '</svg>',
    '',
  ].join('\n');
}
