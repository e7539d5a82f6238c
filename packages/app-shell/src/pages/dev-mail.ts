import type Router from '@koa/router';
import type { DevMailbox } from '../mail/dev-mailbox.js';

/** One line of the message page: text, or a link to follow (made from http(s) URLs in the text part). */
type Piece = { text: string } | { href: string };

/** Splits a plain-text body into text and links, so the view renders links with autoescape on and no `| safe`. */
function linkify(line: string): Piece[] {
  const pieces: Piece[] = [];
  let rest = line;
  for (let match = /https?:\/\/[^\s<>"]+/.exec(rest); match; match = /https?:\/\/[^\s<>"]+/.exec(rest)) {
    if (match.index > 0) pieces.push({ text: rest.slice(0, match.index) });
    pieces.push({ href: match[0] });
    rest = rest.slice(match.index + match[0].length);
  }
  if (rest !== '') pieces.push({ text: rest });
  return pieces;
}

/**
 * Registers `GET /dev/mail` (what the app "sent", newest first) and `GET /dev/mail/:id` (one
 * message: its text part with clickable links). Only for development without SMTP_URL:
 * `createWebApp` never registers it in production, where the path is a 404.
 *
 * @example
 * if (services.mail?.devMailbox) devMailRoutes(router, services.mail.devMailbox);
 */
export function devMailRoutes(router: Router, mailbox: DevMailbox): void {
  router.get('/dev/mail', (ctx) => ctx.render('dev-mail.njk', { messages: mailbox.list() }));
  router.get('/dev/mail/:id', (ctx) => {
    const message = mailbox.find(ctx.params.id ?? '');
    if (!message) return ctx.throw(404);
    ctx.render('dev-mail-message.njk', { message, lines: message.text.split('\n').map(linkify) });
  });
}
