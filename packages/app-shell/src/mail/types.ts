/** A mail as the app composes it; the sender comes from MAIL_FROM. */
export interface MailMessage {
  /** One recipient address, checked by `checkEmailAddress` (no CR/LF). */
  to: string;
  /** The subject line. */
  subject: string;
  /** The plain-text part. */
  text: string;
  /** The HTML part (user data escaped by the view). */
  html: string;
}

/** A message ready to send: with the Message-ID fixed when it was queued. */
export interface OutgoingMail extends MailMessage {
  /** `<random@domain>`: the same on every retry, so a receiver can drop a duplicate. */
  messageId: string;
}

/** Sends one message; rejects when it could not (the worker retries later). */
export interface MailTransport {
  /** Delivers `message` to its recipient's server (or, in development, to `/dev/mail`). */
  send(message: OutgoingMail): Promise<void>;
}
