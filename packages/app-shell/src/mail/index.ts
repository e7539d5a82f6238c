/** Mail: the persistent outbox in the app's database, the worker that delivers it, and the development mailbox. */
export { DevMailbox, type DevMail } from './dev-mailbox.js';
export { MailOutbox, type ClaimedJob, type MailOutboxOptions } from './outbox.js';
export type { MailMessage, MailTransport, OutgoingMail } from './types.js';
export { createSmtpTransport, SmtpUrlError, type SmtpTransportOptions } from './smtp-transport.js';
export { MailWorker, type MailTask, type MailWorkerEvent, type MailWorkerOptions } from './worker.js';
