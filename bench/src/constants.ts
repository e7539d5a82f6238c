/**
 * The origin the demo subject is configured with; forms must send it as `Origin`.
 *
 * @example
 * headers.origin = BENCH_ORIGIN;
 */
export const BENCH_ORIGIN = 'http://localhost:3000';

/**
 * The user the demo subject creates at start.
 *
 * @example
 * new URLSearchParams({ username: BENCH_USER, password: BENCH_PASSWORD });
 */
export const BENCH_USER = 'bench';

/**
 * The bench user's password (passes the demo's password policy).
 *
 * @example
 * new URLSearchParams({ username: BENCH_USER, password: BENCH_PASSWORD });
 */
export const BENCH_PASSWORD = 'violet kettle harbor moon';
