import { generateDataKey, parseDataKeys } from '@acme/auth-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountMigrations, type AccountsSchema, type Db, migrateToLatest, openDatabase } from '../../src/accounts/index.js';
import { createSmtpTransport, MailOutbox, MailWorker, SmtpUrlError } from '../../src/mail/index.js';
import { freshSqliteDatabase } from '../services.js';
import { startSmtp } from './smtp-server.js';

const mail = { to: 'alice@example.com', subject: 'Reset your password', text: 'Follow https://app.example/password/reset/abc', html: '<p>Hello &lt;b&gt;alice&lt;/b&gt;</p>', messageId: '<fixed-id@app.example>' };

describe('createSmtpTransport (nodemailer, against a real SMTP server)', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  beforeAll(async () => {
    smtp = await startSmtp();
  });
  afterAll(() => smtp.close());

  it('delivers the text and HTML parts, the sender and the fixed Message-ID', async () => {
    const transport = createSmtpTransport({ url: `smtp://127.0.0.1:${smtp.port}?tls=off`, from: 'Demo <no-reply@app.example>', production: false });
    await transport.send(mail);
    const got = smtp.received.at(-1);
    expect(got?.subject).toBe('Reset your password');
    expect(got?.text?.trim()).toBe(mail.text);
    expect(got?.html).toContain('&lt;b&gt;alice&lt;/b&gt;');
    expect(got?.messageId).toBe('<fixed-id@app.example>');
    expect(got?.from?.value[0]).toMatchObject({ name: 'Demo', address: 'no-reply@app.example' });
  });

  it('part of SEC-MAIL-05: production sends only over TLS: a server without STARTTLS gets nothing, and tls=off is refused', async () => {
    const before = smtp.received.length;
    const transport = createSmtpTransport({ url: `smtp://127.0.0.1:${smtp.port}`, from: 'no-reply@app.example', production: true, timeoutMs: 3000 });
    await expect(transport.send(mail)).rejects.toThrow(/STARTTLS|TLS/i);
    expect(smtp.received.length).toBe(before);
    expect(() => createSmtpTransport({ url: `smtp://127.0.0.1:${smtp.port}?tls=off`, from: 'x@app.example', production: true })).toThrow(SmtpUrlError);
  });

  it.each([
    ['not a url', /not a URL/],
    ['http://mail.example', /smtp:\/\/ or smtps:\/\//],
  ])('refuses SMTP_URL %j with a message naming it', (url, message) => {
    expect(() => createSmtpTransport({ url, from: 'x@app.example', production: false })).toThrow(message);
  });

  it('never echoes the password of a bad URL', () => {
    try {
      createSmtpTransport({ url: 'ftp://user:hunter2-secret@mail.example', from: 'x@app.example', production: false });
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).not.toContain('hunter2');
    }
  });
});

describe('the worker over real SMTP', () => {
  let db: Db<AccountsSchema>;
  let drop: () => Promise<void>;
  let clock = Date.UTC(2026, 0, 1);
  beforeAll(async () => {
    const fresh = await freshSqliteDatabase();
    drop = () => fresh.drop();
    db = openDatabase<AccountsSchema>(fresh.url);
    await migrateToLatest(db.kysely, accountMigrations);
  });
  afterAll(async () => {
    await db.kysely.destroy();
    await drop();
  });

  it('part of SEC-MAIL-05: SMTP down → the mail waits in the outbox; the server comes back → it arrives once, with its Message-ID', async () => {
    const outbox = new MailOutbox(db.kysely, { keyring: parseDataKeys(generateDataKey()), messageIdDomain: 'app.example', postgres: false, now: () => clock });
    // Find a free port, then leave it closed: the server is "down".
    const probe = await startSmtp();
    const port = probe.port;
    await probe.close();
    const transport = createSmtpTransport({ url: `smtp://127.0.0.1:${port}?tls=off`, from: 'no-reply@app.example', production: false, timeoutMs: 2000 });
    const failures: string[] = [];
    const worker = new MailWorker({ outbox, transport, log: (e) => (e.type === 'failed' ? failures.push(e.reason ?? '') : undefined) });
    await outbox.enqueueMail(db.kysely, { to: 'bob@example.com', subject: 'Your password was changed', text: 'notice', html: '<p>notice</p>' });
    await worker.drain();
    expect(failures).toHaveLength(1);
    expect(await outbox.pending()).toBe(1);

    const smtp = await startSmtp(port);
    try {
      clock += 60_000;
      await worker.drain();
      expect(smtp.received).toHaveLength(1);
      expect(smtp.received[0]?.subject).toBe('Your password was changed');
      expect(smtp.received[0]?.messageId).toMatch(/^<[0-9a-f]{32}@app\.example>$/);
      expect(await outbox.pending()).toBe(0);
    } finally {
      await smtp.close();
    }
  });
});
