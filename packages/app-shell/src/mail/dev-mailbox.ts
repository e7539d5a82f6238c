import { randomUUID } from 'node:crypto';
import type { MailTransport, OutgoingMail } from './types.js';

/** A message kept by {@link DevMailbox}. */
export interface DevMail extends OutgoingMail {
  /** Its id in `/dev/mail/<id>`. */
  id: string;
  /** When it was "sent". */
  sentAt: Date;
}

/**
 * The development transport, used when SMTP_URL is unset outside production: it keeps the last
 * `limit` messages in memory for `/dev/mail` instead of sending them, so the whole account
 * lifecycle works on a laptop with nothing installed.
 *
 * @example
 * const mailbox = new DevMailbox();
 * new MailWorker({ outbox, transport: mailbox, … });
 */
export class DevMailbox implements MailTransport {
  readonly #messages: DevMail[] = [];

  /** @param limit - how many messages to keep (the oldest go first). */
  constructor(private readonly limit = 50) {}

  /** Keeps `message`. */
  send(message: OutgoingMail): Promise<void> {
    this.#messages.unshift({ ...message, id: randomUUID(), sentAt: new Date() });
    this.#messages.length = Math.min(this.#messages.length, this.limit);
    return Promise.resolve();
  }

  /** The kept messages, newest first. */
  list(): readonly DevMail[] {
    return [...this.#messages];
  }

  /** One kept message by id. */
  find(id: string): DevMail | undefined {
    return this.#messages.find((m) => m.id === id);
  }
}
