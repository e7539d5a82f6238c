import { benchRun } from './bench-run.js';
import { interleavedLoad } from './load.js';
import type { Subject } from './processes.js';
import { markdownTable, fmt } from './table.js';
import { median, ratio } from './stats.js';

/** The CPU each budget subject adds to the bare Koa route, in µs per request. */
export const BUDGET_STEPS_US = [0, 10, 20, 40, 80] as const;

/** One point of the budget curve. */
export interface BudgetPoint {
  /** CPU the route spins before answering, µs per request. */
  addedUs: number;
  /** Median req/s over the rounds. */
  medianRps: number;
  /** `medianRps` ÷ the bare route's (addedUs 0) in the same run. */
  ratioToKoa: number;
  /** 10⁶ ÷ `medianRps`: the server time each request took, waits included. */
  usPerRequest: number;
}

/**
 * `pnpm bench --budget`: what a fixed amount of added CPU per request does to the ratio against
 * the bare Koa route. The bare route itself is run with a busy-wait of each of
 * {@link BUDGET_STEPS_US} µs, interleaved like the main run. It translates a ratio target into
 * the time a route may add: the work a signed-in route must do has to fit in that time.
 *
 * @example
 * const points = await runBudget({ quick: false });
 */
export async function runBudget(options: { quick: boolean; rounds?: number | undefined; log?: (line: string) => void }): Promise<BudgetPoint[]> {
  return benchRun('bench --budget', options, async ({ rounds, seconds, log, start }) => {
    const subjects = new Map<number, Subject>();
    for (const us of BUDGET_STEPS_US) subjects.set(us, await start('koa', [String(us)]));
    const id = (us: number) => `+${us} µs`;
    const targets = [...subjects].map(([us, subject]) => ({ id: id(us), port: subject.port, path: '/dashboard', expect: '2xx' as const }));
    const figures = await interleavedLoad(targets, { rounds, seconds, log });
    for (const [name, figure] of figures) if (figure.unexpected > 0) throw new Error(`the bare Koa route with ${name} gave ${figure.unexpected} unexpected answers`);
    const rpsOf = (us: number) => median(figures.get(id(us))?.rps ?? []);
    const bare = rpsOf(0);
    return BUDGET_STEPS_US.map((us) => {
      const medianRps = rpsOf(us);
      return { addedUs: us, medianRps, ratioToKoa: ratio(medianRps, bare), usPerRequest: 1e6 / medianRps };
    });
  });
}

/**
 * The budget curve as a markdown table.
 *
 * @example
 * console.log(renderBudget(points));
 */
export function renderBudget(points: readonly BudgetPoint[]): string {
  return markdownTable(
    ['CPU added to the bare Koa route (µs per request)', 'median req/s', '× bare Koa', 'server time per request (µs)'],
    points.map((p) => [String(p.addedUs), fmt(p.medianRps, 0), fmt(p.ratioToKoa, 2), fmt(p.usPerRequest, 0)]),
  );
}
