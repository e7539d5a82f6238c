import Router from '@koa/router';
import type { DevMailbox } from '../mail/dev-mailbox.js';

/** What `Router#routes()` returns, which Koa's `app.use` takes as it is. */
type RouterMiddleware = ReturnType<Router['routes']>;

/** Where the development mailbox lives: every route of {@link devMailRoutes} is under it. */
export const DEV_MAIL_PATH = '/dev/mail';

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
  router.get(DEV_MAIL_PATH, (ctx) => ctx.render('dev-mail.njk', { messages: mailbox.list() }));
  router.get(`${DEV_MAIL_PATH}/:id`, (ctx) => {
    const message = mailbox.find(ctx.params.id ?? '');
    if (!message) return ctx.throw(404);
    ctx.render('dev-mail-message.njk', { message, lines: message.text.split('\n').map(linkify) });
  });
}

/**
 * The development mailbox's pages as one middleware, on a router of their own (the app's router,
 * which the route audit checks, holds the app's routes). Only paths under {@link DEV_MAIL_PATH}
 * reach that router: @koa/router works out the host and builds a chain on every request it sees,
 * a few µs even when nothing matches. Without a mailbox (production, or SMTP_URL set) it only
 * passes the request on, and the path is a 404.
 *
 * @example
 * app.use(devMailPages(config.production ? undefined : services.mail?.devMailbox));
 */
export function devMailPages(mailbox: DevMailbox | undefined): RouterMiddleware {
  if (!mailbox) {
    return function noDevMail(_ctx, next) {
      return next();
    };
  }
  const router = new Router();
  devMailRoutes(router, mailbox);
  const routes = router.routes();
  return async function devMail(ctx, next) {
    if (ctx.path === DEV_MAIL_PATH || ctx.path.startsWith(`${DEV_MAIL_PATH}/`)) await routes(ctx, next);
    else await next();
  };
}
