import http from 'node:http';

/** A response: status, Set-Cookie pairs and body text. */
export interface Reply {
  status: number;
  cookies: Record<string, string>;
  body: string;
}

/** One keep-alive agent for the harness's own requests (logins, probes); autocannon brings its own. */
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

/**
 * Sends one request to 127.0.0.1:`port` and reads the whole reply. Rejects after `timeoutMs`.
 *
 * @example
 * const reply = await send(3000, 'GET', '/healthz');
 */
export function send(port: number, method: string, path: string, headers: Record<string, string> = {}, body = '', timeoutMs = 60_000): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, agent, timeout: timeoutMs }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, cookies: parseSetCookie(res.headers['set-cookie'] ?? []), body: text }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${path} timed out`)));
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * `name → value` of Set-Cookie headers (attributes dropped).
 *
 * @example
 * parseSetCookie(['sid=abc; path=/; httponly']); // { sid: 'abc' }
 */
export function parseSetCookie(lines: readonly string[]): Record<string, string> {
  const jar: Record<string, string> = {};
  for (const line of lines) {
    const pair = /^([^=;\s]+)=([^;]*)/.exec(line);
    if (pair?.[1] !== undefined && pair[2] !== undefined) jar[pair[1]] = pair[2];
  }
  return jar;
}

/**
 * A Cookie header from a jar.
 *
 * @example
 * cookieHeader({ sid: 'a', 'sid.sig': 'b' }); // 'sid=a; sid.sig=b'
 */
export function cookieHeader(jar: Record<string, string>): string {
  return Object.entries(jar).map(([k, v]) => `${k}=${v}`).join('; ');
}

/**
 * Closes the harness's keep-alive sockets, so the process can exit.
 *
 * @example
 * closeClient();
 */
export function closeClient(): void {
  agent.destroy();
}
