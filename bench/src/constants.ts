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

/**
 * How many extra accounts the demo subject creates for the login flood (`bench-1` … `bench-200`,
 * all with BENCH_PASSWORD): each flood login is a different account from a different address, as
 * a crowd of visitors is, so the flood reaches the hasher's queue rather than the per-account and
 * per-address login limits, which would (rightly) refuse one account signing in 200 times at once.
 *
 * @example
 * floodUser(0); // { username: 'bench-1', ip: '198.18.0.1' }
 */
export const FLOOD_USERS = 200;

/**
 * The account and client address of the flood's `i`-th login (addresses from 198.18.0.0/15, the
 * range set aside for benchmarks; the demo subject trusts one proxy, so X-Forwarded-For counts).
 *
 * @example
 * floodUser(0); // { username: 'bench-1', ip: '198.18.0.1' }
 */
export function floodUser(i: number): { username: string; ip: string } {
  return { username: `${BENCH_USER}-${i + 1}`, ip: `198.18.${(i + 1) >> 8}.${(i + 1) & 255}` };
}
