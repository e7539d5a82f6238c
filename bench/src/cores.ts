/**
 * How a run splits the machine's cores (taskset CPU lists): the single-process subjects on core
 * 0, the cluster subject's whole process tree (primary and workers) on cores 0 to N−2, and the
 * load generator (this process: autocannon, the login storm) alone on the last core.
 */
export interface CorePlan {
  /** CPU list of the single-process subjects. */
  servers: string;
  /** CPU list of the cluster subject's primary and workers. */
  cluster: string;
  /** The core the load generator runs on. */
  load: number;
}

/**
 * The core split on a machine with `machineCores` cores, for a cluster that assumes
 * `clusterCores` (default: the machine's). The cluster never gets the load generator's core: with
 * `--cluster-cores` above the machine's count, its list is cut to what the machine has.
 *
 * @example
 * corePlan(8); // { servers: '0', cluster: '0-6', load: 7 }
 * corePlan(8, 4); // { servers: '0', cluster: '0-2', load: 7 }
 * corePlan(2, 4); // { servers: '0', cluster: '0', load: 1 }
 */
export function corePlan(machineCores: number, clusterCores = machineCores): CorePlan {
  const top = Math.min(clusterCores, machineCores) - 2;
  return { servers: '0', cluster: top > 0 ? `0-${top}` : '0', load: Math.max(0, machineCores - 1) };
}

/**
 * How a CPU list reads in the report: `core 0`, `cores 0-2`.
 *
 * @example
 * coresText('0-2'); // 'cores 0-2'
 */
export function coresText(cpus: string): string {
  return /[-,]/.test(cpus) ? `cores ${cpus}` : `core ${cpus}`;
}
