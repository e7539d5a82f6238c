import { describe, expect, it } from 'vitest';
import { renderBudget } from '../src/budget.js';
import { parseSetCookie, cookieHeader } from '../src/http-client.js';
import { renderChart } from '../src/svg.js';
import { fmt, markdownTable, renderReport } from '../src/table.js';
import { sampleResult } from './fixture.js';

describe('markdown report', () => {
  it('builds a table and escapes pipes', () => {
    expect(markdownTable(['a', 'b'], [['1', 'x|y']])).toBe('| a | b |\n|---|---|\n| 1 | x\\|y |');
  });

  it('formats NaN as n/a', () => {
    expect(fmt(Number.NaN)).toBe('n/a');
    expect(fmt(2.345, 2)).toBe('2.35');
  });

  it('shows medians with ratios to node:http and Koa, login figures and pass/FAIL', () => {
    const report = renderReport(sampleResult());
    expect(report).toContain('| bare Koa route | 800 | 0.80 | 1.00 | 800 / 800 / 800 | 25.0 | 0 |');
    expect(report).toContain('| demo <signed in> \\| SQLite | 400 | 0.40 | 0.50 | 400 / 400 / 400 | n/a | 2 |');
    expect(report).toContain('70× 302, 130× 503');
    expect(report).toContain('| ratio | 0.50 | >= 0.5 | pass | 0.40 |');
    expect(report).toContain('| lag | 25.00 | < 20 | FAIL |  |');
    expect(report).toContain('| hand-written floor ÷ bare Koa (the most the request flow can reach here) | 0.60 |');
    expect(report).toContain('| signed-in /dashboard (SQLite) ÷ hand-written floor | 0.83 |');
    expect(report).toContain('Note: a note');
  });

  it('shows ours ÷ each equal-guarantee peer and ÷ the fastest, per store', () => {
    const report = renderReport(sampleResult());
    expect(report).toContain('| equal-guarantee peer | store | median req/s | ours ÷ peer |');
    expect(report).toContain('| Express 5 + express-session (SQLite store) | SQLite | 200 | 2.00 |');
    expect(report).toContain('| fastest peer on SQLite: express-sqlite | SQLite | 200 | 2.00 |');
  });

  it('renders a result written before the peers were measured as before, with no peers table', () => {
    const { peers: _peers, ...older } = sampleResult();
    const report = renderReport(older);
    expect(report).not.toContain('equal-guarantee peer');
    expect(report).toContain('| signed-in /dashboard (SQLite) ÷ hand-written floor | 0.83 |\n\nNote: a note');
  });
});

describe('budget table', () => {
  it('shows each added time with its rate, its ratio to the bare route and the time per request', () => {
    const table = renderBudget([
      { addedUs: 0, medianRps: 40_000, ratioToKoa: 1, usPerRequest: 25 },
      { addedUs: 10, medianRps: 25_000, ratioToKoa: 0.625, usPerRequest: 40 },
    ]);
    expect(table).toContain('| 0 | 40000 | 1.00 | 25 |');
    expect(table).toContain('| 10 | 25000 | 0.63 | 40 |');
  });
});

describe('SVG chart', () => {
  it('draws one bar per subject scaled to the fastest, with escaped labels and targets', () => {
    const svg = renderChart(sampleResult());
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/<rect x="470"/g)).toHaveLength(4);
    expect(svg).toContain('width="350"'); // 1000 req/s: the full bar (910 - 470 - 90)
    expect(svg).toContain('width="140"'); // 400 req/s
    expect(svg).toContain('demo &lt;signed in&gt; | SQLite');
    expect(svg).toContain('FAIL: lag = 25.00 (&lt; 20)');
    expect(svg).toContain('reference: floor ÷ bare Koa = 0.60, signed-in SQLite ÷ floor = 0.83');
    expect(svg).not.toContain('<signed');
  });

  it('draws the equal-guarantee peers in amber, with ours ÷ the fastest peer per store', () => {
    const svg = renderChart(sampleResult());
    expect(svg.match(/fill="#f59e0b"/g)).toHaveLength(1);
    expect(svg).toContain('peers (amber): signed-in SQLite ÷ fastest peer on SQLite (express-sqlite) = 2.00');
  });
});

describe('cookies', () => {
  it('reads Set-Cookie pairs and writes a Cookie header', () => {
    const jar = parseSetCookie(['sid=abc; path=/; httponly', 'sid.sig=x-y_z; path=/', 'garbage']);
    expect(jar).toEqual({ sid: 'abc', 'sid.sig': 'x-y_z' });
    expect(cookieHeader(jar)).toBe('sid=abc; sid.sig=x-y_z');
  });
});
