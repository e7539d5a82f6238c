import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_SCRYPT_PARAMS, openData, parseDataKeys, sealData } from '@acme/auth-core';
import { describe, expect, it, onTestFinished } from 'vitest';
import { DEV_DATA_KEY_FILE, developmentDataKey } from '../../src/app/index.js';
import { client } from '../../src/testing/index.js';
import { shippedAppPerTest } from '../pages/shipped-app.js';

const open = shippedAppPerTest();

describe('/dev/mail (development without SMTP_URL)', () => {
  it('shows what the worker delivered, newest first, each message readable with its links clickable', async () => {
    const d = await open();
    const { outbox, worker, devMailbox } = d.services.mail;
    expect(devMailbox).toBeDefined();
    await outbox.enqueueMail(d.services.db.kysely, { to: 'first@example.com', subject: 'First <b>one</b>', text: 'Hello', html: '<p>Hello</p>' });
    await outbox.enqueueMail(d.services.db.kysely, { to: 'second@example.com', subject: 'Second', text: 'Follow http://localhost:3000/email/verify/abc to confirm.\nBye', html: '<p>x</p>' });
    await worker.drain();
    const list = await client(d).get('/dev/mail');
    expect(list.status).toBe(200);
    expect(list.text.indexOf('second@example.com')).toBeLessThan(list.text.indexOf('first@example.com'));
    expect(list.text).toContain('First &lt;b&gt;one&lt;/b&gt;');
    const second = devMailbox?.list()[0];
    const page = await client(d).get(`/dev/mail/${second?.id ?? ''}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<a href="http://localhost:3000/email/verify/abc">http://localhost:3000/email/verify/abc</a>');
    expect(page.text).toContain(' to confirm.');
    expect((await client(d).get('/dev/mail/no-such-id')).status).toBe(404);
  });

  it('is a 404 once SMTP_URL is set, and in production', async () => {
    const withSmtp = await open({ config: { smtpUrl: 'smtp://127.0.0.1:1?tls=off' } });
    expect(withSmtp.services.mail.devMailbox).toBeUndefined();
    expect((await client(withSmtp).get('/dev/mail')).status).toBe(404);
    const production = await open({
      config: { production: true, sessionStore: undefined, sessionKeys: [randomBytes(32).toString('base64')], appOrigin: 'https://app.test', trustProxy: 1, scrypt: DEFAULT_SCRYPT_PARAMS, smtpUrl: 'smtps://mailer:pw@smtp.app.test:465' },
    });
    expect(production.services.mail.devMailbox).toBeUndefined();
    expect((await client(production).get('/dev/mail').set('X-Forwarded-Proto', 'https')).status).toBe(404);
  });
});

describe('developmentDataKey', () => {
  it('keeps one DATA_KEYS key in the data folder (0600), so mail queued before a restart opens after it', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'dev-data-key-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const first = developmentDataKey(dir);
    const sealed = sealData(parseDataKeys(first), 'queued mail', 'row');
    expect(developmentDataKey(dir)).toBe(first);
    expect(openData(parseDataKeys(developmentDataKey(dir)), sealed, 'row')).toBe('queued mail');
    expect((await stat(path.join(dir, DEV_DATA_KEY_FILE))).mode & 0o777).toBe(0o600);
    expect((await readFile(path.join(dir, DEV_DATA_KEY_FILE), 'utf8')).trim()).toBe(first);
  });
});
