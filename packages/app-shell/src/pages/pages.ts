import type Koa from 'koa';
import { pendingCsrfToken } from '@acme/auth-core/koa';

/** A one-time message shown on the next page. */
export interface Flash {
  /** Shown green or red. */
  kind: 'success' | 'error';
  /** The message (escaped by the view). */
  text: string;
}

declare module 'koa' {
  interface DefaultContext {
    /** Renders a view as the HTML response, with the layout's shared variables (set by `pages`). */
    render(view: string, data?: Record<string, unknown>): void;
    /** Sets a message for the next page (set by `pages`). */
    flash(kind: Flash['kind'], text: string): void;
  }
}

/** Options of {@link pages}. */
export interface PagesOptions {
  /** Renders a template to HTML; it must autoescape (nunjucks: `autoescape: true`). */
  render: (view: string, data: Record<string, unknown>) => string;
  /** The app's name, given to every view as `appName`. */
  appName: string;
}

/**
 * Adds `ctx.render(view, data)` and `ctx.flash(kind, text)`, independent of the template engine.
 * Every view gets `appName`, the signed-in `user`, the `csrfToken` (for the logout button and
 * forms) and the pending `flash` message, which is then cleared.
 *
 * Neither creates server-side state for an anonymous visitor (a GET never does): the anonymous
 * CSRF cookie is set only when the rendered page carries the token (a form) and the browser has
 * none, and `flash` writes only into a session that is signed in or already stored, since a
 * message is not worth a session record.
 *
 * @example
 * const env = new nunjucks.Environment(new nunjucks.FileSystemLoader('src/views'), { autoescape: true });
 * app.use(pages({ render: (view, data) => env.render(view, data), appName: 'shop' }));
 */
export function pages(options: PagesOptions): Koa.Middleware {
  const { render, appName } = options;
  return async function pageHelpers(ctx, next) {
    ctx.flash = (kind, text) => {
      const session = ctx.session;
      if (session && (typeof session.userId === 'string' || !session.isNew)) session.flash = { kind, text } satisfies Flash;
    };
    ctx.render = (view, data = {}) => {
      const session = ctx.session;
      const flash: unknown = session?.flash;
      if (session) delete session.flash;
      const pending = pendingCsrfToken(ctx);
      const html = render(view, { appName, user: ctx.state.user, csrfToken: pending?.token, flash, ...data });
      if (pending && html.includes(pending.token)) pending.use();
      ctx.type = 'text/html; charset=utf-8';
      ctx.body = html;
    };
    await next();
  };
}
