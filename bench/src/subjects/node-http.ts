// Subject: a bare node:http handler, the ceiling for any framework on this machine.
import http from 'node:http';
import { announce } from './serve.js';

const body = Buffer.from('<!doctype html><title>dashboard</title><p>Hello.</p>');
announce(
  http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length });
    res.end(body);
  }),
);
