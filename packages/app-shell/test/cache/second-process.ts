// The second process of two-process.http.test.ts: the same app on the same SQLite files (DATABASE_URL
// and the sessions file beside it), with its own read caches. Prints `READY <port>`; no mail worker
// runs here, so the first process's mail stays in its own development mailbox.
import { readAppConfig } from '../../src/app/index.js';
import { createHttpServer } from '../../src/app/http-server.js';
import { accountPagesApp } from '../app/account-pages-app.js';

const config = readAppConfig(process.env, { appRoot: import.meta.dirname, appName: 'two-process' });
const web = await accountPagesApp(config);
const server = createHttpServer(web.app).listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`READY ${typeof address === 'object' && address ? address.port : 0}\n`);
});
process.once('SIGTERM', () => {
  server.closeAllConnections();
  server.close();
  void web.close().finally(() => process.exit(0));
});
