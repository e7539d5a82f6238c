import nodemailer from 'nodemailer';
import type { MailTransport, OutgoingMail } from './types.js';

/** Options of {@link createSmtpTransport}. */
export interface SmtpTransportOptions {
  /** SMTP_URL: `smtp://user:pass@host:587` (STARTTLS) or `smtps://user:pass@host:465` (TLS from the start). */
  url: string;
  /** MAIL_FROM: `Name <address>` or an address. */
  from: string;
  /** Production: plain `smtp://` must upgrade with STARTTLS (`requireTLS`), or sending fails. */
  production: boolean;
  /** Give up on a connection after this many ms. Default 10 000. */
  timeoutMs?: number | undefined;
}

/** Thrown by {@link createSmtpTransport} for an SMTP_URL it cannot use; the message names the variable, never the password. */
export class SmtpUrlError extends Error {
  /** Always `SmtpUrlError`. */
  override name = 'SmtpUrlError';
}

/**
 * Sends the outbox's mail through an SMTP server with nodemailer. `smtps://` speaks TLS from the
 * first byte; `smtp://` upgrades with STARTTLS, which production REQUIRES (`requireTLS`: a server
 * that does not offer it gets nothing, not a message in clear). Certificates are verified.
 * `?tls=off` in the URL allows plain SMTP in development (a local catcher); production refuses it.
 *
 * @example
 * const transport = createSmtpTransport({ url: process.env.SMTP_URL!, from: 'Shop <no-reply@shop.example>', production: true });
 */
export function createSmtpTransport(options: SmtpTransportOptions): MailTransport {
  let url: URL;
  try {
    url = new URL(options.url);
  } catch {
    throw new SmtpUrlError('SMTP_URL is not a URL: use smtp://user:password@host:587 (STARTTLS) or smtps://user:password@host:465.');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new SmtpUrlError(`SMTP_URL must start with smtp:// or smtps://, not ${url.protocol}//.`);
  const plainAllowed = url.searchParams.get('tls') === 'off';
  if (plainAllowed && options.production) throw new SmtpUrlError('SMTP_URL has tls=off: production sends mail only over TLS (smtps://, or smtp:// with STARTTLS).');
  const secure = url.protocol === 'smtps:';
  const timeout = options.timeoutMs ?? 10_000;
  const transporter = nodemailer.createTransport({
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port === '' ? (secure ? 465 : 587) : Number(url.port),
    secure,
    requireTLS: !secure && !plainAllowed,
    ignoreTLS: plainAllowed,
    ...(url.username === '' ? {} : { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }),
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    tls: { rejectUnauthorized: true },
  });
  return {
    async send(message: OutgoingMail) {
      await transporter.sendMail({ from: options.from, to: message.to, subject: message.subject, text: message.text, html: message.html, messageId: message.messageId });
    },
  };
}
