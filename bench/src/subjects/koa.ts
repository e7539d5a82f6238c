// Subject: a bare Koa route, the ceiling for the demo (same framework, no middleware).
// argv: [busy µs]: with it, the route first spins the CPU that long (`pnpm bench --budget`
// measures what a given amount of added work per request does to the ratio).
import http from 'node:http';
import Koa from 'koa';
import { announce, koaHandler } from './serve.js';

const busyMs = Number(process.argv[2] ?? '0') / 1000;
const app = new Koa();
app.use((ctx) => {
  if (ctx.path === '/dashboard') {
    if (busyMs > 0) for (const end = performance.now() + busyMs; performance.now() < end; );
    ctx.type = 'html';
    ctx.body = '<!doctype html><title>dashboard</title><p>Hello.</p>';
  }
});
announce(http.createServer(koaHandler(app)));
