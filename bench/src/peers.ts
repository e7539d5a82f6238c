import type { PeerComparison, SubjectResult } from './result.js';
import { ratio } from './stats.js';

/**
 * Compares our subject `oursId` with the peers `peerIds` measured on the same `store`: ours ÷
 * each peer's median req/s, and ours ÷ the fastest peer's. Missing subjects count as NaN.
 *
 * @example
 * comparePeers(result.subjects, 'sqlite', 'demo-sqlite', ['express-sqlite', 'fastify-sqlite']);
 * // { store: 'sqlite', ours: { id: 'demo-sqlite', medianRps: 2000 }, peers: [...], fastest: { id: 'fastify-sqlite', oursOver: 1.6 } }
 */
export function comparePeers(subjects: readonly SubjectResult[], store: PeerComparison['store'], oursId: string, peerIds: readonly string[]): PeerComparison {
  const rps = (id: string) => subjects.find((s) => s.id === id)?.medianRps ?? Number.NaN;
  const ours = rps(oursId);
  const peers = peerIds.map((id) => ({ id, label: subjects.find((s) => s.id === id)?.label ?? id, medianRps: rps(id), oursOver: ratio(ours, rps(id)) }));
  const measured = peers.filter((p) => Number.isFinite(p.medianRps));
  const fastest = measured.reduce<(typeof peers)[number] | undefined>((best, p) => (best === undefined || p.medianRps > best.medianRps ? p : best), undefined);
  return { store, ours: { id: oursId, medianRps: ours }, peers, fastest: { id: fastest?.id ?? '', oursOver: fastest ? ratio(ours, fastest.medianRps) : Number.NaN } };
}
