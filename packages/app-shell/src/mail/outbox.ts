import { randomBytes, randomUUID } from 'node:crypto';
import { type DataKeyring, openData, sealData } from '@acme/auth-core';
import type { Kysely, Transaction } from 'kysely';
import type { AccountsSchema } from '../accounts/schema.js';
import type { MailMessage } from './types.js';

/** The longest wait between two attempts at one message. */
const MAX_BACKOFF_MS = 60 * 60_000;
/** The first retry comes after about this long; each failure doubles it. */
const FIRST_BACKOFF_MS = 30_000;

/** One job a worker holds the lease of. */
export interface ClaimedJob {
  /** The row id. */
  id: string;
  /** `mail` or a task name. */
  kind: string;
  /** The opened payload; `undefined` when no key of DATA_KEYS opens it any more. */
  payload: Record<string, unknown> | undefined;
  /** The Message-ID fixed at enqueue. */
  messageId: string;
  /** Failed attempts before this one. */
  attempts: number;
  /** Who holds the lease (the claiming worker). */
  owner: string;
}

/** Options of {@link MailOutbox}. */
export interface MailOutboxOptions {
  /** DATA_KEYS: payloads are sealed with the newest key. */
  keyring: DataKeyring;
  /** The domain of Message-IDs (APP_ORIGIN's host name). */
  messageIdDomain: string;
  /** The database is PostgreSQL (claims use `FOR UPDATE SKIP LOCKED`); SQLite otherwise. */
  postgres: boolean;
  /** The clock in ms since the epoch (a fake one in tests). */
  now?: (() => number) | undefined;
}

type Executor = Kysely<AccountsSchema> | Transaction<AccountsSchema>;

/**
 * The persistent outbox in the app's database (`mail_outbox`). A request writes its mail in its
 * own transaction (`enqueueMail`) and returns: nothing about delivery reaches the response. A
 * worker leases one due job at a time (`claim`: one atomic statement, `FOR UPDATE SKIP LOCKED`
 * on PostgreSQL, a conditional `UPDATE … RETURNING` on SQLite, so two workers never hold one
 * job), then deletes it once sent (`complete`) or releases it with exponential backoff
 * (`retryLater`). A worker that dies loses only its lease: the job is due again when it ends.
 * Payloads are sealed with DATA_KEYS, bound to their row id.
 *
 * @example
 * await db.kysely.transaction().execute(async (trx) => {
 *   await users.changePassword(id, hash);
 *   await outbox.enqueueMail(trx, { to, subject, text, html });
 * });
 */
export class MailOutbox {
  readonly #db: Kysely<AccountsSchema>;
  readonly #options: MailOutboxOptions;
  readonly #now: () => number;

  /** @param db - the app's database, migrated (`0007_mail_outbox`). */
  constructor(db: Kysely<AccountsSchema>, options: MailOutboxOptions) {
    this.#db = db;
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  /** Queues a mail; part of `executor`'s transaction when it is one. */
  async enqueueMail(executor: Executor, message: MailMessage): Promise<void> {
    await this.enqueueTask(executor, 'mail', { ...message });
  }

  /** Queues a task for the worker (e.g. a forgot-password request it must look up). */
  async enqueueTask(executor: Executor, kind: string, payload: Record<string, unknown>): Promise<void> {
    const id = randomUUID();
    const time = new Date(this.#now()).toISOString();
    await executor
      .insertInto('mail_outbox')
      .values({
        id,
        kind,
        payload: sealData(this.#options.keyring, JSON.stringify(payload), `mail_outbox:${id}`),
        message_id: `<${randomBytes(16).toString('hex')}@${this.#options.messageIdDomain}>`,
        next_attempt_at: time,
        lease_owner: null,
        lease_until: null,
        last_error: null,
        created_at: time,
      })
      .execute();
  }

  /** Leases one due job for `leaseMs` to `owner`, atomically; `undefined` when none is due. */
  async claim(owner: string, leaseMs: number): Promise<ClaimedJob | undefined> {
    const now = new Date(this.#now()).toISOString();
    const leaseUntil = new Date(this.#now() + leaseMs).toISOString();
    let due = this.#db
      .selectFrom('mail_outbox')
      .select('id')
      .where('next_attempt_at', '<=', now)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
      .orderBy('next_attempt_at')
      .limit(1);
    if (this.#options.postgres) due = due.forUpdate().skipLocked();
    const row = await this.#db
      .updateTable('mail_outbox')
      .set({ lease_owner: owner, lease_until: leaseUntil })
      .where('id', '=', due)
      // Checked again in the same statement: on SQLite this is what makes the claim exclusive.
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
      .returning(['id', 'kind', 'payload', 'message_id', 'attempts'])
      .executeTakeFirst();
    if (!row) return undefined;
    return { id: row.id, kind: row.kind, payload: parsePayload(openData(this.#options.keyring, row.payload, `mail_outbox:${row.id}`)), messageId: row.message_id, attempts: Number(row.attempts), owner };
  }

  /** Deletes a delivered job (the purge: no delivered body stays); false when the lease was lost. */
  async complete(job: ClaimedJob): Promise<boolean> {
    const result = await this.#db.deleteFrom('mail_outbox').where('id', '=', job.id).where('lease_owner', '=', job.owner).executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  }

  /** Releases a failed job to be tried again after a backoff that doubles per failure (capped at an hour, with jitter). */
  async retryLater(job: ClaimedJob, reason: string): Promise<void> {
    const backoff = Math.min(FIRST_BACKOFF_MS * 2 ** Math.min(job.attempts, 20), MAX_BACKOFF_MS);
    const next = this.#now() + Math.round(backoff * (0.75 + Math.random() * 0.25));
    await this.#db
      .updateTable('mail_outbox')
      .set({ attempts: job.attempts + 1, next_attempt_at: new Date(next).toISOString(), lease_owner: null, lease_until: null, last_error: reason.slice(0, 500) })
      .where('id', '=', job.id)
      .where('lease_owner', '=', job.owner)
      .execute();
  }

  /** How many jobs wait (for tests and health checks). */
  async pending(): Promise<number> {
    const row = await this.#db.selectFrom('mail_outbox').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }
}

function parsePayload(json: string | undefined): Record<string, unknown> | undefined {
  if (json === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
