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
    /** Renders a view as the HTML response, with the layout's shared variables (set by `pageHelpers`). */
    render(view: string, data?: Record<string, unknown>): void;
    /** Sets a message for the next page (set by `pageHelpers`). */
    flash(kind: Flash['kind'], text: string): void;
  }
}

/** Options of {@link pageHelpers}. */
export interface PagesOptions {
  /** Renders a template to HTML; it must autoescape (nunjucks: `autoescape: true`). */
  render: (view: string, data: Record<string, unknown>) => string;
  /** The app's name, given to every view as `appName`. */
  appName: string;
}

/**
 * Gives every request of `app` `ctx.render(view, data)` and `ctx.flash(kind, text)`, independent of
 * the template engine. Every view gets `appName`, the signed-in `user`, the `csrfToken` (for the
 * logout button and forms) and the pending `flash` message, which is then cleared.
 *
 * Neither creates server-side state for an anonymous visitor (a GET never does): the anonymous
 * CSRF cookie is set only when the rendered page carries the token (a form) and the browser has
 * none, and `flash` writes only into a session that is signed in or already stored, since a
 * message is not worth a session record.
 *
 * They are methods of `app.context` (Koa's way to extend every `ctx`), defined once, not
 * middleware: two closures over `ctx` made on every request cost about a sixth of an anonymous
 * redirect's server time in `pnpm bench`. As methods they also exist before any middleware runs,
 * so the error page of a request refused early renders like any other page.
 *
 * @example
 * const env = new nunjucks.Environment(new nunjucks.FileSystemLoader('src/views'), { autoescape: true });
 * pageHelpers(app, { render: (view, data) => env.render(view, data), appName: 'shop' });
 */
export function pageHelpers(app: Koa, options: PagesOptions): void {
  const { render, appName } = options;
  app.context.flash = function flash(this: Koa.Context, kind: Flash['kind'], text: string): void {
    const session = this.session;
    if (session && (typeof session.userId === 'string' || !session.isNew)) session.flash = { kind, text } satisfies Flash;
  };
  app.context.render = function renderView(this: Koa.Context, view: string, data: Record<string, unknown> = {}): void {
    const session = this.session;
    const flash: unknown = session?.flash;
    if (session) delete session.flash;
    const pending = pendingCsrfToken(this);
    const html = render(view, { appName, user: this.state.user, csrfToken: pending?.token, flash, ...data });
    if (pending && html.includes(pending.token)) pending.use();
    this.type = 'text/html; charset=utf-8';
    this.body = html;
  };
}
