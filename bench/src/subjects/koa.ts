// Subject: a bare Koa route, the ceiling for the demo (same framework, no middleware).
import http from 'node:http';
import Koa from 'koa';
import { announce, koaHandler } from './serve.js';

const app = new Koa();
app.use((ctx) => {
  if (ctx.path === '/dashboard') {
    ctx.type = 'html';
    ctx.body = '<!doctype html><title>dashboard</title><p>Hello.</p>';
  }
});
announce(http.createServer(koaHandler(app)));
