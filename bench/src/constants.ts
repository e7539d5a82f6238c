/** The origin the demo subject is configured with; forms must send it as `Origin`. */
export const BENCH_ORIGIN = 'http://localhost:3000';
/** The user the demo subject creates at start. */
export const BENCH_USER = 'bench';
/** The bench user's password. */
export const BENCH_PASSWORD = 'violet kettle harbor moon';
