import { generateDataKey, parseDataKeys } from '@acme/auth-core';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { accountMigrations, type AccountsSchema, type Db, migrateToLatest, openDatabase } from '../../src/accounts/index.js';
import { DevMailbox, MailOutbox, MailWorker, type MailWorkerEvent, type OutgoingMail } from '../../src/mail/index.js';
import { freshPostgresDatabase, freshSqliteDatabase } from '../services.js';

const keyring = parseDataKeys(generateDataKey());
const message = (n: number) => ({ to: `user${n}@example.com`, subject: `Reset your password ${n}`, text: `secret link ${n}`, html: `<p>secret link ${n}</p>` });

function outboxSuite(label: string, postgres: boolean, open: () => Promise<{ url: string; drop: () => Promise<void> }>) {
  describe(`MailOutbox and MailWorker on ${label}`, () => {
    let db: Db<AccountsSchema>;
    let drop: () => Promise<void>;
    let url: string;
    let clock = Date.UTC(2026, 0, 1);
    const now = () => clock;
    const outbox = (kysely = db.kysely) => new MailOutbox(kysely, { keyring, messageIdDomain: 'app.example', postgres, now });
    beforeAll(async () => {
      const fresh = await open();
      drop = fresh.drop;
      url = fresh.url;
      db = openDatabase<AccountsSchema>(fresh.url);
      await migrateToLatest(db.kysely, accountMigrations);
    });
    beforeEach(async () => {
      await db.kysely.deleteFrom('mail_outbox').execute();
    });
    afterAll(async () => {
      await db.kysely.destroy();
      await drop();
    });

    it('part of SEC-MAIL-05: a mail written in a transaction that rolls back is never queued; one that commits is, sealed', async () => {
      const box = outbox();
      await expect(
        db.kysely.transaction().execute(async (trx) => {
          await box.enqueueMail(trx, message(1));
          throw new Error('the request failed');
        }),
      ).rejects.toThrow('the request failed');
      expect(await box.pending()).toBe(0);
      await db.kysely.transaction().execute((trx) => box.enqueueMail(trx, message(2)));
      const raw = JSON.stringify(await sql`select * from mail_outbox`.execute(db.kysely));
      expect(raw).not.toContain('secret link');
      expect(raw).not.toContain('user2@example.com');
      expect(await box.pending()).toBe(1);
    });

    it('part of SEC-MAIL-05: two workers never hold one job: parallel claims from two outboxes lease each job once', async () => {
      const a = outbox();
      const b = outbox();
      for (let i = 0; i < 6; i++) await a.enqueueMail(db.kysely, message(i));
      const claims = await Promise.all(Array.from({ length: 16 }, (_, i) => (i % 2 ? a : b).claim(`worker-${i % 2}`, 60_000)));
      const ids = claims.filter((c) => c !== undefined).map((c) => c.id);
      expect(ids).toHaveLength(6);
      expect(new Set(ids).size).toBe(6);
      expect(await a.claim('worker-0', 60_000)).toBeUndefined();
    });

    it('part of SEC-MAIL-05: a lease that ends (a dead worker) makes the job due again; the old holder can no longer complete it', async () => {
      const box = outbox();
      await box.enqueueMail(db.kysely, message(1));
      const first = await box.claim('dead', 1000);
      if (!first) throw new Error('claimed');
      expect(await box.claim('alive', 1000)).toBeUndefined();
      clock += 1001;
      const second = await box.claim('alive', 1000);
      expect(second?.id).toBe(first.id);
      expect(second?.messageId).toBe(first.messageId);
      expect(await box.complete(first)).toBe(false);
      if (!second) throw new Error('claimed');
      expect(await box.complete(second)).toBe(true);
      expect(await box.pending()).toBe(0);
    });

    it('part of SEC-MAIL-05: a failed send is retried after a backoff with the same Message-ID, delivered once the transport works, then purged', async () => {
      const box = outbox();
      await box.enqueueMail(db.kysely, message(7));
      const mailbox = new DevMailbox();
      let down = true;
      const seen: OutgoingMail[] = [];
      const events: MailWorkerEvent[] = [];
      const transport = {
        send: async (m: OutgoingMail) => {
          seen.push(m);
          if (down) throw new Error('connect ECONNREFUSED 127.0.0.1:2525');
          await mailbox.send(m);
        },
      };
      const worker = new MailWorker({ outbox: box, transport, log: (e) => events.push(e) });
      await worker.drain();
      expect(events).toEqual([{ type: 'failed', kind: 'mail', attempts: 1, reason: 'connect ECONNREFUSED 127.0.0.1:2525' }]);
      expect(await box.pending()).toBe(1);
      await worker.drain();
      expect(seen).toHaveLength(1); // not due yet: backoff
      clock += 31_000;
      down = false;
      await worker.drain();
      expect(seen).toHaveLength(2);
      expect(seen[1]?.messageId).toBe(seen[0]?.messageId);
      expect(seen[1]?.messageId).toMatch(/^<[0-9a-f]{32}@app\.example>$/);
      expect(mailbox.list()).toMatchObject([{ to: 'user7@example.com', subject: 'Reset your password 7', text: 'secret link 7' }]);
      expect(await box.pending()).toBe(0);
    });

    it('part of SEC-MAIL-05: runs tasks by name, and drops (logs) a job no key of DATA_KEYS opens any more', async () => {
      const box = outbox();
      const ran: unknown[] = [];
      await box.enqueueTask(db.kysely, 'password-reset-request', { email: 'a@example.com' });
      await new MailOutbox(db.kysely, { keyring: parseDataKeys(generateDataKey()), messageIdDomain: 'app.example', postgres, now }).enqueueMail(db.kysely, message(9));
      const events: MailWorkerEvent[] = [];
      const worker = new MailWorker({
        outbox: box,
        transport: new DevMailbox(),
        tasks: {
          'password-reset-request': (payload) => {
            ran.push(payload);
            return Promise.resolve();
          },
        },
        log: (e) => events.push(e),
      });
      await worker.drain();
      expect(ran).toEqual([{ email: 'a@example.com' }]);
      expect(events.map((e) => e.type).sort()).toEqual(['task_done', 'unreadable']);
      expect(await box.pending()).toBe(0);
    });

    it('part of SEC-MAIL-05: a restart loses nothing: what a process queued and left unsent, a new process delivers', async () => {
      const before = openDatabase<AccountsSchema>(url);
      await outbox(before.kysely).enqueueMail(before.kysely, message(3));
      await before.kysely.destroy();
      const mailbox = new DevMailbox();
      const worker = new MailWorker({ outbox: outbox(), transport: mailbox, pollMs: 5 });
      worker.start();
      await expect.poll(() => mailbox.list().length, { timeout: 5000 }).toBe(1);
      await worker.stop();
      expect(mailbox.list()[0]?.to).toBe('user3@example.com');
    });
  });
}

outboxSuite('a SQLite file', false, () => freshSqliteDatabase());
outboxSuite('PostgreSQL', true, () => freshPostgresDatabase());
