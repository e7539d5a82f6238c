/**
 * The middle value of `values` (the mean of the two middle ones for an even count); NaN when empty.
 *
 * @example
 * median([3, 1, 2]); // 2
 */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const hi = sorted[mid] ?? Number.NaN;
  return sorted.length % 2 === 1 ? hi : ((sorted[mid - 1] ?? Number.NaN) + hi) / 2;
}

/**
 * The nearest-rank percentile `p` (0–100) of `values`; NaN when empty.
 *
 * @example
 * percentile([1, 2, 3, 4, 100], 99); // 100
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

/**
 * `a / b`, or NaN when `b` is zero or either is not a finite number.
 *
 * @example
 * ratio(50, 100); // 0.5
 */
export function ratio(a: number, b: number): number {
  return Number.isFinite(a) && Number.isFinite(b) && b !== 0 ? a / b : Number.NaN;
}

/**
 * Rotates `items` left by `round` places, so each round of an interleaved run starts with a different subject.
 *
 * @example
 * rotate(['a', 'b', 'c'], 1); // ['b', 'c', 'a']
 */
export function rotate<T>(items: readonly T[], round: number): T[] {
  if (items.length === 0) return [];
  const k = ((round % items.length) + items.length) % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}
