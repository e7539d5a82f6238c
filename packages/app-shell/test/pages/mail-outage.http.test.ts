/**
 * SEC-MAIL-05 over the shipped pages, on a real SMTP server: an outage during a forgot-password
 * changes nothing in the answer, is logged rather than shown, and loses nothing across a restart.
 */
import { generateDataKey, parseDataKeys } from '@acme/auth-core';
import { afterEach, expect, it, vi } from 'vitest';
import { client, TEST_PASSWORD } from '../../src/testing/index.js';
import { startSmtp, type TestSmtpServer } from '../mail/smtp-server.js';
import { freshSqliteDatabase } from '../services.js';
import { forgotPassword } from './mail-fixture.js';
import { type ShippedApp, shippedApp } from './shipped-app.js';

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

it('SEC-MAIL-05 SMTP down during forgot-password: the same answer; the mail waits; after a restart and the server’s return it arrives once', async () => {
  const db = await freshSqliteDatabase();
  cleanup.push(() => db.drop());
  // A port where nothing listens yet: the SMTP server is "down".
  const probe = await startSmtp();
  const port = probe.port;
  await probe.close();
  // One DATA_KEYS across the restart, as a deployment has (development keeps it in data/dev-data-key).
  const options = { config: { databaseUrl: db.url, smtpUrl: `smtp://127.0.0.1:${port}?tls=off`, dataKeys: parseDataKeys(generateDataKey()) } };
  const first: ShippedApp = await shippedApp(options);
  cleanup.push(() => first.close());
  // Development-only plain SMTP is allowed; production requires TLS (tested in smtp-transport.test.ts).
  expect(first.services.mail.devMailbox).toBeUndefined();
  const alice = await first.services.users.create('alice', await first.services.hasher.hash(TEST_PASSWORD));
  await first.services.users.setEmail(alice.id, { address: 'alice@example.test', normalized: 'alice@example.test' }, true);

  const known = await forgotPassword(client(first), 'alice@example.test');
  const unknown = await forgotPassword(client(first), 'nobody@example.test');
  expect(known.status).toBe(302);
  expect({ location: known.headers.location, body: known.text }).toEqual({ location: unknown.headers.location, body: unknown.text });

  // The outage is logged (the worker's default log: a JSON line on stderr), never shown.
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  let logged: string;
  try {
    await first.services.mail.worker.drain();
  } finally {
    logged = stderr.mock.calls.map(([chunk]) => String(chunk)).join('');
    stderr.mockRestore();
  }
  expect(logged).toMatch(/"type":"failed","kind":"mail"/);
  expect(await first.services.mail.outbox.pending()).toBe(1);
  await first.close();
  cleanup.pop();

  // The server comes back on its port; a new process (a restart) finds the mail and sends it.
  const smtp: TestSmtpServer = await startSmtp(port);
  cleanup.push(() => smtp.close());
  const second = await shippedApp(options);
  cleanup.push(() => second.close());
  second.clock.advance(2 * 3_600_000);
  await second.services.mail.worker.drain();
  expect(smtp.received).toHaveLength(1);
  const [mail] = smtp.received;
  expect(mail?.subject).toBe('Reset your throttle-test password');
  expect(mail?.to && 'value' in mail.to ? mail.to.value[0]?.address : undefined).toBe('alice@example.test');
  expect(mail?.text).toMatch(/\/password\/reset\/[A-Za-z0-9_-]{43}/);
  expect(await second.services.mail.outbox.pending()).toBe(0);
  await second.services.mail.worker.drain();
  expect(smtp.received).toHaveLength(1);
});
