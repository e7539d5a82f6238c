import type { ClusterResult, SubjectResult } from './result.js';
import { ratio } from './stats.js';

/** The fewest cores on which the cluster subject is measured: its workers, and one core left for the load generator. */
export const CLUSTER_MIN_CORES = 4;

/** The cluster subject's id in `subjects`, and the single-process subject its scaling divides by. */
export const CLUSTER_IDS = { cluster: 'demo-cluster', single: 'demo-sqlite' } as const;

/** Whether the cluster subject runs, and with how many workers, or why it is skipped. */
export type ClusterPlan = { workers: number; caveat?: string } | { skipped: string };

/**
 * Decides the cluster subject: one worker per core but the load generator's where the machine
 * has {@link CLUSTER_MIN_CORES} or more, else skipped with the reason. `forcedCores`
 * (`--cluster-cores N`, 3 or more) runs it as if the machine had N cores (N − 1 workers); where
 * that is more than the machine has, or the machine has fewer than 4, the plan carries a caveat:
 * a harness check, whose figure means nothing.
 *
 * @example
 * clusterPlan(8); // { workers: 7 }
 * clusterPlan(2); // { skipped: 'needs 4 cores, this machine has 2' }
 * clusterPlan(2, 4); // { workers: 3, caveat: 'forced with --cluster-cores 4 on a 2-core machine: …' }
 */
export function clusterPlan(machineCores: number, forcedCores?: number): ClusterPlan {
  if (forcedCores === undefined) {
    return machineCores >= CLUSTER_MIN_CORES ? { workers: machineCores - 1 } : { skipped: `needs ${CLUSTER_MIN_CORES} cores, this machine has ${machineCores}` };
  }
  if (!Number.isInteger(forcedCores) || forcedCores < 3) throw new RangeError(`--cluster-cores must be a whole number of 3 or more (2 workers at least), got ${forcedCores}`);
  const meaningless = forcedCores > machineCores || machineCores < CLUSTER_MIN_CORES;
  return {
    workers: forcedCores - 1,
    ...(meaningless ? { caveat: `forced with --cluster-cores ${forcedCores} on a ${machineCores}-core machine: a harness check, the figure means nothing` } : {}),
  };
}

/**
 * The `cluster` record of the result: the cluster subject's median req/s ÷ the single-process
 * SQLite demo's (`scaling`, informational: no target), with the workers and the CPU list their
 * process tree ran on; or the skipped plan's reason.
 *
 * @example
 * clusterResult({ workers: 3 }, subjects, '0-2'); // { id: 'demo-cluster', workers: 3, cpus: '0-2', medianRps: 6900, single: { id: 'demo-sqlite', medianRps: 2600 }, scaling: 2.65 }
 * clusterResult({ skipped: 'needs 4 cores, this machine has 2' }, subjects, '0'); // { skipped: 'needs 4 cores, this machine has 2' }
 */
export function clusterResult(plan: ClusterPlan, subjects: readonly SubjectResult[], cpus: string): ClusterResult {
  if ('skipped' in plan) return { skipped: plan.skipped };
  const rps = (id: string) => subjects.find((s) => s.id === id)?.medianRps ?? Number.NaN;
  const cluster = rps(CLUSTER_IDS.cluster);
  const single = rps(CLUSTER_IDS.single);
  return {
    id: CLUSTER_IDS.cluster,
    workers: plan.workers,
    cpus,
    medianRps: cluster,
    single: { id: CLUSTER_IDS.single, medianRps: single },
    scaling: ratio(cluster, single),
    ...(plan.caveat ? { caveat: plan.caveat } : {}),
  };
}
