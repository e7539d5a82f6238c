// Subject: another process committing to the demo's SQLite files while the demo is measured, so
// its exact caches are measured under foreign writes (each commit empties the cache of the file it
// touched, in the measured process). argv: <folder> <logins per second>. It builds the demo on
// the same files (the measured subject has migrated them) and, at the given rate, commits what a
// sign-in commits: a new session record in sessions.db and `recordSignIn` on the accounts file. No
// password is hashed: scrypt would take the measured server's core, and only the writes matter
// here. Prints `READY 0` once writing.
import { digestSessionId, generateSessionId } from '@acme/auth-core';
import { BENCH_ORIGIN } from '../constants.js';
import { BENCH_SESSION_KEYS, loadDemo } from './demo-app.js';

const [dir = '', perSecond = '20'] = process.argv.slice(2);
const { createApp, loadConfig } = await loadDemo();
const config = loadConfig({ APP_ORIGIN: BENCH_ORIGIN, SESSION_KEYS: BENCH_SESSION_KEYS, SESSION_STORE: 'sqlite', DATABASE_URL: `${dir}/demo.db` });
config.securityLogSink = () => undefined;
const demo = await createApp(config);
const writer = await demo.services.users.create(`writer${process.pid}`, 'not-a-hash');
const timer = setInterval(() => {
  const now = Date.now();
  void demo.services.sessions
    .create(digestSessionId(generateSessionId()), { userId: writer.id, authEpoch: 1, createdAt: now, lastSeenAt: now }, 60_000)
    .then(() => demo.services.users.recordSignIn(writer.id))
    // A failed write is reported, not fatal: the measured subject must keep its writer.
    .catch((error: unknown) => process.stderr.write(`login writer: ${error instanceof Error ? error.message : String(error)}\n`));
}, 1000 / Number(perSecond));
process.stdout.write('READY 0\n');
process.once('SIGTERM', () => {
  clearInterval(timer);
  void demo.close().finally(() => process.exit(0));
});
