/** The account mails: composed from overridable views and queued in the outbox. */
export { AccountMailer, type AccountMailerOptions, type AccountMailName } from './account-mailer.js';
