import { describe, expect, it } from 'vitest';
import { target } from '../src/result.js';
import { median, percentile, ratio, rotate } from '../src/stats.js';

describe('stats', () => {
  it('median of odd and even counts, NaN when empty', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('nearest-rank percentiles', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it('ratio is NaN on a zero or missing denominator', () => {
    expect(ratio(1, 4)).toBe(0.25);
    expect(ratio(1, 0)).toBeNaN();
    expect(ratio(Number.NaN, 1)).toBeNaN();
  });

  it('rotate gives each round a different first subject', () => {
    expect(rotate(['a', 'b', 'c'], 0)).toEqual(['a', 'b', 'c']);
    expect(rotate(['a', 'b', 'c'], 4)).toEqual(['b', 'c', 'a']);
    expect(rotate([], 2)).toEqual([]);
  });

  it('targets compare with their operator and never pass on NaN', () => {
    expect(target('x', 0.5, '>=', 0.5).pass).toBe(true);
    expect(target('x', 0.49, '>=', 0.5).pass).toBe(false);
    expect(target('x', 20, '<', 20).pass).toBe(false);
    expect(target('x', 0, '==', 0).pass).toBe(true);
    expect(target('x', Number.NaN, '<', 20).pass).toBe(false);
    // The ratio by server CPU is reported, never judged: a failing req/s ratio stays failed.
    expect(target('x', 0.3, '>=', 0.35, 0.9)).toMatchObject({ pass: false, byCpu: 0.9 });
    expect(target('x', 0.3, '>=', 0.35)).not.toHaveProperty('byCpu');
  });
});
