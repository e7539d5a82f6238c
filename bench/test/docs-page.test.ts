import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderBudget, type BudgetPoint } from '../src/budget.js';
import type { BenchResult } from '../src/result.js';
import { renderReport } from '../src/table.js';

const root = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

// The Performance page shows the committed results; after a new `pnpm bench`, paste the printed
// report (and the --budget table) into docs/guide/performance.md so the two never disagree.
describe('docs/guide/performance.md', () => {
  const page = read('docs/guide/performance.md');

  it('holds the report of the committed bench/results/latest.json', () => {
    const result = JSON.parse(read('bench/results/latest.json')) as BenchResult;
    expect(result.quick).toBe(false);
    expect(page).toContain(renderReport(result));
  });

  it('holds the table of the committed bench/results/budget.json', () => {
    const budget = JSON.parse(read('bench/results/budget.json')) as { quick: boolean; points: BudgetPoint[] };
    expect(budget.quick).toBe(false);
    expect(page).toContain(renderBudget(budget.points));
  });
});
