import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import type Koa from 'koa';
import type { AddressInfo } from 'node:net';

/**
 * Listens on 127.0.0.1 (a free port), prints `READY <port>` on stdout for the harness, and closes
 * the server, then `cleanup`, on SIGTERM.
 *
 * @example
 * announce(http.createServer(handler));
 */
export function announce(server: Server, cleanup: () => Promise<void> = () => Promise.resolve()): void {
  server.keepAliveTimeout = 30_000;
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo;
    process.stdout.write(`READY ${port}\n`);
  });
  process.once('SIGTERM', () => {
    server.closeAllConnections();
    server.close();
    cleanup()
      .then(() => process.exit(0))
      .catch(() => process.exit(1));
    setTimeout(() => process.exit(1), 3_000).unref();
  });
}

/**
 * A Koa app's request handler as a plain `node:http` listener (Koa's own returns a promise).
 *
 * @example
 * http.createServer(koaHandler(app));
 */
export function koaHandler(app: Koa): RequestListener {
  const callback = app.callback();
  return (req: IncomingMessage, res: ServerResponse) => void callback(req, res);
}
