// A minimal app run by runServer, for run-server.test.ts: `node --import tsx serve-fixture.ts` with PORT set
// (and SESSION_STORE, default memory: production tests pass sqlite, which production accepts).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createWebApp, readAppConfig, runServer } from '../../src/app/index.js';

const appRoot = mkdtempSync(path.join(tmpdir(), 'run-server-'));
void runServer(
  () => readAppConfig({ ...process.env, SESSION_STORE: process.env.SESSION_STORE ?? 'memory', DATABASE_URL: ':memory:' }, { appRoot, appName: 'fixture' }),
  (config) => createWebApp({ config, routes: (router) => router.get('/', (ctx) => (ctx.body = 'ok')) }),
);
