import { describe, expect, it } from 'vitest';
import { comparePeers } from '../src/peers.js';
import type { SubjectResult } from '../src/result.js';

const subject = (id: string, medianRps: number): SubjectResult => ({ id, label: `label of ${id}`, rps: [medianRps], medianRps, unexpected: 0 });

describe('comparePeers', () => {
  it('divides ours by each peer and by the fastest', () => {
    const subjects = [subject('demo-redis', 300), subject('a-redis', 100), subject('b-redis', 200), subject('a-sqlite', 900)];
    const comparison = comparePeers(subjects, 'redis', 'demo-redis', ['a-redis', 'b-redis']);
    expect(comparison.ours).toEqual({ id: 'demo-redis', medianRps: 300 });
    expect(comparison.peers).toEqual([
      { id: 'a-redis', label: 'label of a-redis', medianRps: 100, oursOver: 3 },
      { id: 'b-redis', label: 'label of b-redis', medianRps: 200, oursOver: 1.5 },
    ]);
    expect(comparison.fastest).toEqual({ id: 'b-redis', oursOver: 1.5 });
  });

  it('skips a peer without a figure when picking the fastest, and is NaN with none', () => {
    const subjects = [subject('demo-sqlite', 300), subject('a-sqlite', Number.NaN), subject('b-sqlite', 150)];
    expect(comparePeers(subjects, 'sqlite', 'demo-sqlite', ['a-sqlite', 'b-sqlite']).fastest).toEqual({ id: 'b-sqlite', oursOver: 2 });
    const none = comparePeers(subjects, 'sqlite', 'demo-sqlite', ['a-sqlite', 'missing']);
    expect(none.fastest.id).toBe('');
    expect(none.fastest.oursOver).toBeNaN();
    expect(none.peers[1]?.medianRps).toBeNaN();
  });
});
