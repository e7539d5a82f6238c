import { describe, expect, it } from 'vitest';
import { clusterPlan, clusterResult } from '../src/cluster.js';
import { corePlan, coresText } from '../src/cores.js';
import type { BenchResult, SubjectResult } from '../src/result.js';
import { renderChart } from '../src/svg.js';
import { renderCluster, renderReport } from '../src/table.js';
import { sampleResult } from './fixture.js';

const subject = (id: string, medianRps: number): SubjectResult => ({ id, label: `label of ${id}`, rps: [medianRps], medianRps, unexpected: 0 });

describe('corePlan', () => {
  it('gives the cluster every core but the last, and the load generator the last', () => {
    expect(corePlan(8)).toEqual({ servers: '0', cluster: '0-6', load: 7 });
    expect(corePlan(4)).toEqual({ servers: '0', cluster: '0-2', load: 3 });
  });

  it('gives a smaller cluster its own cores, and a forced one no more than the machine has', () => {
    expect(corePlan(8, 4)).toEqual({ servers: '0', cluster: '0-2', load: 7 });
    expect(corePlan(2, 4)).toEqual({ servers: '0', cluster: '0', load: 1 });
    expect(corePlan(3, 6)).toEqual({ servers: '0', cluster: '0-1', load: 2 });
  });

  it('keeps the old split on two cores, and never a negative core', () => {
    expect(corePlan(2)).toEqual({ servers: '0', cluster: '0', load: 1 });
    expect(corePlan(1).load).toBe(0);
  });

  it('names one core or a range', () => {
    expect(coresText('0')).toBe('core 0');
    expect(coresText('0-2')).toBe('cores 0-2');
  });
});

describe('clusterPlan', () => {
  it('runs one worker per core but the load generator\'s from 4 cores, and skips below with the reason', () => {
    expect(clusterPlan(4)).toEqual({ workers: 3 });
    expect(clusterPlan(16)).toEqual({ workers: 15 });
    expect(clusterPlan(3)).toEqual({ skipped: 'needs 4 cores, this machine has 3' });
    expect(clusterPlan(2)).toEqual({ skipped: 'needs 4 cores, this machine has 2' });
  });

  it('runs when forced, with a caveat where the machine has fewer cores than asked or than 4', () => {
    expect(clusterPlan(2, 4)).toEqual({ workers: 3, caveat: 'forced with --cluster-cores 4 on a 2-core machine: a harness check, the figure means nothing' });
    expect(clusterPlan(2, 3)).toMatchObject({ workers: 2, caveat: expect.stringContaining('--cluster-cores 3 on a 2-core machine') as unknown });
    expect(clusterPlan(8, 4)).toEqual({ workers: 3 });
  });

  it('refuses a forced count that gives fewer than two workers, or is not a whole number', () => {
    expect(() => clusterPlan(2, 2)).toThrow(RangeError);
    expect(() => clusterPlan(8, Number.NaN)).toThrow('--cluster-cores must be a whole number of 3 or more');
    expect(() => clusterPlan(8, 3.5)).toThrow(RangeError);
  });
});

describe('clusterResult', () => {
  const subjects = [subject('demo-sqlite', 400), subject('demo-cluster', 1000)];

  it('divides the cluster by the single-process SQLite demo', () => {
    expect(clusterResult({ workers: 3 }, subjects, '0-2')).toEqual({ id: 'demo-cluster', workers: 3, cpus: '0-2', medianRps: 1000, single: { id: 'demo-sqlite', medianRps: 400 }, scaling: 2.5 });
  });

  it('carries the caveat of a forced run, and is NaN (null in the JSON) without a figure', () => {
    const forced = clusterResult({ workers: 3, caveat: 'forced' }, [subject('demo-sqlite', 400)], '0');
    expect(forced).toMatchObject({ caveat: 'forced', cpus: '0' });
    expect('scaling' in forced && forced.scaling).toBeNaN();
    expect(JSON.parse(JSON.stringify(forced))).toMatchObject({ medianRps: null, scaling: null });
  });

  it('records why it was skipped, not nothing', () => {
    const skipped = clusterResult(clusterPlan(2), subjects, '0');
    expect(skipped).toEqual({ skipped: 'needs 4 cores, this machine has 2' });
    expect(JSON.stringify({ cluster: skipped })).toBe('{"cluster":{"skipped":"needs 4 cores, this machine has 2"}}');
  });
});

describe('cluster in the report and the chart', () => {
  const measured: BenchResult = {
    ...sampleResult(),
    cpus: 4,
    loadCore: 3,
    cluster: { id: 'demo-cluster', workers: 3, cpus: '0-2', medianRps: 1000, single: { id: 'demo-sqlite', medianRps: 400 }, scaling: 2.5 },
  };
  const skipped: BenchResult = { ...sampleResult(), loadCore: 1, cluster: { skipped: 'needs 4 cores, this machine has 2' } };

  it('shows the workers, where they ran, both medians and the scaling', () => {
    const table = renderCluster(measured.cluster ?? { skipped: '' });
    expect(table).toContain('| cluster (WEB_CONCURRENCY) | value |');
    expect(table).toContain('| workers (node:cluster), where their process tree ran | 3, cores 0-2 |');
    expect(table).toContain('| cluster median req/s | 1000 |');
    expect(table).toContain('| single process (demo-sqlite) median req/s | 400 |');
    expect(table).toContain('| scaling: cluster ÷ single process (informational, no target) | 2.50 |');
    expect(table).not.toContain('caveat');
    expect(renderCluster({ id: 'demo-cluster', workers: 3, cpus: 'unpinned', medianRps: 1, single: { id: 'demo-sqlite', medianRps: 1 }, scaling: 1, caveat: 'forced' })).toContain('| 3, unpinned |\n');
  });

  it('says it was skipped and why', () => {
    expect(renderCluster({ skipped: 'needs 4 cores, this machine has 2' })).toBe('| cluster (WEB_CONCURRENCY) | value |\n|---|---|\n| skipped | needs 4 cores, this machine has 2 |');
    expect(renderReport(skipped)).toContain('| skipped | needs 4 cores, this machine has 2 |\n\nNote: a note');
  });

  it('names the cluster\'s cores and the load generator\'s in the set-up line', () => {
    expect(renderReport(measured)).toContain("4 CPUs, servers pinned to core 0, the cluster's processes to cores 0-2 and load generator to core 3, 3 interleaved");
    expect(renderReport(skipped)).toContain('servers pinned to core 0 and load generator to core 1, 3 interleaved');
  });

  it('renders a result from before the cluster subject as before', () => {
    const report = renderReport(sampleResult());
    expect(report).not.toContain('cluster');
    expect(report).toContain('servers pinned to core 0 and load generator to core 1,');
  });

  it('puts the scaling, or why it was skipped, under the chart', () => {
    expect(renderChart(measured)).toContain('cluster: WEB_CONCURRENCY=3 ÷ single process (SQLite) = 2.50</text>');
    expect(renderChart(skipped)).toContain('cluster (WEB_CONCURRENCY): skipped, needs 4 cores, this machine has 2</text>');
    expect(renderChart(sampleResult())).not.toContain('cluster');
    const height = (svg: string) => Number(/height="(\d+)"/.exec(svg)?.[1]);
    expect(height(renderChart(skipped)) - height(renderChart(sampleResult()))).toBe(20);
  });
});
