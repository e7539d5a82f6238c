import { mkdtempSync } from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type Koa from 'koa';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHttpServer, createWebApp, type HttpServerOptions, readAppConfig, type WebApp } from '../../src/app/index.js';
import { testAppConfig } from '../../src/testing/index.js';

/** Everything written to stderr through console.error / console.warn, one entry per call. */
let logged: string[] = [];
/** Resolves on the next console.error / console.warn call. */
let nextLog: Promise<void>;
let onLog = (): void => undefined;

beforeEach(() => {
  logged = [];
  nextLog = new Promise((resolve) => (onLog = resolve));
  const capture = (...args: unknown[]) => {
    logged.push(args.map((a) => (a instanceof Error ? (a.stack ?? a.message) : String(a))).join(' '));
    onLog();
  };
  vi.spyOn(console, 'error').mockImplementation(capture);
  vi.spyOn(console, 'warn').mockImplementation(capture);
});

afterEach(() => {
  vi.restoreAllMocks();
});

interface Running {
  port: number;
  web: WebApp;
  /** The parsed bodies of the requests that went through the whole stack, in order. */
  bodies: unknown[];
  /** Resolves when the next request has gone through the whole stack. */
  nextSettled(): Promise<number>;
  /** Resolves when the next request enters the stack (its headers are in). */
  nextStarted(): Promise<void>;
}

const running: Running[] = [];
afterEach(async () => {
  for (const { web } of running.splice(0)) await web.close();
});

/** The app stack on a real listening server, recording each request's parsed body. */
async function start(timeouts: HttpServerOptions = {}): Promise<Running> {
  const appRoot = mkdtempSync(path.join(tmpdir(), 'request-body-'));
  const { config } = testAppConfig(readAppConfig({ SESSION_STORE: 'memory' }, { appRoot, appName: 'fixture' }));
  const web = await createWebApp({
    config,
    routes: (router) => {
      router.get('/', (ctx) => (ctx.body = 'ok'));
    },
  });
  const bodies: unknown[] = [];
  const waiters: ((status: number) => void)[] = [];
  const starters: (() => void)[] = [];
  // Outermost: sees every request enter and leave the stack, however it ended.
  const watch: Koa.Middleware = async (ctx, next) => {
    for (const s of starters.splice(0)) s();
    try {
      await next();
    } finally {
      bodies.push((ctx.request as { body?: unknown }).body);
      for (const w of waiters.splice(0)) w(ctx.status);
    }
  };
  web.app.middleware.unshift(watch);
  const server = createHttpServer(web.app, timeouts);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const run: Running = {
    port: (server.address() as AddressInfo).port,
    web: { ...web, close: async () => (await new Promise((r) => server.close(r)), await web.close()) },
    bodies,
    nextSettled: () => new Promise((resolve) => waiters.push(resolve)),
    nextStarted: () => new Promise((resolve) => starters.push(resolve)),
  };
  running.push(run);
  return run;
}

/** Sends `head` + `body` on a raw socket; resolves with everything the server answered once it closes. */
function send(port: number, head: string, body: Buffer | string = ''): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(Buffer.concat([Buffer.from(head), Buffer.from(body)])));
    let answer = '';
    socket.setEncoding('utf8').on('data', (d: string) => (answer += d));
    socket.on('close', () => resolve(answer)).on('error', reject);
  });
}

/** A form POST to /form with `encoding`, closed after the answer. */
function formPost(port: number, body: Buffer | string, encoding: string): Promise<string> {
  const length = Buffer.byteLength(body);
  return send(port, `POST /form HTTP/1.1\r\nHost: localhost\r\nAccept: application/json\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Encoding: ${encoding}\r\nContent-Length: ${length}\r\nConnection: close\r\n\r\n`, body);
}

const STACK = /\n\s+at /;

describe('malformed request bodies are client errors, not 500s', () => {
  it('SEC-MISC-03 a body that is not what its Content-Encoding: gzip says is a 400, with no stack trace logged', async () => {
    const { port } = await start();
    const answer = await formPost(port, 'username=alice&password=not-gzip', 'gzip');
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).not.toMatch(/zlib|Z_DATA_ERROR| at /);
    expect(logged).toEqual([]);
  });

  it('a real gzip body is still read (and an unknown encoding is a 415)', async () => {
    const { port, bodies } = await start();
    // Read, then refused by the CSRF check that runs after the body parser.
    expect(await formPost(port, gzipSync('username=alice'), 'gzip')).toMatch(/^HTTP\/1\.1 403 /);
    expect(bodies).toEqual([{ username: 'alice' }]);
    expect(await formPost(port, 'username=alice', 'foo')).toMatch(/^HTTP\/1\.1 415 /);
    expect(logged).toEqual([]);
  });

  it('a GET is never parsed: a broken gzip body on it neither fails the request nor reaches ctx.request.body', async () => {
    const { port, bodies } = await start();
    const body = 'username=alice&password=not-gzip';
    const answer = await send(port, `GET / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Encoding: gzip\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`, body);
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
    expect(bodies).toEqual([undefined]);
    expect(logged).toEqual([]);
  });

  it.each<[string, string, Buffer]>([
    ['a plain body', 'identity', Buffer.from('username=al')],
    ['a gzip body', 'gzip', gzipSync('username=alice&password=' + 'x'.repeat(200)).subarray(0, 20)],
  ])('SEC-MISC-03 a request abandoned mid-body (%s) ends as a 400, logs one line without a stack, and the server carries on', async (_label, encoding, part) => {
    const run = await start();
    const started = run.nextStarted();
    const settled = run.nextSettled();
    const socket = net.connect(run.port, '127.0.0.1');
    const head = `POST /form HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Encoding: ${encoding}\r\nContent-Length: 1000\r\n\r\n`;
    socket.write(Buffer.concat([Buffer.from(head), part]));
    // Once the app has the request (and is waiting for the other bytes of its body), hang up.
    await started;
    socket.destroy();
    expect(await settled).toBe(400);
    await nextLog;
    expect(await send(run.port, 'GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n')).toMatch(/^HTTP\/1\.1 200 /);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(/^POST \/form: the connection ended before the request was complete \(\w+\)\.$/);
    expect(logged[0]).not.toMatch(STACK);
  });

  it('SEC-MISC-03 a body trickled past the request timeout is cut off with a 408 and one log line without a stack', async () => {
    const run = await start({ headersTimeoutMs: 200, requestTimeoutMs: 400, checkIntervalMs: 50 });
    const settled = run.nextSettled();
    const answer = await send(run.port, 'POST /form HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n', 'username=al');
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    await settled;
    await nextLog;
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(/^POST \/form: the connection ended before the request was complete \(\w+\)\.$/);
  });
});
