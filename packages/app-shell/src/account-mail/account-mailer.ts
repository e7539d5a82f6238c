import { checkEmailAddress } from '@acme/auth-core';
import type { Kysely, Transaction } from 'kysely';
import { viewEnvironment } from '../app/views.js';
import type { AccountsSchema } from '../accounts/schema.js';
import type { MailOutbox } from '../mail/outbox.js';

/** The account mails the shell sends; each has a text and an HTML view under `views/mail/`. */
export type AccountMailName = 'verify-email' | 'registration-attempt' | 'password-reset' | 'password-changed' | 'email-changed' | 'security-notice';

/** Subject lines, by mail (the app's name is configuration, never user input: no header injection). */
const SUBJECTS: Readonly<Record<AccountMailName, (appName: string) => string>> = {
  'verify-email': (app) => `Confirm your email address for ${app}`,
  'registration-attempt': (app) => `Someone tried to create a ${app} account with your address`,
  'password-reset': (app) => `Reset your ${app} password`,
  'password-changed': (app) => `Your ${app} password was changed`,
  'email-changed': (app) => `The email address of your ${app} account was changed`,
  'security-notice': (app) => `A change to the security of your ${app} account`,
};

/** Options of {@link AccountMailer}. */
export interface AccountMailerOptions {
  /** Where mail is queued. */
  outbox: MailOutbox;
  /** The app's database (the executor when the caller has no transaction). */
  db: Kysely<AccountsSchema>;
  /** The app's folder: `mail/<name>.txt.njk` and `.html.njk` are looked up in its `src/views` first, then the shell's. */
  appRoot: string;
  /** Named in subjects and bodies. */
  appName: string;
  /** APP_ORIGIN: every link is built from it, never from a request's `Host`. */
  appOrigin: string;
}

/**
 * Composes the account mails (verification, reset, notices) from nunjucks views an app can
 * override, and queues them in the outbox, in the caller's transaction when it passes one. Links
 * are absolute URLs on APP_ORIGIN. The HTML part is autoescaped, so a username such as `<b>` arrives
 * as text.
 *
 * @example
 * await mailer.queue('password-changed', user.email, { username: user.username });
 * await mailer.queue('password-reset', email, { username, link: mailer.link(`/password/reset/${token}`) }, trx);
 */
export class AccountMailer {
  readonly #html;
  readonly #text;

  /** @param options - see {@link AccountMailerOptions}. */
  constructor(private readonly options: AccountMailerOptions) {
    this.#html = viewEnvironment(options.appRoot);
    this.#text = viewEnvironment(options.appRoot, { html: false });
  }

  /** An absolute link on APP_ORIGIN to `path` (which starts with `/`). */
  link(path: string): string {
    if (!path.startsWith('/') || path.startsWith('//')) throw new TypeError(`AccountMailer.link: "${path}" is not a path on this app`);
    return new URL(path, this.options.appOrigin).href;
  }

  /**
   * Queues mail `name` to `user`'s VERIFIED address (an unproven address gets no account mail),
   * with `username` and a `forgotLink` added to `data`; does nothing when the account has none.
   *
   * @example
   * await mailer.notify(user, 'security-notice', { what: 'A passkey was added to your account.' });
   */
  async notify(user: { username: string; email: string | null; emailVerified: boolean }, name: AccountMailName, data: Readonly<Record<string, unknown>>): Promise<void> {
    if (user.email === null || !user.emailVerified) return;
    await this.queue(name, user.email, { username: user.username, forgotLink: this.link('/password/forgot'), ...data });
  }

  /**
   * Renders mail `name` for `to` with `data` (plus `appName` and `appOrigin`) and queues it, as
   * part of `executor`'s transaction when it is one. Throws a TypeError for an address
   * `checkEmailAddress` refuses (forms check it first, so this is a programmer error).
   */
  async queue(name: AccountMailName, to: string, data: Readonly<Record<string, unknown>>, executor: Kysely<AccountsSchema> | Transaction<AccountsSchema> = this.options.db): Promise<void> {
    const address = checkEmailAddress(to);
    if (!address.ok) throw new TypeError(`AccountMailer.queue: "${to}" is not a deliverable address`);
    const { appName, appOrigin, outbox } = this.options;
    const context = { appName, appOrigin, ...data };
    await outbox.enqueueMail(executor, {
      to: address.address,
      subject: SUBJECTS[name](appName),
      text: this.#text.render(`mail/${name}.txt.njk`, context),
      html: this.#html.render(`mail/${name}.html.njk`, context),
    });
  }
}
