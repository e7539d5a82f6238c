import autocannon from 'autocannon';

/** Requests per second and how many answers were not the expected status class. */
export interface LoadResult {
  rps: number;
  unexpected: number;
}

/**
 * Runs autocannon against `http://127.0.0.1:<port><path>` for `seconds` with `connections`
 * keep-alive connections; counts answers outside `expect` (`2xx` or `3xx`), errors and timeouts.
 *
 * @example
 * const { rps } = await load(port, '/dashboard', { seconds: 5, expect: '2xx', headers: { cookie } });
 */
export async function load(port: number, path: string, options: { seconds: number; expect: '2xx' | '3xx'; connections?: number; headers?: Record<string, string> }): Promise<LoadResult> {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}${path}`,
    connections: options.connections ?? 32,
    duration: options.seconds,
    headers: options.headers ?? {},
    timeout: 10,
  });
  const total = result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx'];
  return { rps: result.requests.total / result.duration, unexpected: total - result[options.expect] + result.errors + result.timeouts };
}
