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

/**
 * The equal-guarantee peers' sign-in route (bench only, no password): it signs the bench user in
 * through the framework's own session machinery, and its Set-Cookie is the session the load uses.
 *
 * @example
 * await send(port, 'POST', PEER_LOGIN_PATH);
 */
export const PEER_LOGIN_PATH = '/bench-login';
