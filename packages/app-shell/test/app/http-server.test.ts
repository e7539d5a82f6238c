import net, { type AddressInfo } from 'node:net';
import Koa from 'koa';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createHttpServer, HEADERS_TIMEOUT_MS, REQUEST_TIMEOUT_MS } from '../../src/app/index.js';

/** Listens on a free port; closed after the test. */
async function listening(server: ReturnType<typeof createHttpServer>): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return (server.address() as AddressInfo).port;
}

/** Opens a socket, writes `text` and never finishes the request; resolves with what came back once the server closes it. */
function stall(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(text));
    let answer = '';
    socket.setEncoding('utf8').on('data', (d: string) => (answer += d));
    socket.on('close', () => resolve(answer)).on('error', reject);
  });
}

describe('the HTTP server cuts off slow clients in seconds', () => {
  it('has 10 s request and header timeouts, not Node’s 300 s and 60 s', () => {
    const server = createHttpServer(new Koa());
    expect(REQUEST_TIMEOUT_MS).toBe(10_000);
    expect(HEADERS_TIMEOUT_MS).toBe(10_000);
    expect(server.requestTimeout).toBe(REQUEST_TIMEOUT_MS);
    expect(server.headersTimeout).toBe(HEADERS_TIMEOUT_MS);
  });

  it('answers 408 and closes a connection whose headers never finish', async () => {
    const server = createHttpServer(new Koa(), { headersTimeoutMs: 200, requestTimeoutMs: 400, checkIntervalMs: 50 });
    const port = await listening(server);
    expect(await stall(port, 'GET / HTTP/1.1\r\nHost: localhost\r\n')).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('closes a connection whose body never finishes', async () => {
    const app = new Koa();
    app.silent = true;
    app.use(async (ctx) => {
      // Waits for a body that never completes, as the body parser would.
      await new Promise((resolve) => ctx.req.once('close', resolve));
    });
    const server = createHttpServer(app, { headersTimeoutMs: 200, requestTimeoutMs: 400, checkIntervalMs: 50 });
    const port = await listening(server);
    expect(await stall(port, 'POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\nabc')).toMatch(/^HTTP\/1\.1 408 /);
  });
});
