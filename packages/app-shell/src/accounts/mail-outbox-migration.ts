import type { Kysely, Migration } from 'kysely';

/**
 * Adds `mail_outbox`: mail (and deferred mail tasks) a request wrote in its own transaction, for
 * the worker to deliver at least once. `payload` is sealed with DATA_KEYS (a queued reset link is
 * a secret); a worker holds a row through `lease_owner`/`lease_until` while it sends, and
 * deletes the row once delivered, so no delivered body stays in the database.
 */
export const mailOutboxMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('mail_outbox')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('message_id', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'text', (c) => c.notNull())
      .addColumn('lease_owner', 'text')
      .addColumn('lease_until', 'text')
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('mail_outbox_due').on('mail_outbox').column('next_attempt_at').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('mail_outbox').execute();
  },
};
