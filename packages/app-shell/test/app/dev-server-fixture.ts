// An app with accounts run by runServer the way a generated src/server.ts runs it, for
// dev-session-key.test.ts: `node --import tsx dev-server-fixture.ts` with FIXTURE_ROOT set to the
// app folder (its .env files and data/ live there).
import { readAppConfig, runServer, withEnvFiles } from '../../src/index.js';
import { accountPagesApp } from './account-pages-app.js';

const appRoot = process.env.FIXTURE_ROOT ?? '';
void runServer(() => readAppConfig(withEnvFiles(appRoot), { appRoot, appName: 'dev-fixture' }), accountPagesApp);
