import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { Duplex } from 'node:stream';
import { median } from './stats.js';

/** Options of {@link inProcessCost}. */
export interface InProcessOptions {
  /** Request path. Default `/dashboard`. */
  path?: string | undefined;
  /** Request headers besides `host` (e.g. the session cookie). */
  headers?: IncomingHttpHeaders | undefined;
  /** Requests per round. Default 20,000. */
  requests?: number | undefined;
  /** Rounds after the warm-up. Default 5. */
  rounds?: number | undefined;
}

/** What {@link inProcessCost} measured: CPU µs per request over the rounds, and the status answered. */
export interface InProcessCost {
  /** The status of the last answer (check it is the one the route should give). */
  status: number;
  /** CPU µs per request, one per round. */
  roundsUs: number[];
  /** The lowest round: the least disturbed by the machine. */
  minUs: number;
  /** The median round. */
  medianUs: number;
}

/** A request handler: a Koa app's `callback()` (which returns a promise) or any `node:http` listener. */
export type InProcessHandler = (req: IncomingMessage, res: ServerResponse) => unknown;

/** A socket stand-in that swallows what the response writes and never reads. */
function sinkSocket(): Duplex {
  return new Duplex({
    read() {
      // Nothing to read: the request's body is ended below.
    },
    write(_chunk, _encoding, done) {
      done();
    },
    writev(_chunks, done) {
      done();
    },
  });
}

/** One GET through `handler` with Node's own request and response objects over a sink socket. */
function oneRequest(handler: InProcessHandler, path: string, headers: IncomingHttpHeaders): Promise<number> {
  const socket = sinkSocket();
  // Node's types ask for a net.Socket; the request and the response only use it as a stream.
  const req = new http.IncomingMessage(socket as never);
  req.method = 'GET';
  req.url = path;
  req.httpVersion = '1.1';
  req.httpVersionMajor = 1;
  req.httpVersionMinor = 1;
  req.headers = { host: '127.0.0.1', ...headers };
  req.push(null);
  req.complete = true;
  const res = new http.ServerResponse(req);
  res.assignSocket(socket as never);
  return new Promise((resolve) => {
    res.once('finish', () => resolve(res.statusCode));
    // The answer is awaited through 'finish'; a handler's own promise (Koa's) settles with it.
    void handler(req, res);
  });
}

/**
 * What one GET costs an app's own code, without sockets or the HTTP parser: it drives `handler`
 * (a Koa app's `callback()`, or any `node:http` listener) in this process with Node's own request
 * and response objects over a socket that swallows what is written, one request at a time, and
 * reads this process's CPU time around each round. A warm-up of a tenth of `requests` (at least
 * 5,000) goes first, so the rounds run optimized code. Steady to a few percent where load tests
 * over loopback swing far more, it is the instrument for A/B work on the hot path
 * (`pnpm --filter @acme/bench in-process`). It leaves out what every app pays alike: parsing the
 * request and writing to the socket.
 *
 * @example
 * const cost = await inProcessCost(app.callback(), { headers: { cookie } });
 * console.log(cost.status, cost.minUs.toFixed(1));
 */
export async function inProcessCost(handler: InProcessHandler, options: InProcessOptions = {}): Promise<InProcessCost> {
  const path = options.path ?? '/dashboard';
  const headers = options.headers ?? {};
  const requests = options.requests ?? 20_000;
  const rounds = options.rounds ?? 5;
  let status = 0;
  for (let i = 0; i < Math.max(5_000, Math.ceil(requests / 10)); i += 1) status = await oneRequest(handler, path, headers);
  const roundsUs: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const start = process.cpuUsage();
    for (let i = 0; i < requests; i += 1) status = await oneRequest(handler, path, headers);
    const used = process.cpuUsage(start);
    roundsUs.push((used.user + used.system) / requests);
  }
  return { status, roundsUs, minUs: Math.min(...roundsUs), medianUs: median(roundsUs) };
}
